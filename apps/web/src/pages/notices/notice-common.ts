import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { graphql, type ResultOf } from '../../lib/gql.js';

export const STATUSES = ['INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED'] as const;
export const NoticeSummaryFields = graphql(`fragment NoticeSummaryFields on Notice { id title severity status services regions startsAt resolvedAt }`);
export const SERVICES = graphql(`query FollowedServices { followedServices }`);
export const FOLLOW_SERVICE = graphql(`mutation FollowService($name: String!) { followService(name: $name) }`);
export const UNFOLLOW_SERVICE = graphql(`mutation UnfollowService($name: String!) { unfollowService(name: $name) }`);
const ROLES = graphql(`query MyRoles { me { id roles } }`);

export type Status = (typeof STATUSES)[number];
export type NoticeSummary = ResultOf<typeof NoticeSummaryFields>;

/** Whether the signed-in person may publish notices, read from the server (roles count per request). */
export function useCanPublish(): boolean | null {
  const client = useClient();
  const [can, setCan] = useState<boolean | null>(null);
  useEffect(() => {
    // network-only: a role granted a moment ago counts (roles are read per request).
    void client
      .query(ROLES, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => setCan(!!res.data?.me.roles.some((r) => r === 'NOTICE_PUBLISHER' || r === 'ADMIN')));
  }, [client]);
  return can;
}
