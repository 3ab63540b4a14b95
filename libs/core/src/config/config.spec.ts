import { describe, expect, it } from '@jest/globals';
import { CONFIG_VARIABLES, ConfigError, ENV_SCHEMA, loadConfig } from './config.js';

const SECRET = 'x'.repeat(40);

describe('loadConfig', () => {
  it('gives the embedded defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.ldap.url).toBeUndefined();
    expect(c.workerInline).toBe(true);
    expect(c.seedDemo).toBe(true);
    expect(c.ldap.searchFilter).toBe('(uid={{username}})');
  });

  it('uses external Postgres and LDAP when their URLs are set, and then runs no inline worker or seed', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/plein',
      JWT_SECRET: SECRET,
      LDAP_URL: 'ldaps://ad.example.com',
      LDAP_BIND_DN: 'cn=svc',
      LDAP_BIND_CREDENTIALS: 'pw',
    });
    expect(c.databaseUrl).toBe('postgres://u:p@db:5432/plein');
    expect(c.ldap.url).toBe('ldaps://ad.example.com');
    expect(c.workerInline).toBe(false);
    expect(c.seedDemo).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'must be a whole number'],
    [{ PORT: '70000' }, 'PORT', 'between 0 and 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'must start with postgres:// or postgresql://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', 'is not a valid URL'],
    [{ DATABASE_URL: 'postgres://db/plein' }, 'JWT_SECRET', 'is required when DATABASE_URL is set'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET', 'at least 32 characters'],
    [{ LDAP_URL: 'http://ldap' }, 'LDAP_URL', 'must start with ldap:// or ldaps://'],
    [{ LDAP_URL: 'ldap://ldap' }, 'LDAP_BIND_DN', 'is required when LDAP_URL is set'],
    [{ LDAP_SEARCH_FILTER: '(uid=x)' }, 'LDAP_SEARCH_FILTER', 'must contain {{username}}'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', 'must be one of development, production, test'],
    [{ COOKIE_SECURE: 'maybe' }, 'COOKIE_SECURE', 'must be true or false'],
    [{ LOGIN_RATE_LIMIT_PER_IP: '0' }, 'LOGIN_RATE_LIMIT_PER_IP', 'between 1 and'],
    [{ REDIS_URL: 'postgres://x' }, 'REDIS_URL', 'must start with redis://'],
    [{ DATABASE_URL: 'postgres://db/p', JWT_SECRET: SECRET, DATABASE_READ_URLS: 'postgres://r1/p,mysql://r2/p' }, 'DATABASE_READ_URLS', 'must start with postgres://'],
    [{ DATABASE_URL: 'postgres://db/p', JWT_SECRET: SECRET, DATABASE_READ_URLS: 'postgres://r1/p,,postgres://r2/p' }, 'DATABASE_READ_URLS', 'empty entry at position 2'],
    [{ DATABASE_READ_URLS: 'postgres://r1/p' }, 'DATABASE_READ_URLS', 'needs DATABASE_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL', 'must start with smtp:// or smtps://'],
    [{ MAIL_FROM: 'not an address' }, 'MAIL_FROM', 'must be an address'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL', 'must start with http:// or https://'],
  ])('rejects %j naming %s', (env, variable, problem) => {
    let caught: unknown;
    try {
      loadConfig(env as Record<string, string>);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(problem);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('reads a comma-separated list of read replicas', () => {
    expect(loadConfig({}).databaseReadUrls).toEqual([]);
    const c = loadConfig({ DATABASE_URL: 'postgres://db/p', JWT_SECRET: SECRET, DATABASE_READ_URLS: ' postgres://r1:5432/p , postgresql://r2/p' });
    expect(c.databaseReadUrls).toEqual(['postgres://r1:5432/p', 'postgresql://r2/p']);
  });

  it('sizes the database pool from DATABASE_POOL_SIZE (default 20) and refuses nonsense', () => {
    expect(loadConfig({}).databasePoolSize).toBe(20);
    expect(loadConfig({ DATABASE_POOL_SIZE: '8' }).databasePoolSize).toBe(8);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '1' })).toThrow(/DATABASE_POOL_SIZE must be between 2 and 500/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('reads the mail settings: SMTP relay, sender and the public address for links', () => {
    const d = loadConfig({});
    expect(d.mail).toEqual({ smtpUrl: undefined, from: 'Plein <plein@localhost>', publicUrl: 'http://localhost:3000' });
    const c = loadConfig({ SMTP_URL: 'smtp://u:p@relay:25', MAIL_FROM: 'Intranet <intranet@example.nl>', PUBLIC_URL: 'https://plein.example.nl/' });
    expect(c.mail).toEqual({ smtpUrl: 'smtp://u:p@relay:25', from: 'Intranet <intranet@example.nl>', publicUrl: 'https://plein.example.nl' });
  });

  it('never puts a secret in an error message', () => {
    expect(() => loadConfig({ JWT_SECRET: 'hunter2' })).toThrow(/JWT_SECRET must be at least 32 characters$/);
  });

  it('validates exactly the documented variables (the schema and CONFIG_VARIABLES cannot drift)', () => {
    expect(Object.keys(ENV_SCHEMA.shape)).toEqual(Object.keys(CONFIG_VARIABLES));
  });

  it('keeps every default', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      databaseReadUrls: [],
      databasePoolSize: 20,
      dataDir: '.data',
      redisUrl: undefined,
      ldap: {
        url: undefined,
        bindDn: 'cn=admin,dc=plein,dc=local',
        bindCredentials: 'plein-ldap-admin',
        searchBase: 'ou=people,dc=plein,dc=local',
        searchFilter: '(uid={{username}})',
        tlsRejectUnauthorized: true,
        tlsCaFile: undefined,
        timeoutMs: 5000,
      },
      jwtSecret: undefined,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2592000,
      refreshReuseGraceSeconds: 30,
      cookieSecure: false,
      corsOrigin: undefined,
      trustProxy: false,
      rateLimit: { loginPerIp: 30, loginPerUser: 10, windowSeconds: 300, postsPerMinute: 60, uploadsPerMinute: 30 },
      graphqlIntrospection: true,
      graphqlPlayground: true,
      workerInline: true,
      seedDemo: true,
      seedDemoContent: true,
      logLevel: 'info',
      mail: { smtpUrl: undefined, from: 'Plein <plein@localhost>', publicUrl: 'http://localhost:3000' },
    });
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemoContent).toBe(false);
  });

  it('treats a blank value as unset, trims, and reads true/false the forgiving way', () => {
    expect(loadConfig({ PORT: '  ', HOST: '' }).port).toBe(3000);
    expect(loadConfig({ DATABASE_POOL_SIZE: ' 8 ' }).databasePoolSize).toBe(8);
    expect(loadConfig({ TRUST_PROXY: 'ON' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'no' }).trustProxy).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: '0' }).cookieSecure).toBe(false);
    expect(() => loadConfig({ LOG_LEVEL: 'trace' })).toThrow('LOG_LEVEL must be one of debug, info, warn, error, silent, got "trace"');
  });

  it('turns introspection and the playground off in production by default', () => {
    const c = loadConfig({ NODE_ENV: 'production' });
    expect(c.graphqlIntrospection).toBe(false);
    expect(c.graphqlPlayground).toBe(false);
    expect(c.cookieSecure).toBe(true);
  });
});
