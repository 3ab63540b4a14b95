/**
 * docker-compose.yml cannot run in CI (no Docker there), so this test holds it to the code it
 * deploys: the services exist and depend on services that exist, every variable the api and the
 * worker get is one Plein reads (CONFIG_VARIABLES) and loadConfig() accepts, every host path is in
 * the repository, the commands start the built entry points, and nginx's upstream is the api nodes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../libs/core/src/config/config.js';
import { LDAP_PEOPLE_BASE, LDAP_SUFFIX } from '../seed/demo-ldif.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target?: string; read_only?: boolean })[];
  ports?: (string | number | Record<string, unknown>)[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const nginxConf = read('deploy/nginx.conf');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

const DUMMY_SECRET = 'compose-test-secret-0123456789abcdefghij'; // 40 characters

/**
 * Compose's interpolation: `${VAR:?err}` and `${VAR?err}` (required: the operator sets it; here a
 * 40-character dummy), `${VAR:-default}` and `${VAR-default}`, `${VAR}`, `$VAR`, and `$$` for `$`.
 */
function interpolate(value: string): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[?-])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, name, op, arg) => {
    if (all === '$$') return '$';
    if (op === ':?' || op === '?') return DUMMY_SECRET;
    if (op === ':-' || op === '-') return arg;
    return ''; // an unset variable interpolates to the empty string
  });
}

function environmentOf(name: string): Record<string, string> {
  const env = services[name].environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((e) => {
        const i = e.indexOf('=');
        return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
      })
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries);
}

const interpolated = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(v)]));

function commandOf(name: string): string {
  const c = services[name].command;
  return Array.isArray(c) ? c.join(' ') : (c ?? '');
}

function dependsOn(name: string): string[] {
  const d = services[name].depends_on;
  return d === undefined ? [] : Array.isArray(d) ? d : Object.keys(d);
}

/** Host paths of bind mounts and build contexts, as written in the file. */
function hostPaths(name: string): string[] {
  const s = services[name];
  const out: string[] = [];
  for (const v of s.volumes ?? []) {
    const source = typeof v === 'string' ? v.split(':')[0] : v.source;
    if (source && (source.startsWith('./') || source.startsWith('../') || source === '.')) out.push(source);
  }
  if (s.build !== undefined) {
    const context = typeof s.build === 'string' ? s.build : (s.build.context ?? '.');
    out.push(context);
    const dockerfile = typeof s.build === 'string' ? 'Dockerfile' : (s.build.dockerfile ?? 'Dockerfile');
    out.push(path.join(context, dockerfile));
  }
  return out;
}

