import { graphql, type ResultOf } from '../../lib/gql.js';

/**
 * The GraphQL documents of the group screens (typed by gql.tada from schema.gql), shared by the
 * list, the group page and its admin tools so they agree on what a group is.
 */

/**
 * What a message card in a group shows (the fields of MessageCard). One fragment, its original's
 * fields written out: the api's depth and cost limits (graphql-armor) count each fragment spread as
 * a level, and a nested fragment takes the group feed over them.
 */
export const GroupMessageFields = graphql(`
  fragment GroupMessageFields on Message {
    id audience text moderationState createdAt editedAt likeCount replyCount reshareCount likedByMe rootId
    entities { links { url start end } mentions { personId uid start end } hashtags { tag start end } }
    author { id displayName employmentType photo { small } }
    mentions { id displayName }
    group { id name }
    images { id url alt width height }
    note
    original {
      id audience text moderationState createdAt editedAt likeCount replyCount reshareCount likedByMe rootId
      entities { links { url start end } mentions { personId uid start end } hashtags { tag start end } }
      author { id displayName employmentType photo { small } }
      mentions { id displayName }
      group { id name }
      images { id url alt width height }
    }
    campaignId campaign { id size authorCount }
  }
`);

/** A group in a list: its card and the viewer's membership pill. */
export const GroupCardFields = graphql(`
  fragment GroupCardFields on Group {
    id name description kind payrollOnly memberCount archived
    myMembership { status role }
  }
`);
export type GroupCardData = ResultOf<typeof GroupCardFields>;

export const GROUP_PAGE = graphql(
  `
  query GroupPage($id: ID!) {
    group(id: $id) {
      ...GroupCardFields
      audience category rules createdAt
      avatar { url } cover { url }
      viewerCan { read post join requestToJoin leave edit invite moderate archive delete transferOwnership }
      pinned { ...GroupMessageFields }
    }
  }
`,
  [GroupCardFields, GroupMessageFields],
);
/** The group as the group page and its admin tools know it. */
export type GroupPageData = ResultOf<typeof GROUP_PAGE>['group'];
export type Membership = GroupCardData['myMembership'];

export const GROUP_FEED = graphql(
  `
  query GroupFeed($id: ID!, $after: String) {
    groupFeed(groupId: $id, first: 20, after: $after) {
      edges { node { ...GroupMessageFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`,
  [GroupMessageFields],
);

/** One message, for a live "message.created" in the group. */
export const GROUP_MESSAGE = graphql(
  `
  query GroupMessage($id: ID!) { message(id: $id) { ...GroupMessageFields } }
`,
  [GroupMessageFields],
);

export const GROUP_MEMBERS = graphql(`
  query GroupMembers($id: ID!, $status: GroupMemberStatus, $q: String) {
    group(id: $id) {
      id
      members(status: $status, query: $q, first: 100) {
        edges { node { role status person { id displayName jobTitle photo { small } } } }
      }
    }
  }
`);
export type GroupMember = ResultOf<typeof GROUP_MEMBERS>['group']['members']['edges'][number]['node'];
export type MemberStatus = GroupMember['status'];
