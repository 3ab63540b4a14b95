import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { CoreModule, createGqlContext, formatGraphqlError, type ResolvedConfig } from '@plein/core';
import { BlogsModule } from '@plein/blogs';
import { BusinessModule } from '@plein/business';
import { DirectoryModule } from '@plein/directory';
import { GroupsModule } from '@plein/groups';
import { IdentityModule } from '@plein/identity';
import { MessagesModule } from '@plein/messages';
import { BarriersModule } from '@plein/barriers';
import { InsightsModule } from '@plein/insights';
import { MailModule } from '@plein/mail';
import { ModerationModule } from '@plein/moderation';
import { NotificationsModule } from '@plein/notifications';
import { PolicyModule } from '@plein/policy';
import { RealtimeLogModule, RealtimeModule } from '@plein/realtime';
import { UploadsModule } from '@plein/uploads';
import { LoggerModule, type Params as LoggerParams } from 'nestjs-pino';
import { ENTITIES } from '../../../orm.js';
import { HealthController } from './health.controller.js';
import { FollowRealtimeListener } from './follow-realtime.listener.js';
import { HttpErrorFilter } from './http-error.filter.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';
import { requestIdMiddleware } from './request-id.middleware.js';
import { WelcomeModule } from './welcome/welcome.module.js';

/** GraphQL abuse limits, checked before execution. */
export const GRAPHQL_LIMITS = { maxDepth: 10, maxAliases: 15, maxTokens: 3000, maxCost: 60000, maxDirectives: 30 };

/**
 * When a whole operation failed because Plein is overloaded or its database is gone (no data at
 * all), answer with the HTTP status a load balancer and a client understand: 503 or 429, with
 * Retry-After. Partial failures keep 200, as GraphQL expects.
 */
const statusPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse(ctx: { response: { body: { kind: string; singleResult?: { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] } }; http: { status?: number; headers: Map<string, string> } } }) {
        const result = ctx.response.body.kind === 'single' ? ctx.response.body.singleResult : undefined;
        if (!result?.errors?.length || result.data) return;
        const codes = result.errors.map((e) => e.extensions?.code);
        if (codes.includes('SERVICE_UNAVAILABLE')) {
          ctx.response.http.status = 503;
          ctx.response.http.headers.set('retry-after', '5');
        } else if (codes.every((c) => c === 'RATE_LIMITED')) {
          ctx.response.http.status = 429;
          const retry = result.errors[0].extensions?.retryAfterSeconds;
          ctx.response.http.headers.set('retry-after', String(typeof retry === 'number' ? retry : 60));
        }
      },
    };
  },
};

export function graphqlOptions(config: ResolvedConfig): ApolloDriverConfig {
  const production = config.nodeEnv === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    // Token count is enforced by graphql-js's parser itself (parseOptions below): a clear message, before validation.
    maxTokens: { enabled: false },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, ignoreIntrospection: true },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: config.graphqlIntrospection,
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    // Nest would reset every execution-error response to 200; statusPlugin decides instead.
    preserveHttpStatusForExecutionErrors: false,
    playground: false,
    includeStacktraceInErrorResponses: false,
    // Compact JSON (Apollo pretty-prints by default: more bytes and CPU on every response).
    stringifyResult: (result: unknown) => JSON.stringify(result),
    context: createGqlContext,
    // Apollo ships ESM and CJS type declarations; Nest's types see the CJS ones. Same objects at run time.
    plugins: [
      statusPlugin,
      ...protection.plugins,
      // Apollo's default cache-control plugin wraps every field resolver (Plein sends no cache
      // hints): switched off, no plugin hooks a field and execution runs without instrumentation.
      ApolloServerPluginCacheControlDisabled(),
      config.graphqlPlayground ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ] as unknown as ApolloDriverConfig['plugins'],
    validationRules: protection.validationRules,
    formatError: (formatted, error) => formatGraphqlError(formatted, error, production),
  };
}

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: ResolvedConfig, logging: LoggerParams = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(logging),
        CoreModule.forRoot({ config, entities: ENTITIES, workerEnabled: config.workerInline }),
        PolicyModule,
        IdentityModule.forRoot({ jwtSecret: config.jwtSecret, http: true }),
        DirectoryModule,
        RealtimeModule,
        RealtimeLogModule,
        UploadsModule,
        MessagesModule,
        BarriersModule,
        InsightsModule,
        NotificationsModule,
        GroupsModule,
        BlogsModule,
        BusinessModule,
        ModerationModule,
        WelcomeModule,
        MailModule.forApi(),
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions(config)),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }, { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor }, FollowRealtimeListener],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestIdMiddleware).forRoutes('*path');
  }
}