const API_ENTRY = 'dist/apps/api/apps/api/src/main.js';
const WORKER_ENTRY = 'dist/apps/worker/apps/worker/src/main.js';
const apiServices = Object.keys(services).filter((n) => commandOf(n).includes(API_ENTRY));
const appServices = Object.keys(services).filter((n) => /dist\/apps\//.test(commandOf(n)));

describe('docker-compose.yml', () => {
  it('has postgres, its read replica, openldap, two api nodes, the worker and nginx', () => {
    expect(Object.keys(services).sort()).toEqual(['api1', 'api2', 'nginx', 'openldap', 'postgres', 'postgres-replica', 'worker']);
    expect(services.postgres.image).toBe('postgres:18');
    expect(services['postgres-replica'].image).toBe('postgres:18');
    expect(services.nginx.image).toBe('nginx:stable');
    expect(apiServices.sort()).toEqual(['api1', 'api2']);
    expect(appServices.sort()).toEqual(['api1', 'api2', 'worker']);
  });

  it('names only existing services in depends_on, and starts the apps after their backing services', () => {
    for (const name of Object.keys(services)) {
      for (const dep of dependsOn(name)) expect(`${name} -> ${dep}: ${dep in services}`).toBe(`${name} -> ${dep}: true`);
    }
    for (const api of apiServices) expect(dependsOn(api).sort()).toEqual(['openldap', 'postgres']);
    expect(dependsOn('worker')).toEqual(['postgres']);
    expect(dependsOn('nginx').sort()).toEqual([...apiServices].sort());
  });

  it('starts the built entry points that package.json starts', () => {
    expect(pkg.scripts.start).toBe(`node ${API_ENTRY}`);
    expect(pkg.scripts['start:worker']).toBe(`node ${WORKER_ENTRY}`);
    for (const api of apiServices) expect(commandOf(api)).toBe(`node ${API_ENTRY}`);
    expect(commandOf('worker')).toBe(`node ${WORKER_ENTRY}`);
    // The Dockerfile's default command is the api too, and it builds both apps.
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toContain(`CMD ["node", "${API_ENTRY}"]`);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npm run build\b/m);
    expect(pkg.scripts.build).toMatch(/nest build api.*nest build worker/);
  });

  it('builds from stages the Dockerfile has, into one image for the api nodes and the worker', () => {
    const stages = [...read('Dockerfile').matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);
    for (const [name, s] of Object.entries(services)) {
      if (typeof s.build === 'object' && s.build.target) expect(`${name}: ${stages.includes(s.build.target)}`).toBe(`${name}: true`);
    }
    expect(stages[stages.length - 1]).toBe('app'); // `docker build .` gives the app image
    expect(appServices.map((n) => services[n].image)).toEqual(appServices.map(() => 'plein-app:local'));
    for (const n of appServices) expect(services[n].build).toMatchObject({ context: '.', target: 'app' });
  });

  it('refers only to host paths that exist in the repository', () => {
    const all = Object.keys(services).flatMap(hostPaths);
    expect(all).toEqual(expect.arrayContaining(['.', 'Dockerfile', './seed/demo.ldif', './deploy/nginx.conf']));
    for (const p of all) expect(`${p}: ${existsSync(path.join(ROOT, p))}`).toBe(`${p}: true`);
    // Named volumes are declared.
    for (const s of Object.values(services)) {
      for (const v of s.volumes ?? []) {
        const source = typeof v === 'string' ? v.split(':')[0] : v.source;
        if (source && !source.startsWith('.') && !source.startsWith('/')) expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
    }
  });

  it('makes the replica from the primary, which allows it to replicate', () => {
    const replica = services['postgres-replica'];
    expect(dependsOn('postgres-replica')).toEqual(['postgres']);
    const script = read('deploy/postgres-replica.sh');
    expect(script).toMatch(/pg_basebackup --host=postgres --username=plein .*--write-recovery-conf/);
    expect(script).toContain(`exec postgres -D "\${PGDATA}"`);
    expect(replica.volumes).toContain('./deploy/postgres-replica.sh:/deploy/postgres-replica.sh:ro');
    expect(services.postgres.volumes).toContain('./deploy/postgres-replication.sh:/docker-entrypoint-initdb.d/10-replication.sh:ro');
    expect(read('deploy/postgres-replication.sh')).toContain('host replication ${POSTGRES_USER} all scram-sha-256');
  });

  it('gives the api and the worker only variables Plein reads', () => {
    const known = new Set(Object.keys(CONFIG_VARIABLES));
    for (const name of appServices) {
      const unknown = Object.keys(environmentOf(name)).filter((k) => !known.has(k));
      expect(`${name}: ${unknown.join(', ')}`).toBe(`${name}: `);
    }
  });

  it('requires JWT_SECRET from the operator, the same on every node', () => {
    for (const name of appServices) expect(environmentOf(name).JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?[^}]+\}$/);
  });

  it('gives the api an environment loadConfig() accepts, in production shape', () => {
    for (const api of apiServices) {
      const config = loadConfig(interpolated(environmentOf(api)));
      expect(config).toMatchObject({
        nodeEnv: 'production',
        port: 3000,
        host: '0.0.0.0',
        trustProxy: true,
        workerInline: false,
        seedDemo: true,
        cookieSecure: true,
        corsOrigin: undefined,
        jwtSecret: DUMMY_SECRET,
        graphqlIntrospection: false,
      });
      expect(config.databaseUrl).toBeDefined();
      expect(new URL(config.databaseUrl!).host).toBe('postgres:5432');
      // Feeds and searches read from the replica, which streams from the primary with pg_basebackup.
      expect(config.databaseReadUrls.map((u) => new URL(u).host)).toEqual(['postgres-replica:5432']);
      expect(new URL(config.databaseReadUrls[0]).pathname).toBe(new URL(config.databaseUrl!).pathname);
      expect(config.ldap).toMatchObject({ url: 'ldap://openldap:389', bindDn: `cn=admin,${LDAP_SUFFIX}`, searchBase: LDAP_PEOPLE_BASE, searchFilter: '(uid={{username}})' });
    }
    expect(environmentOf('api1')).toEqual(environmentOf('api2'));
  });

  it('gives the worker an environment loadConfig() accepts, on the same database', () => {
    const config = loadConfig(interpolated(environmentOf('worker')));
    expect(config.nodeEnv).toBe('production');
    expect(config.databaseUrl).toBe(loadConfig(interpolated(environmentOf('api1'))).databaseUrl);
  });

  it('points the api at the postgres and openldap services with their own credentials', () => {
    const pgEnv = environmentOf('postgres');
    const db = new URL(environmentOf('api1').DATABASE_URL.replace(/\$\{[^}]+\}/g, 'PASSWORD'));
    expect(db.username).toBe(pgEnv.POSTGRES_USER);
    expect(db.pathname).toBe(`/${pgEnv.POSTGRES_DB}`);
    // The same variable sets the password on both sides.
    expect(environmentOf('api1').DATABASE_URL).toContain(`:${pgEnv.POSTGRES_PASSWORD}@`);

    const ldapEnv = environmentOf('openldap');
    expect(ldapEnv.LDAP_SUFFIX).toBe(LDAP_SUFFIX);
    expect(environmentOf('api1').LDAP_BIND_DN).toBe(`cn=admin,${ldapEnv.LDAP_SUFFIX}`);
    expect(environmentOf('api1').LDAP_BIND_CREDENTIALS).toBe(ldapEnv.LDAP_ADMIN_PASSWORD);
    // The directory is seeded from the LDIF in the repository, mounted read-only where it looks.
    expect(services.openldap.volumes).toContain(`./seed/demo.ldif:${ldapEnv.LDAP_SEED_LDIF}:ro`);
  });

  it('keeps postgres data in a volume at the PostgreSQL 18 image location, with a healthcheck', () => {
    expect(services.postgres.volumes).toEqual([expect.stringMatching(/^[\w-]+:\/var\/lib\/postgresql$/), './deploy/postgres-replication.sh:/docker-entrypoint-initdb.d/10-replication.sh:ro']);
    expect(services['postgres-replica'].volumes).toEqual(['./deploy/postgres-replica.sh:/deploy/postgres-replica.sh:ro', expect.stringMatching(/^[\w-]+:\/var\/lib\/postgresql$/)]);
    for (const name of ['postgres', 'postgres-replica']) expect((services[name] as Record<string, any>).healthcheck.test.join(' ')).toContain('pg_isready');
  });
});

