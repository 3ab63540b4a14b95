import { createSecretKey } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { DirectoryModule } from '@plein/directory';
import { ActorService } from './auth/actor.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenService } from './auth/token.service.js';
import { ExpireSessionsJob } from './jobs/expire-sessions.job.js';
import { LdapAuthenticatorService } from './ldap/ldap-authenticator.service.js';

/**
 * Login (LDAP), sessions and tokens, and the global guard that turns a token into an actor.
 * `http: false` (the worker) leaves out the controller and the guard.
 */
@Module({})
export class IdentityModule {
  static forRoot(options: { jwtSecret: string; http: boolean }): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it
      // as a public key on every verify, which cost more than the HMAC itself.
      imports: [DirectoryModule, JwtModule.register({ secret: createSecretKey(Buffer.from(options.jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } })],
      controllers: options.http ? [AuthController] : [],
      providers: [
        TokenService,
        ActorService,
        LdapAuthenticatorService,
        ExpireSessionsJob,
        ...(options.http ? [{ provide: APP_GUARD, useClass: AuthGuard }] : []),
      ],
      exports: [TokenService, ActorService, LdapAuthenticatorService],
    };
  }
}
