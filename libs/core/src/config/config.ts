import { z } from 'zod';

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

/*
 * The environment as one zod schema: a key per variable in CONFIG_VARIABLES (a test holds the two
 * lists equal), each a trimmed string parsed into its type with the message an operator reads, then
 * the rules between variables. Blank counts as unset. Defaults that depend on another variable
 * (NODE_ENV, DATABASE_URL) are filled in loadConfig from the parsed values.
 */

/** Unset, or only whitespace: undefined; otherwise the trimmed text. */
const unset = (v: unknown): unknown => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());

const text = () => optional(z.string());

const int = (def: number, min: number, max: number) =>
  optional(
    z
      .string()
      .regex(/^\d+$/, { error: (iss) => `must be a whole number, got "${String(iss.input)}"` })
      .transform(Number)
      .refine((n) => n >= min && n <= max, { error: (iss) => `must be between ${min} and ${max}, got ${String(iss.input)}` }),
  ).transform((n) => n ?? def);

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];
/** true/false (also 1/0, yes/no, on/off, any case); undefined when unset, for a default that depends. */
const bool = () =>
  optional(
    z
      .string()
      .refine((raw) => TRUE.includes(raw.toLowerCase()) || FALSE.includes(raw.toLowerCase()), { error: (iss) => `must be true or false, got "${String(iss.input)}"` })
      .transform((raw) => TRUE.includes(raw.toLowerCase())),
  );

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, def: T[number]) =>
  optional(z.enum(values, { error: (iss) => `must be one of ${values.join(', ')}, got "${String(iss.input)}"` })).transform((v) => v ?? def);

/** Why `raw` is not a URL with one of `protocols`, or null when it is. */
function urlProblem(raw: string, protocols: readonly string[]): string | null {
  if (!URL.canParse(raw)) return 'is not a valid URL';
  if (!protocols.includes(new URL(raw).protocol)) return `must start with ${protocols.map((p) => p + '//').join(' or ')}`;
  return null;
}

const url = (...protocols: string[]) =>
  optional(
    z.string().check((ctx) => {
      const problem = urlProblem(ctx.value, protocols);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    }),
  );

/** A comma-separated list of postgres:// URLs (each validated like DATABASE_URL); [] when unset. */
const postgresUrls = () =>
  optional(
    z.string().transform((raw, ctx) => {
      const urls = raw.split(',').map((part) => part.trim());
      for (const [i, one] of urls.entries()) {
        const problem = one === '' ? `has an empty entry at position ${i + 1}` : urlProblem(one, ['postgres:', 'postgresql:']);
        if (problem) {
          ctx.issues.push({ code: 'custom', message: problem, input: raw });
          return z.NEVER;
        }
      }
      return urls;
    }),
  ).transform((v) => v ?? []);

/** One address, optionally with a display name: "Plein <plein@example.com>" or "plein@example.com". */
const MAIL_ADDRESS = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

