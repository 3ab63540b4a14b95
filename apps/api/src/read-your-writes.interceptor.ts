import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ReadReplicas, type GqlContext } from '@plein/core';
import { finalize, type Observable } from 'rxjs';

/**
 * After a GraphQL mutation, the person's reads stay on the primary for a few seconds
 * (ReadReplicas.noteWrite), so a feed served by a lagging replica never hides their own post.
 * Runs on root resolvers only (Nest's default for interceptors); does nothing without replicas.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly reads: ReadReplicas) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reads.enabled || context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo<{ parentType: { name: string } }>().parentType.name !== 'Mutation') return next.handle();
    const req = gql.getContext<GqlContext>().req;
    // Noted before and after: reads inside the mutation are on the primary anyway; the later note
    // starts the window when the write has committed.
    const note = () => {
      const personId = (req.actor as { personId?: string } | undefined)?.personId;
      if (personId) this.reads.noteWrite(personId);
    };
    note();
    return next.handle().pipe(finalize(note));
  }
}
