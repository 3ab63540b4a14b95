import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import expressStaticGzip from 'express-static-gzip';
import {
  createLogger,
  loadConfig,
  nestLogger,
  startEmbeddedPostgres,
  type AppConfig,
  type EmbeddedPostgresHandle,
  type ResolvedConfig,
  type RootLogger,
} from '@plein/core';
import { seedOrganisation } from '@plein/directory';
import { startEmbeddedLdap, type EmbeddedLdapHandle } from '@plein/identity';
import { PleinIoAdapter } from '@plein/realtime';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../orm.js';
import { LDAP_PEOPLE_BASE, LDAP_SUFFIX, ldapAttributesOf } from '../../../seed/demo-ldif.js';
import { seedDemoContent } from '../../../seed/demo-content.js';
import { DEMO_DEPARTMENTS, DEMO_PEOPLE } from '../../../seed/demo-org.js';
import { AppModule } from './app.module.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { httpLogging } from './http-logging.js';

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** The pino logger to write to; default one from LOG_LEVEL and NODE_ENV on stdout. */
  logger?: RootLogger;
}

export interface RunningPlein {
  app: NestExpressApplication;
  url: string;
  config: ResolvedConfig;
  embeddedPostgres?: EmbeddedPostgresHandle;
  embeddedLdap?: EmbeddedLdapHandle;
  startupMs: number;
  stop(): Promise<void>;
}

/** The access-token secret of the embedded default: made once, kept beside the data. */
function embeddedSecret(dataDir: string): string {
  const file = path.resolve(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function demoLdapEntries() {
  return DEMO_PEOPLE.map((p) => ({ dn: `uid=${p.uid},${LDAP_PEOPLE_BASE}`, attributes: ldapAttributesOf(p) }));
}

/**
 * Resolves the embedded defaults: starts PostgreSQL when DATABASE_URL is unset and the LDAP
 * directory when LDAP_URL is unset. Returns the concrete config and what to stop on shutdown.
 */
export async function resolveInfrastructure(
  config: AppConfig,
  logger: LoggerService,
): Promise<{ resolved: ResolvedConfig; pg?: EmbeddedPostgresHandle; ldap?: EmbeddedLdapHandle }> {
  let pg: EmbeddedPostgresHandle | undefined;
  let ldap: EmbeddedLdapHandle | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    pg = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      // Nobody else would start it again: `npm start` restarts its own cluster when it dies.
      supervise: ({ level, ...event }) => (level === 'warn' ? logger.warn(event, 'EmbeddedPostgres') : logger.log(event, 'EmbeddedPostgres')),
    });
    databaseUrl = pg.url;
    logger.log({ msg: pg.owned ? 'embedded PostgreSQL started' : 'embedded PostgreSQL already running, connected', port: pg.port, dataDir: path.resolve(config.dataDir, 'pg') }, 'Bootstrap');
  }
  let ldapUrl = config.ldap.url;
  if (!ldapUrl) {
    ldap = await startEmbeddedLdap({
      suffix: LDAP_SUFFIX,
      adminDn: config.ldap.bindDn,
      adminPassword: config.ldap.bindCredentials,
      entries: demoLdapEntries(),
    });
    ldapUrl = ldap.url;
    logger.log({ msg: 'embedded LDAP directory started', url: ldap.url }, 'Bootstrap');
  }
  const resolved: ResolvedConfig = {
    ...config,
    databaseUrl,
    jwtSecret: config.jwtSecret ?? embeddedSecret(config.dataDir),
    ldap: { ...config.ldap, url: ldapUrl },
  };
  return { resolved, pg, ldap };
}

/**
 * Runs pending migrations and, on an empty directory with SEED_DEMO, seeds the demo organisation.
 * An advisory lock makes concurrent boots (two api nodes, a worker) take turns.
 */
export async function prepareDatabase(config: ResolvedConfig, logger: LoggerService): Promise<void> {
  const ds = new DataSource(dataSourceOptions(config.databaseUrl));
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock(7446100)');
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (ran.length) logger.log({ msg: 'migrations applied', migrations: ran.map((m) => m.name) }, 'Bootstrap');
    if (config.seedDemo) {
      const seeded = await seedOrganisation(ds, DEMO_DEPARTMENTS, DEMO_PEOPLE.filter((p) => !p.ldapOnly));
      if (seeded) logger.log({ msg: 'demo organisation seeded', departments: DEMO_DEPARTMENTS.length, people: DEMO_PEOPLE.length - 1 }, 'Bootstrap');
      // Only on the start that seeded the organisation: the content belongs to that empty database.
      if (seeded && config.seedDemoContent) {
        logger.log({ msg: 'seeding the demo content (six weeks of a living company)' }, 'Bootstrap');
        const content = await seedDemoContent(ds);
        logger.log({ msg: `demo content seeded in ${(content.ms / 1000).toFixed(1)} s`, ...content }, 'Bootstrap');
      }
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock(7446100)').catch(() => undefined);
    await lock.release();
    await ds.destroy();
  }
}