/** The variables, in the order an operator reads them (the first bad one is reported). */
export const ENV_SCHEMA = z
  .object({
    NODE_ENV: oneOf(['development', 'production', 'test'], 'development'),
    PORT: int(3000, 0, 65535),
    HOST: text(),
    DATABASE_URL: url('postgres:', 'postgresql:'),
    DATABASE_READ_URLS: postgresUrls(),
    DATABASE_POOL_SIZE: int(20, 2, 500),
    PLEIN_DATA_DIR: text(),
    REDIS_URL: url('redis:', 'rediss:'),
    LDAP_URL: url('ldap:', 'ldaps:'),
    LDAP_BIND_DN: text(),
    LDAP_BIND_CREDENTIALS: text(),
    LDAP_SEARCH_BASE: text(),
    LDAP_SEARCH_FILTER: optional(z.string().refine((f) => f.includes('{{username}}'), 'must contain {{username}}')),
    LDAP_TLS_REJECT_UNAUTHORIZED: bool(),
    LDAP_TLS_CA_FILE: text(),
    LDAP_TIMEOUT_MS: int(5000, 100, 120000),
    // A secret: its messages never quote the value.
    JWT_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
    ACCESS_TOKEN_TTL_SECONDS: int(900, 10, 86400),
    REFRESH_TOKEN_TTL_SECONDS: int(30 * 86400, 60, 365 * 86400),
    REFRESH_REUSE_GRACE_SECONDS: int(30, 0, 300),
    COOKIE_SECURE: bool(),
    CORS_ORIGIN: url('http:', 'https:'),
    TRUST_PROXY: bool(),
    LOGIN_RATE_LIMIT_PER_IP: int(30, 1, 1_000_000),
    LOGIN_RATE_LIMIT_PER_USER: int(10, 1, 1_000_000),
    LOGIN_RATE_LIMIT_WINDOW_SECONDS: int(300, 1, 86400),
    POST_RATE_LIMIT_PER_MINUTE: int(60, 1, 1_000_000),
    UPLOAD_RATE_LIMIT_PER_MINUTE: int(30, 1, 1_000_000),
    GRAPHQL_INTROSPECTION: bool(),
    GRAPHQL_PLAYGROUND: bool(),
    WORKER_INLINE: bool(),
    SEED_DEMO: bool(),
    SEED_DEMO_CONTENT: bool(),
    LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error', 'silent'], 'info'),
    SMTP_URL: url('smtp:', 'smtps:'),
    MAIL_FROM: optional(z.string().regex(MAIL_ADDRESS, 'must be an address, optionally with a name: Plein <plein@example.com>')),
    PUBLIC_URL: url('http:', 'https:'),
  })
  .superRefine((e, ctx) => {
    const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
    if (e.DATABASE_READ_URLS.length && e.DATABASE_URL === undefined) problem('DATABASE_READ_URLS', 'needs DATABASE_URL (the primary they replicate)');
    if (e.DATABASE_URL !== undefined && e.JWT_SECRET === undefined) problem('JWT_SECRET', 'is required when DATABASE_URL is set (all api nodes must share it)');
    if (e.LDAP_URL !== undefined) {
      if (e.LDAP_BIND_DN === undefined) problem('LDAP_BIND_DN', 'is required when LDAP_URL is set');
      if (e.LDAP_BIND_CREDENTIALS === undefined) problem('LDAP_BIND_CREDENTIALS', 'is required when LDAP_URL is set');
    }
  });

/** Reads and validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const parsed = ENV_SCHEMA.safeParse(Object.fromEntries(Object.keys(CONFIG_VARIABLES).map((name) => [name, env[name]])));
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    throw new ConfigError(String(first.path[0] ?? 'environment'), first.message);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const embedded = e.DATABASE_URL === undefined;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    databaseUrl: e.DATABASE_URL,
    databaseReadUrls: e.DATABASE_READ_URLS,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: e.PLEIN_DATA_DIR ?? '.data',
    redisUrl: e.REDIS_URL,
    ldap: {
      url: e.LDAP_URL,
      bindDn: e.LDAP_BIND_DN ?? 'cn=admin,dc=plein,dc=local',
      bindCredentials: e.LDAP_BIND_CREDENTIALS ?? 'plein-ldap-admin',
      searchBase: e.LDAP_SEARCH_BASE ?? 'ou=people,dc=plein,dc=local',
      searchFilter: e.LDAP_SEARCH_FILTER ?? '(uid={{username}})',
      tlsRejectUnauthorized: e.LDAP_TLS_REJECT_UNAUTHORIZED ?? true,
      tlsCaFile: e.LDAP_TLS_CA_FILE,
      timeoutMs: e.LDAP_TIMEOUT_MS,
    },
    jwtSecret: e.JWT_SECRET,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    refreshReuseGraceSeconds: e.REFRESH_REUSE_GRACE_SECONDS,
    cookieSecure: e.COOKIE_SECURE ?? production,
    corsOrigin: e.CORS_ORIGIN,
    trustProxy: e.TRUST_PROXY ?? false,
    rateLimit: {
      loginPerIp: e.LOGIN_RATE_LIMIT_PER_IP,
      loginPerUser: e.LOGIN_RATE_LIMIT_PER_USER,
      windowSeconds: e.LOGIN_RATE_LIMIT_WINDOW_SECONDS,
      postsPerMinute: e.POST_RATE_LIMIT_PER_MINUTE,
      uploadsPerMinute: e.UPLOAD_RATE_LIMIT_PER_MINUTE,
    },
    graphqlIntrospection: e.GRAPHQL_INTROSPECTION ?? !production,
    graphqlPlayground: e.GRAPHQL_PLAYGROUND ?? !production,
    workerInline: e.WORKER_INLINE ?? embedded,
    seedDemo: e.SEED_DEMO ?? embedded,
    seedDemoContent: e.SEED_DEMO_CONTENT ?? e.NODE_ENV !== 'test',
    logLevel: e.LOG_LEVEL,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? 'Plein <plein@localhost>',
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    },
  };
}
