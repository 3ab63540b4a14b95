import type { AppConfig, LdapConfig } from './config.js';

/**
 * The configuration after boot resolved the embedded defaults: a concrete database URL, LDAP URL
 * and token secret, whether they came from the environment or from the embedded servers.
 */
export type ResolvedConfig = Omit<AppConfig, 'databaseUrl' | 'jwtSecret' | 'ldap'> & {
  databaseUrl: string;
  jwtSecret: string;
  ldap: LdapConfig & { url: string };
};
