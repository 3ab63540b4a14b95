import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import LdapAuth from 'ldapauth-fork';
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

const DECOY = Symbol('decoy');
const INSTALLED = Symbol.for('plein.ldapauth.decoy');

type FindUser = (this: { opts: { decoyDn?: string } }, username: string, callback: (err: unknown, user?: Record<string | symbol, unknown>) => void) => void;

/**
 * One extension of ldapauth-fork, the client passport-ldapauth logs in with: for a client created
 * with our `decoyDn` option, a username the directory does not know still gets a user bind, against
 * a DN that holds no account, with the given password. So an unknown user and a known one with a
 * wrong password go through exactly the same steps (service bind, search, user bind, "invalid
 * credentials") and take the same time: the answer's timing no longer tells which usernames exist.
 * Clients without the option behave as before. Installed once per module instance.
 */
function installDecoyLookup(): void {
  const proto = LdapAuth.prototype as unknown as { _findUser: FindUser; [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const findUser = proto._findUser;
  proto._findUser = function (username, callback) {
    findUser.call(this, username, (err, user) => {
      const decoyDn = this.opts.decoyDn;
      if (err || user || !decoyDn) return callback(err, user);
      callback(null, { dn: decoyDn, [DECOY]: true });
    });
  };
  proto[INSTALLED] = true;
}
installDecoyLookup();

type StrategyActions = {
  success(user: LdapUser & { [DECOY]?: true }): void;
  fail(info?: unknown, status?: number): void;
  error(err: unknown): void;
  pass(): void;
  redirect(): void;
};

/**
 * Login through passport-ldapauth, exactly as against Active Directory: a service-account bind,
 * a search with the (escaped) username, then a bind as the user; an unknown username binds a decoy
 * DN instead (installDecoyLookup). Run without passport's middleware so we can tell "wrong password"
 * (401) from "directory down" (503); Nest's AuthGuard makes both 401.
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
        // Under the search base, so the directory treats it as it would a person's DN; never an entry.
        decoyDn: `cn=plein-no-such-user-${randomBytes(6).toString('hex')},${ldap.searchBase}`,
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
        // A directory that accepted the decoy bind (an anonymous-bind quirk) still logs nobody in.
        success: (user) => settle(() => (user[DECOY] ? reject(new InvalidCredentialsError()) : resolve(user))),
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
