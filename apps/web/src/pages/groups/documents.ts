import { graphql, type ResultOf } from '../../lib/gql.js';
import { MessageCardFields } from '../../lib/messages.js';

/**
 * The GraphQL documents of the group screens (typed by gql.tada from schema.gql), shared by the
 * list, the group page and its admin tools so they agree on what a group is.
 */

/**
 * A message card in a group shows what every card shows: lib/messages' `MessageCardFields` (one
 * fragment with its original's fields written out, so the group feed stays within the api's depth
 * and cost limits).
 */
const GroupMessageFields = MessageCardFields;

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
      pinned { ...MessageCardFields }
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
      edges { node { ...MessageCardFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`,
  [GroupMessageFields],
);

/** One message, for a live "message.created" in the group. */
export const GROUP_MESSAGE = graphql(
  `
  query GroupMessage($id: ID!) { message(id: $id) { ...MessageCardFields } }
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
