import type { Request } from 'express';
import { RequestLoaders } from './loaders/request-loaders.js';

/** What every GraphQL resolver gets as context: the HTTP request and this request's loaders. */
export interface GqlContext {
  req: Request & { actor?: unknown };
  loaders: RequestLoaders;
}

export function createGqlContext({ req }: { req: Request }): GqlContext {
  return { req, loaders: new RequestLoaders() };
}
