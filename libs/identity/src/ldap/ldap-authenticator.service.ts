import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import LdapStrategy from 'passport-ldapauth';
import { APP_CONFIG, type ResolvedConfig } from '@plein/core';

/** The attributes we read from the directory (inetOrgPerson; AD maps these too). */
export interface LdapUser {
  dn: string;
  /** The manager's DN (inetOrgPerson `manager`). */
  manager?: string | string[];
  uid?: string;
  sAMAccountName?: string;
  cn?: string;
  givenName?: string;
  sn?: string;
  mail?: string;
  employeeNumber?: string;
  employeeType?: string;
  departmentNumber?: string;
  title?: string;
  l?: string;
}

export class InvalidCredentialsError extends Error {
  constructor() {
    super('Invalid username or password.');
  }
}

export class DirectoryUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The directory (LDAP) is unavailable. Please try again in a moment.', { cause });
  }
}

const ATTRIBUTES = ['dn', 'uid', 'sAMAccountName', 'cn', 'givenName', 'sn', 'mail', 'employeeNumber', 'employeeType', 'departmentNumber', 'title', 'l', 'manager'];

type StrategyActions = {
  success(user: LdapUser): void;
  fail(info?: unknown, status?: number): void;
  error(err: unknown): void;
  pass(): void;
  redirect(): void;
};

/**
 * Login through passport-ldapauth, exactly as against Active Directory: a service-account bind,
 * a search with the (escaped) username, then a bind as the user. Run without passport's middleware
 * so we can tell "wrong password" (401) from "directory down" (503); Nest's AuthGuard makes both 401.
 */
@Injectable()
export class LdapAuthenticatorService {
  private readonly logger = new Logger('LdapAuthenticator');
  private readonly strategy: InstanceType<typeof LdapStrategy>;

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {
    const ldap = config.ldap;
    const tlsOptions: Record<string, unknown> = { rejectUnauthorized: ldap.tlsRejectUnauthorized };
    if (ldap.tlsCaFile) tlsOptions.ca = [readFileSync(ldap.tlsCaFile)];
    this.strategy = new LdapStrategy({
      server: {
        url: ldap.url,
        bindDN: ldap.bindDn,
        bindCredentials: ldap.bindCredentials,
        searchBase: ldap.searchBase,
        searchFilter: ldap.searchFilter,
        searchAttributes: ATTRIBUTES,
        tlsOptions,
        timeout: ldap.timeoutMs,
        connectTimeout: ldap.timeoutMs,
        reconnect: false,
      },
      usernameField: 'username',
      passwordField: 'password',
      missingCredentialsStatus: 401,
    } as never);
  }

  authenticate(username: string, password: string): Promise<LdapUser> {
    return new Promise<LdapUser>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (!settled) {
          settled = true;
          fn();
        }
      };
      const actions: StrategyActions = {
        success: (user) => settle(() => resolve(user)),
        fail: () => settle(() => reject(new InvalidCredentialsError())),
        error: (err) =>
          settle(() => {
            this.logger.warn({ msg: 'LDAP error during login', error: err instanceof Error ? err.message : String(err) });
            reject(new DirectoryUnavailableError(err));
          }),
        pass: () => settle(() => reject(new InvalidCredentialsError())),
        redirect: () => settle(() => reject(new InvalidCredentialsError())),
      };
      const run = Object.assign(Object.create(this.strategy), actions) as { authenticate(req: unknown, opts: unknown): void };
      try {
        run.authenticate({ body: { username, password } }, {});
      } catch (err) {
        actions.error(err);
      }
    });
  }
}
