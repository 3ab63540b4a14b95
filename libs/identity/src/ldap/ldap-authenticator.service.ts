import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import LdapAuth from 'ldapauth-fork';
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

/**
 * ldapauth-fork (the client passport-ldapauth wraps) with one change: a username the directory does
 * not know still gets a user bind, against a DN that holds no account, with the given password.
 * So an unknown user and a known one with a wrong password go through exactly the same steps
 * (service bind, search, user bind, "invalid credentials") and take the same time: the answer's
 * timing no longer tells which usernames exist.
 */
class UniformLdapAuth extends LdapAuth {
  constructor(
    opts: LdapAuth.Options,
    private readonly decoyDn: string,
  ) {
    super(opts);
  }

  // Overrides ldapauth-fork's (undeclared) lookup step, which authenticate() calls before the user bind.
  _findUser(username: string, callback: (err: unknown, user?: Record<string, unknown>) => void): void {
    (LdapAuth.prototype as unknown as { _findUser: UniformLdapAuth['_findUser'] })._findUser.call(this, username, (err, user) => {
      if (err || user) return callback(err, user);
      callback(null, { dn: this.decoyDn, [DECOY]: true });
    });
  }
}

const DECOY = Symbol('decoy');

/** Errors that mean "wrong username or password" (AD adds sub-codes to InvalidCredentials). */
function isLoginFailure(err: unknown): boolean {
  if (typeof err === 'string') return /no such user/i.test(err);
  const name = err instanceof Error ? err.name : '';
  return name === 'InvalidCredentialsError' || name === 'NoSuchObjectError' || name === 'ConstraintViolationError';
}

/**
 * Login exactly as against Active Directory: a service-account bind, a search with the (escaped)
 * username, then a bind as the user; an unknown username binds a decoy DN instead (see
 * UniformLdapAuth). Tells "wrong password" (401) from "directory down" (503).
 */
@Injectable()
export class LdapAuthenticatorService {
  private readonly logger = new Logger('LdapAuthenticator');
  private readonly options: LdapAuth.Options;
  /** Under the search base, so the directory treats it as it would a person's DN; never an entry. */
  private readonly decoyDn: string;

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {
    const ldap = config.ldap;
    const tlsOptions: Record<string, unknown> = { rejectUnauthorized: ldap.tlsRejectUnauthorized };
    if (ldap.tlsCaFile) tlsOptions.ca = [readFileSync(ldap.tlsCaFile)];
    this.options = {
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
    } as LdapAuth.Options;
    this.decoyDn = `cn=plein-no-such-user-${randomBytes(6).toString('hex')},${ldap.searchBase}`;
  }

  authenticate(username: string, password: string): Promise<LdapUser> {
    return new Promise<LdapUser>((resolve, reject) => {
      // Checked by the caller too; an empty password would be an anonymous bind, which "succeeds".
      if (!username || !password) return reject(new InvalidCredentialsError());
      let settled = false;
      const settle = (fn: () => void) => {
        if (!settled) {
          settled = true;
          fn();
        }
      };
      const unavailable = (err: unknown) =>
        settle(() => {
          this.logger.warn({ msg: 'LDAP error during login', error: err instanceof Error ? err.message : String(err) });
          reject(new DirectoryUnavailableError(err));
        });
      let auth: UniformLdapAuth;
      try {
        auth = new UniformLdapAuth(this.options, this.decoyDn);
      } catch (err) {
        return unavailable(err);
      }
      auth.once('error', unavailable);
      auth.on('error', () => undefined);
      auth.authenticate(username, password, (err: unknown, user?: LdapUser & { [DECOY]?: true }) => {
        auth.close(() => undefined);
        if (err) return isLoginFailure(err) ? settle(() => reject(new InvalidCredentialsError())) : unavailable(err);
        // A directory that accepted the decoy bind (an anonymous-bind quirk) still logs nobody in.
        if (!user || user[DECOY]) return settle(() => reject(new InvalidCredentialsError()));
        settle(() => resolve(user));
      });
    });
  }
}