/** The project root (nearest package.json above this file, from source or from dist). */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Where `npm run build:web` puts the intranet. */
const WEB_DIR = path.join(projectRoot(), 'dist', 'web');
const API_PREFIXES = ['/graphql', '/auth/', '/health/', '/uploads', '/photos/', '/group-images/', '/blog-covers/', '/message-images/', '/scim/', '/socket.io/', '/realtime', '/moderation/', '/mail/'];

/**
 * Serves the web intranet on the same origin: its files, and index.html for any other GET that
 * asks for HTML (client-side routes such as /profile). API routes are never shadowed.
 */
function serveWebApp(app: NestExpressApplication, logger: LoggerService): void {
  const index = path.join(WEB_DIR, 'index.html');
  if (!existsSync(index)) {
    logger.warn?.({ msg: 'web app not built: run `npm run build:web`', dir: WEB_DIR }, 'Bootstrap');
    return;
  }
  // The build writes .br and .gz beside every asset (vite-plugin-compression2); they are sent as they
  // are to browsers that accept them, so nothing is compressed per request. Hashed files never change.
  app.use(expressStaticGzip(WEB_DIR, { enableBrotli: true, orderPreference: ['br', 'gz'], index: false, serveStatic: { index: false, maxAge: '1h', setHeaders: (res, file) => {
    if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    if (file.endsWith('sw.js')) res.setHeader('Cache-Control', 'no-cache');
  } } }));
  app.use((req: { method: string; path: string; headers: Record<string, string | undefined> }, res: { sendFile(p: string, o?: object): void }, next: () => void) => {
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (req.method !== 'GET' || !wantsHtml || API_PREFIXES.some((p) => req.path.startsWith(p))) return next();
    res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
  });
}

/** How long a stopping api waits for requests in flight before it cuts the remaining connections. */
export const DRAIN_MS = 10_000;

/**
 * The first step of a graceful stop: take no new connections, end idle keep-alive connections and
 * this node's sockets, and wait (up to DRAIN_MS) until every request in flight has its answer.
 * Only then do Nest's hooks close pools and queues, which in-flight requests still need.
 */
async function drainHttp(server: Server, adapter: PleinIoAdapter, logger: LoggerService): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  adapter.closeLocalConnections();
  server.closeIdleConnections();
  // A keep-alive connection becomes idle when its response is sent: close those as they come.
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => {
    logger.warn?.({ msg: 'requests still running after the drain period; closing their connections', drainMs: DRAIN_MS }, 'Bootstrap');
    server.closeAllConnections();
  }, DRAIN_MS);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(deadline);
  }
}

/** Boots the api: infrastructure, migrations, the Nest app with GraphQL and Socket.IO, listening. */
export async function startPlein(options: StartOptions = {}): Promise<RunningPlein> {
  const started = performance.now();
  const config = loadConfig(options.env ?? process.env);
  const root = options.logger ?? createLogger({ level: config.logLevel, nodeEnv: config.nodeEnv });
  // Until the app exists, log straight into pino; then through nestjs-pino's request-aware Logger.
  let logger: LoggerService = nestLogger(root);
  const { resolved, pg, ldap } = await resolveInfrastructure(config, logger);
  const cleanup = async () => {
    await ldap?.stop();
    if (pg?.owned) await pg.stop();
  };
  try {
    await prepareDatabase(resolved, logger);
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(resolved, httpLogging(root)), { logger });
    logger = app.get(PinoNestLogger);
    app.useLogger(logger);
    app.useBodyParser('json', { type: ['application/json', 'application/scim+json'], limit: '1mb' });
    app.set('trust proxy', resolved.trustProxy);
    app.disable('x-powered-by');
    app.use(cookieParser());
    app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
    app.use(contentSecurityPolicy({ graphqlSandbox: resolved.graphqlPlayground }));
    if (resolved.corsOrigin) app.enableCors({ origin: resolved.corsOrigin, credentials: true });
    serveWebApp(app, logger);
    const adapter = new PleinIoAdapter(app, { databaseUrl: resolved.databaseUrl, redisUrl: resolved.redisUrl, corsOrigin: resolved.corsOrigin });
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
    await app.listen(resolved.port, resolved.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : resolved.port;
    const url = `http://${resolved.host === '0.0.0.0' ? 'localhost' : resolved.host}:${port}`;
    const startupMs = Math.round(performance.now() - started);
    logger.log({ msg: 'Plein is ready', url, startupMs }, 'Bootstrap');
    let stopping: Promise<void> | undefined;
    return {
      app,
      url,
      config: resolved,
      embeddedPostgres: pg,
      embeddedLdap: ldap,
      startupMs,
      stop: () =>
        (stopping ??= (async () => {
          await drainHttp(app.getHttpServer() as Server, adapter, logger);
          await app.close();
          await adapter.shutdown();
          await cleanup();
        })()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
