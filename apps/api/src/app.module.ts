import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { CoreModule, createGqlContext, formatGraphqlError, type ResolvedConfig } from '@plein/core';
import { BlogsModule } from '@plein/blogs';
import { BusinessModule } from '@plein/business';
import { DirectoryModule } from '@plein/directory';
import { GroupsModule } from '@plein/groups';
import { IdentityModule } from '@plein/identity';
import { MessagesModule } from '@plein/messages';
import { InsightsModule } from '@plein/insights';
import { ModerationModule } from '@plein/moderation';
import { NotificationsModule } from '@plein/notifications';
import { PolicyModule } from '@plein/policy';
import { RealtimeLogModule, RealtimeModule } from '@plein/realtime';
import { UploadsModule } from '@plein/uploads';
import { ENTITIES } from '../../../orm.js';
import { HealthController } from './health.controller.js';
import { FollowRealtimeListener } from './follow-realtime.listener.js';
import { HttpErrorFilter } from './http-error.filter.js';
import { requestIdMiddleware } from './request-id.middleware.js';

/** GraphQL abuse limits, checked before execution. */
export const GRAPHQL_LIMITS = { maxDepth: 10, maxAliases: 15, maxTokens: 3000, maxCost: 60000, maxDirectives: 30 };

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
    playground: false,
    includeStacktraceInErrorResponses: false,
    context: createGqlContext,
    // Apollo ships ESM and CJS type declarations; Nest's types see the CJS ones. Same objects at run time.
    plugins: [
      ...protection.plugins,
      config.graphqlPlayground ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ] as unknown as ApolloDriverConfig['plugins'],
    validationRules: protection.validationRules,
    formatError: (formatted, error) => formatGraphqlError(formatted, error, production),
  };
}

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ config, entities: ENTITIES, workerEnabled: config.workerInline }),
        PolicyModule,
        IdentityModule.forRoot({ jwtSecret: config.jwtSecret, http: true }),
        DirectoryModule,
        RealtimeModule,
        RealtimeLogModule,
        UploadsModule,
        MessagesModule,
        InsightsModule,
        NotificationsModule,
        GroupsModule,
        BlogsModule,
        BusinessModule,
        ModerationModule,
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions(config)),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }, FollowRealtimeListener],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestIdMiddleware).forRoutes('*path');
  }
}
