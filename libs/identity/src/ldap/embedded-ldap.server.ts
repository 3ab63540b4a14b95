import { createHash, timingSafeEqual } from 'node:crypto';
import ldap from 'ldapjs';
import { freePort } from '@plein/core';

/**
 * An embedded LDAP directory on loopback for the zero-install default (LDAP_URL unset).
 * It speaks the real protocol (ldapjs), so ldapauth-fork talks to it exactly as it would to
 * OpenLDAP or Active Directory: a service-account bind, a subtree search, a user bind.
 * Like a real directory, anonymous searches and reading userPassword are refused.
 */
// ldapjs 3 exports Attribute; @types/ldapjs (written for v2) does not declare it.
const LdapAttribute = (ldap as unknown as { Attribute: { fromObject(o: object): unknown[] } }).Attribute;

export interface LdapEntry {
  dn: string;
  attributes: Record<string, string | string[]>;
}

export interface EmbeddedLdapOptions {
  suffix: string;
  adminDn: string;
  adminPassword: string;
  entries: LdapEntry[];
  port?: number;
  /** Observes each search filter as received on the wire (used to prove escaping). */
  onSearch?: (filter: { text: string; type: string; attribute?: string }) => void;
  /** Observes each bind request's DN as received (used to prove that every login makes the same binds). */
  onBind?: (dn: string) => void;
}

export interface EmbeddedLdapHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function verifyPassword(stored: string, given: string): boolean {
  if (stored.startsWith('{SSHA}')) {
    const raw = Buffer.from(stored.slice(6), 'base64');
    const digest = raw.subarray(0, 20);
    const salt = raw.subarray(20);
    const candidate = createHash('sha1').update(given).update(salt).digest();
    return candidate.length === digest.length && timingSafeEqual(candidate, digest);
  }
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}


/** The parts of ldapjs's request, response and server objects this directory uses (its typings are loose). */
interface LdapRequest {
  dn: { toString(): string };
  credentials?: unknown;
  connection: object;
  filter: { toString(): string; attribute?: string; matches(entry: Record<string, string | string[]>, strict: boolean): boolean };
  scope: string;
  attributes: string[];
}
interface LdapResponse {
  end(): void;
  send(entry: unknown): void;
  createSearchEntry(entry: { objectName: string; attributes: unknown }): unknown;
}
type LdapNext = (err?: unknown) => void;

/** An {SSHA} hash no password matches in practice, checked for binds to DNs that hold no account. */
const NO_ACCOUNT = `{SSHA}${Buffer.alloc(28, 7).toString('base64')}`;

const normDn = (dn: string) =>
  dn
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .join(',');

export async function startEmbeddedLdap(options: EmbeddedLdapOptions): Promise<EmbeddedLdapHandle> {
  const server = ldap.createServer({ log: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child() { return this; } } as never });
  const byDn = new Map<string, LdapEntry>();
  for (const e of options.entries) byDn.set(normDn(e.dn), e);
  const adminDn = normDn(options.adminDn);
  const suffix = normDn(options.suffix);
  const bound = new WeakMap<object, string>();

  server.bind(options.suffix, (req: LdapRequest, res: LdapResponse, next: LdapNext) => {
    const dn = normDn(req.dn.toString());
    options.onBind?.(dn);
    const password = String(req.credentials ?? '');
    if (password === '') return next(new ldap.InvalidCredentialsError());
    if (dn === adminDn) {
      if (!verifyPassword(options.adminPassword, password)) return next(new ldap.InvalidCredentialsError());
    } else {
      const entry = byDn.get(dn);
      const stored = entry?.attributes.userPassword;
      // A DN without an account costs the same hash as a wrong password, as a careful directory does.
      const ok = verifyPassword(typeof stored === 'string' ? stored : NO_ACCOUNT, password);
      if (!entry || typeof stored !== 'string' || !ok) return next(new ldap.InvalidCredentialsError());
    }
    bound.set(req.connection, dn);
    res.end();
    return next();
  });

  server.search(options.suffix, (req: LdapRequest, res: LdapResponse, next: LdapNext) => {
    const who = bound.get(req.connection);
    if (!who) return next(new ldap.InsufficientAccessRightsError());
    options.onSearch?.({ text: req.filter.toString(), type: req.filter.constructor.name, attribute: req.filter.attribute });
    const base = normDn(req.dn.toString());
    const scope: string = req.scope;
    for (const [dn, entry] of byDn) {
      const inScope =
        scope === 'base' ? dn === base : scope === 'one' ? dn.endsWith(',' + base) && dn.split(',').length === base.split(',').length + 1 : dn === base || dn.endsWith(',' + base);
      if (!inScope) continue;
      const { userPassword: _hidden, ...visible } = entry.attributes;
      const lowered: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(visible)) lowered[k.toLowerCase()] = v;
      if (req.filter.matches(lowered, false)) {
        // Filter the requested attributes ourselves, case-insensitively but keeping the schema's
        // case in the answer (ldapjs's own filtering drops camelCase names such as departmentNumber).
        const wanted = (req.attributes as string[]).map((a) => a.toLowerCase());
        const all = wanted.length === 0 || wanted.includes('*');
        const picked = Object.fromEntries(Object.entries(visible).filter(([k]) => all || wanted.includes(k.toLowerCase())));
        res.send(res.createSearchEntry({ objectName: entry.dn, attributes: LdapAttribute.fromObject(picked) }));
      }
    }
    res.end();
    return next();
  });

  server.unbind((req: LdapRequest, res: LdapResponse, next: LdapNext) => {
    bound.delete(req.connection);
    res.end();
    return next();
  });

  if (!byDn.has(suffix)) byDn.set(suffix, { dn: options.suffix, attributes: { objectClass: ['top', 'dcObject'] } });

  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const sockets = new Set<import('node:net').Socket>();
  (server as unknown as { server: import('node:net').Server }).server.on('connection', (s: import('node:net').Socket) => {
    // A search answer is two writes (the entry, then "done"): with Nagle's algorithm the second
    // waited for the client's delayed ACK, 40 ms that only searches finding someone paid, which
    // told a known username from an unknown one. Real directories send without that delay.
    s.setNoDelay(true);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `ldap://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
