import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import ldap from 'ldapjs';
import { APP_CONFIG, type ResolvedConfig } from '@plein/core';
import { Public } from '@plein/policy';
import { DataSource } from 'typeorm';

type Check = { ok: boolean; ms: number; error?: string };

async function timed(fn: () => Promise<unknown>, timeoutMs: number): Promise<Check> {
  const start = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - start), error: err instanceof Error ? err.message : String(err) };
  }
}

/** Liveness (the process answers) and readiness (Postgres and LDAP answer): for load balancers. */
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Public()
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const [postgres, directory] = await Promise.all([
      timed(() => this.db.query('SELECT 1'), 2000),
      timed(() => this.ldapBind(), 2000),
    ]);
    const ok = postgres.ok && directory.ok;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, ldap: directory } };
  }

  private ldapBind(): Promise<void> {
    return new Promise((resolve, reject) => {
      const client = ldap.createClient({ url: this.config.ldap.url, connectTimeout: 1500, timeout: 1500, reconnect: false });
      const done = (err?: Error) => {
        client.unbind(() => undefined);
        client.destroy();
        if (err) reject(err);
        else resolve();
      };
      client.on('error', (err: Error) => done(err));
      client.on('connectError', (err: Error) => done(err));
      client.bind(this.config.ldap.bindDn, this.config.ldap.bindCredentials, (err) => done(err ?? undefined));
    });
  }
}