describe('deploy/nginx.conf', () => {
  const upstreams = [...nginxConf.matchAll(/upstream\s+(\S+)\s*\{([^}]*)\}/g)];
  const locations = new Map([...nginxConf.matchAll(/location\s+(?:=\s*)?(\S+)\s*\{([^}]*)\}/g)].map((m) => [m[1], m[2]]));

  it('is what the nginx service mounts', () => {
    expect(services.nginx.volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
  });

  it('balances over exactly the api services, on their PORT, sticky by client address', () => {
    expect(upstreams).toHaveLength(1);
    const [, , body] = upstreams[0];
    const servers = [...body.matchAll(/^\s*server\s+([\w.-]+):(\d+)/gm)].map((m) => ({ host: m[1], port: m[2] }));
    expect(servers.map((s) => s.host).sort()).toEqual([...apiServices].sort());
    for (const s of servers) expect(s.port).toBe(environmentOf(s.host).PORT);
    expect(body).toMatch(/^\s*ip_hash;/m);
  });

  it('proxies /graphql, /auth/, /health/ and upgrades WebSockets on /socket.io/ and /realtime', () => {
    const upstream = upstreams[0][1];
    for (const loc of ['/graphql', '/auth/', '/health/', '/socket.io/', '/realtime']) {
      expect(locations.get(loc)).toContain(`proxy_pass http://${upstream};`);
    }
    for (const loc of ['/socket.io/', '/realtime']) {
      expect(locations.get(loc)).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
      expect(locations.get(loc)).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    }
    expect(nginxConf).toMatch(/map \$http_upgrade \$connection_upgrade \{[^}]*default upgrade;/);
    expect(nginxConf).toMatch(/proxy_http_version 1\.1;/);
  });

  it('overwrites X-Forwarded-For, which the api trusts (TRUST_PROXY) for rate limits', () => {
    expect(nginxConf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(nginxConf).not.toMatch(/\$proxy_add_x_forwarded_for/);
  });
});
