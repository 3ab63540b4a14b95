import { useQuery } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { graphql } from '../../lib/gql.js';
import { PersonPage } from './Profile.js';

const ME = graphql(`query MeId { me { id } }`);

/** My own profile: /profile. */
export function ProfilePage() {
  const [{ data, error }, retry] = useQuery({ query: ME });
  // network-only: a retry after an error asks the server.
  if (error) return <ErrorState onRetry={() => retry({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  return <PersonPage id={data.me.id} />;
}
