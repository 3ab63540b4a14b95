import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { Loading } from '../../components/States.js';
import { navigate } from '../../lib/router.js';
import { graphql } from '../../lib/gql.js';

// The welcome is seen once per person: its own chunk, never in the first screen's bundle.
const WelcomePage = lazy(() => import('./Welcome.js').then((m) => ({ default: m.WelcomePage })));
const WELCOME = graphql(`query WelcomeState { welcome { pending } }`);

/** Shows the first-login welcome instead of the page until it is finished or skipped. */
export function WelcomeGate({ children }: { children: ReactNode }) {
  const [{ data, fetching }] = useQuery({ query: WELCOME });
  const [done, setDone] = useState(false);
  if (fetching && !data) return <Loading />;
  if (data?.welcome.pending && !done) {
    return (
      <Suspense fallback={<Loading />}>
        <WelcomePage onDone={() => { setDone(true); navigate('/'); }} />
      </Suspense>
    );
  }
  return <>{children}</>;
}
