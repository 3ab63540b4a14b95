import { graphql, type ResultOf } from '../../lib/gql.js';

/** What a list of posts shows of each (the blogs list, featured posts on home). */
export const POST_SUMMARY = graphql(`fragment BlogPostSummary on BlogPost {
  id title tags audience publishedAt commentCount likeCount coverUrl author { id displayName }
}`);

export type PostSummary = ResultOf<typeof POST_SUMMARY>;

/** Featured now: from at or before now, until after now (as the featuredPosts query decides). */
export function isFeatured(p: { featuredFrom: string | null; featuredUntil: string | null }, now = Date.now()): boolean {
  return !!p.featuredUntil && !!p.featuredFrom && Date.parse(p.featuredFrom) <= now && Date.parse(p.featuredUntil) > now;
}
