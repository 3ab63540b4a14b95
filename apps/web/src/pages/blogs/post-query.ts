import { MODERATION_DECISION } from '../../components/ModerationDecision.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const COMMENT_FIELDS = graphql(
  `fragment BlogCommentFields on BlogComment {
  id text isAnswer createdAt likeCount moderationState moderationReason moderationAction { ...ModerationDecisionFields } author { id displayName }
}`,
  [MODERATION_DECISION],
);

/** A post's page: the post, what the reader may do with it, and its comments with their replies. */
export const POST = graphql(
  `query BlogPostPage($id: ID!) { blogPost(id: $id) {
    id title bodyHtml coverUrl tags audience status publishedAt commentsClosed likeCount likedByMe commentCount
    featuredFrom featuredUntil moderationState moderationReason moderationAction { ...ModerationDecisionFields }
    author { id displayName } blog { id subscribedByMe }
    viewerCan { edit feature seeStats }
    comments { ...BlogCommentFields replies { ...BlogCommentFields } }
  } }`,
  [COMMENT_FIELDS, MODERATION_DECISION],
);

export type Post = ResultOf<typeof POST>['blogPost'];
export type Comment = ResultOf<typeof COMMENT_FIELDS>;
