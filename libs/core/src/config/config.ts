/**
 * Plein's configuration: every environment variable is read and validated here, once, at boot.
 * A bad or missing value stops the process with one line that names the variable
 * (see ConfigError), so an operator never has to read a stack trace to find a typo.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type NodeEnv = 'development' | 'production' | 'test';

export interface LdapConfig {
  /** ldap:// or ldaps:// URL; undefined means "start the embedded directory". */
  url: string | undefined;
  bindDn: string;
  bindCredentials: string;
  searchBase: string;
  searchFilter: string;
  tlsRejectUnauthorized: boolean;
  tlsCaFile: string | undefined;
  timeoutMs: number;
}

export interface RateLimitConfig {
  loginPerIp: number;
  loginPerUser: number;
  windowSeconds: number;
  /** Messages (posts, replies, reshares) one person may write per minute. */
  postsPerMinute: number;
  /** Files one person may upload per minute. */
  uploadsPerMinute: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** undefined means "start the embedded PostgreSQL in dataDir/pg". */
  databaseUrl: string | undefined;
  /** Read replicas for feed and search reads (DATABASE_READ_URLS); empty = everything on the primary. */
  databaseReadUrls: string[];
  /** Connections the api keeps to the primary (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  dataDir: string;
  redisUrl: string | undefined;
  ldap: LdapConfig;
  /** Secret for signing access tokens. Secret: never logged. */
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long a just-rotated refresh token is still accepted (parallel refreshes from two tabs). */
  refreshReuseGraceSeconds: number;
  cookieSecure: boolean;
  corsOrigin: string | undefined;
  trustProxy: boolean;
  rateLimit: RateLimitConfig;
  graphqlIntrospection: boolean;
  graphqlPlayground: boolean;
  /** Run the background job worker inside the api process (the default for the embedded setup). */
  workerInline: boolean;
  seedDemo: boolean;
  /** With seedDemo: six weeks of demo content too (default on, except under NODE_ENV=test, whose suites want a clean organisation). */
  seedDemoContent: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  mail: MailConfig;
}

export interface MailConfig {
  /** smtp:// or smtps:// URL (credentials in it are secret); undefined = write .eml files under dataDir/mail. */
  smtpUrl: string | undefined;
  /** The From header of every mail: "Plein <plein@example.com>". */
  from: string;
  /** Where links in mails point: the web app's origin as people reach it. */
  publicUrl: string;
}

