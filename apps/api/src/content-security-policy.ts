import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** A Host header we are willing to echo into the policy (name or IP, optional port). */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * The same origin's WebSocket (Socket.IO at /socket.io). CSP Level 3 browsers already match ws:/wss:
 * to 'self'; older ones (Safari before 15.4) need the origin spelt out, so it is, from the request.
 */
function sameOriginSockets(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return HOST.test(host) ? `ws://${host} wss://${host}` : '';
}

/**
 * The Content-Security-Policy of everything the api serves, the web app's HTML above all. Strict:
 * scripts and styles only from our own files (the built index.html has no inline script or style,
 * and the offline page's style is a file), no plugins, no <base> tricks, never framed; images from
 * us, data: and blob: (the photo cropper's previews); connections to us only (GraphQL, uploads,
 * the Socket.IO WebSocket). A violation means either an injection or a bug: it should never happen.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", (req: IncomingMessage) => sameOriginSockets(req)],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Express middleware setting the policy. With the GraphQL sandbox on (development only), the
 * sandbox page at /graphql loads its UI from a CDN and is left without a policy; nothing else is.
 */
export function contentSecurityPolicy(options: { graphqlSandbox: boolean }) {
  const csp = helmet.contentSecurityPolicy({ useDefaults: false, directives: CSP_DIRECTIVES });
  return (req: IncomingMessage & { path?: string }, res: ServerResponse, next: (err?: unknown) => void) => {
    if (options.graphqlSandbox && (req.path ?? req.url ?? '').startsWith('/graphql')) return next();
    csp(req, res, next);
  };
}