/** Every variable Plein reads, with a one-line description; the README's table mirrors this list. */
export const CONFIG_VARIABLES: Record<string, string> = {
  NODE_ENV: 'development | production | test (default development)',
  PORT: 'HTTP port (default 3000)',
  HOST: 'interface to listen on (default 0.0.0.0)',
  DATABASE_URL: 'postgres:// URL; unset = embedded PostgreSQL in PLEIN_DATA_DIR/pg',
  DATABASE_READ_URLS: 'comma-separated postgres:// URLs of read replicas; feed and search reads go there (default none)',
  DATABASE_POOL_SIZE: 'connections the api keeps to the primary (default 20, 2-500)',
  PLEIN_DATA_DIR: 'where embedded data lives (default ./.data)',
  REDIS_URL: 'redis:// URL; set = Socket.IO Redis adapter instead of the Postgres adapter',
  LDAP_URL: 'ldap:// or ldaps:// URL; unset = embedded LDAP directory on loopback',
  LDAP_BIND_DN: 'service account DN used to search for users',
  LDAP_BIND_CREDENTIALS: 'service account password (secret)',
  LDAP_SEARCH_BASE: 'where people live (default ou=people,dc=plein,dc=local)',
  LDAP_SEARCH_FILTER: 'filter with {{username}} (default (uid={{username}}))',
  LDAP_TLS_REJECT_UNAUTHORIZED: 'true | false (default true)',
  LDAP_TLS_CA_FILE: 'PEM file with the CA for ldaps://',
  LDAP_TIMEOUT_MS: 'connect and operation timeout (default 5000)',
  JWT_SECRET: 'at least 32 characters; required when DATABASE_URL is set (secret)',
  ACCESS_TOKEN_TTL_SECONDS: 'access token lifetime (default 900)',
  REFRESH_TOKEN_TTL_SECONDS: 'refresh token lifetime (default 2592000 = 30 days)',
  REFRESH_REUSE_GRACE_SECONDS: 'a just-rotated refresh token is still accepted this long (two tabs refreshing at once); reuse after it ends the session (default 30)',
  COOKIE_SECURE: 'mark the refresh cookie Secure (default true in production)',
  CORS_ORIGIN: 'the one origin allowed to call the api from a browser (default: same origin only)',
  TRUST_PROXY: 'true behind a reverse proxy, so rate limits see the client IP (default false)',
  LOGIN_RATE_LIMIT_PER_IP: 'login attempts per IP per window (default 30)',
  LOGIN_RATE_LIMIT_PER_USER: 'failed logins per username from one address per window before that address is locked for the username; past it from all addresses together, logins for the username slow down (default 10)',
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: 'rate-limit window (default 300)',
  POST_RATE_LIMIT_PER_MINUTE: 'messages one person may post per minute (default 60)',
  UPLOAD_RATE_LIMIT_PER_MINUTE: 'files one person may upload per minute (default 30)',
  GRAPHQL_INTROSPECTION: 'allow schema introspection (default: off in production)',
  GRAPHQL_PLAYGROUND: 'serve the GraphQL sandbox page (default: off in production)',
  WORKER_INLINE: 'run background jobs inside the api process (default true when DATABASE_URL is unset)',
  SEED_DEMO: 'seed the demo organisation into an empty database (default true when DATABASE_URL is unset)',
  SEED_DEMO_CONTENT: 'with SEED_DEMO: also seed six weeks of messages, groups, blogs, notices and insights (default true, false when NODE_ENV=test)',
  LOG_LEVEL: 'debug | info | warn | error | silent (default info)',
  SMTP_URL: 'smtp:// or smtps:// URL of the mail relay (user:password in it are secret); unset = each mail is written as an .eml file under PLEIN_DATA_DIR/mail',
  MAIL_FROM: 'From header of notification and digest mail (default "Plein <plein@localhost>")',
  PUBLIC_URL: 'the web app\'s address as people reach it, for links in mail (default http://localhost:PORT)',
};

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return def;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return def;
  const v = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], def: T): T {
  const raw = str(env, name);
  if (raw === undefined) return def;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}`);
  }
  return raw;
}

/** A comma-separated list of postgres:// URLs (each validated like DATABASE_URL). */
function urlList(env: Env, name: string): string[] {
  const raw = str(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((part, i) => {
    const one = url({ [name]: part }, name, ['postgres:', 'postgresql:']);
    if (one === undefined) throw new ConfigError(name, `has an empty entry at position ${i + 1}`);
    return one;
  });
}

/** Reads and validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const ldapUrl = url(env, 'LDAP_URL', ['ldap:', 'ldaps:']);
  const databaseReadUrls = urlList(env, 'DATABASE_READ_URLS');
  if (databaseReadUrls.length && databaseUrl === undefined) {
    throw new ConfigError('DATABASE_READ_URLS', 'needs DATABASE_URL (the primary they replicate)');
  }
  const jwtSecret = str(env, 'JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  if (databaseUrl !== undefined && jwtSecret === undefined) {
    throw new ConfigError('JWT_SECRET', 'is required when DATABASE_URL is set (all api nodes must share it)');
  }
  if (ldapUrl !== undefined) {
    for (const name of ['LDAP_BIND_DN', 'LDAP_BIND_CREDENTIALS']) {
      if (str(env, name) === undefined) throw new ConfigError(name, 'is required when LDAP_URL is set');
    }
  }
  const searchFilter = str(env, 'LDAP_SEARCH_FILTER') ?? '(uid={{username}})';
  if (!searchFilter.includes('{{username}}')) {
    throw new ConfigError('LDAP_SEARCH_FILTER', 'must contain {{username}}');
  }
  const embedded = databaseUrl === undefined;
  const port = int(env, 'PORT', 3000, 0, 65535);
  const mailFrom = str(env, 'MAIL_FROM') ?? 'Plein <plein@localhost>';
  // One address, optionally with a display name: "Plein <plein@example.com>" or "plein@example.com".
  if (!/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(mailFrom)) {
    throw new ConfigError('MAIL_FROM', 'must be an address, optionally with a name: Plein <plein@example.com>');
  }
  return {
    nodeEnv,
    port,
    host: str(env, 'HOST') ?? '0.0.0.0',
    databaseUrl,
    databaseReadUrls,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 20, 2, 500),
    dataDir: str(env, 'PLEIN_DATA_DIR') ?? '.data',
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    ldap: {
      url: ldapUrl,
      bindDn: str(env, 'LDAP_BIND_DN') ?? 'cn=admin,dc=plein,dc=local',
      bindCredentials: str(env, 'LDAP_BIND_CREDENTIALS') ?? 'plein-ldap-admin',
      searchBase: str(env, 'LDAP_SEARCH_BASE') ?? 'ou=people,dc=plein,dc=local',
      searchFilter,
      tlsRejectUnauthorized: bool(env, 'LDAP_TLS_REJECT_UNAUTHORIZED', true),
      tlsCaFile: str(env, 'LDAP_TLS_CA_FILE'),
      timeoutMs: int(env, 'LDAP_TIMEOUT_MS', 5000, 100, 120000),
    },
    jwtSecret,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86400),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86400, 60, 365 * 86400),
    refreshReuseGraceSeconds: int(env, 'REFRESH_REUSE_GRACE_SECONDS', 30, 0, 300),
    cookieSecure: bool(env, 'COOKIE_SECURE', production),
    corsOrigin: url(env, 'CORS_ORIGIN', ['http:', 'https:']),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    rateLimit: {
      loginPerIp: int(env, 'LOGIN_RATE_LIMIT_PER_IP', 30, 1, 1_000_000),
      loginPerUser: int(env, 'LOGIN_RATE_LIMIT_PER_USER', 10, 1, 1_000_000),
      windowSeconds: int(env, 'LOGIN_RATE_LIMIT_WINDOW_SECONDS', 300, 1, 86400),
      postsPerMinute: int(env, 'POST_RATE_LIMIT_PER_MINUTE', 60, 1, 1_000_000),
      uploadsPerMinute: int(env, 'UPLOAD_RATE_LIMIT_PER_MINUTE', 30, 1, 1_000_000),
    },
    graphqlIntrospection: bool(env, 'GRAPHQL_INTROSPECTION', !production),
    graphqlPlayground: bool(env, 'GRAPHQL_PLAYGROUND', !production),
    workerInline: bool(env, 'WORKER_INLINE', embedded),
    seedDemo: bool(env, 'SEED_DEMO', embedded),
    seedDemoContent: bool(env, 'SEED_DEMO_CONTENT', nodeEnv !== 'test'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    mail: {
      smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
      from: mailFrom,
      publicUrl: (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    },
  };
}
