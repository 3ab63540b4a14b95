import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, notFound } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource, IsNull } from 'typeorm';
import { ScimToken } from './scim-token.entity.js';

/** Secrets start with this, so a leaked one is recognisable (secret scanners, logs). */
const SECRET_PREFIX = 'plein_scim_';

function hashOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Admins make and revoke the bearer tokens SCIM clients use; the SCIM endpoints verify them. */
@Injectable()
export class ScimTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  /** Makes a token; the secret is returned here and never again. */
  async create(actor: Actor, name: string): Promise<{ token: ScimToken; secret: string }> {
    this.policy.assert(actor, 'directory.scim.administer');
    const trimmed = name.trim();
    if (trimmed.length === 0) throw badInput('Give the token a name, for example "Entra ID provisioning".', { field: 'name', messageKey: 'input.required' });
    if (trimmed.length > 100) throw badInput('The token name is longer than 100 characters.', { field: 'name', max: 100, messageKey: 'input.tooLong' });
    const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
    const token = await this.db.getRepository(ScimToken).save({
      name: trimmed,
      tokenHash: hashOf(secret),
      hint: secret.slice(-4),
      createdById: actor.personId,
      lastUsedAt: null,
      revokedAt: null,
    });
    return { token, secret };
  }

  async revoke(actor: Actor, id: string): Promise<ScimToken> {
    this.policy.assert(actor, 'directory.scim.administer');
    const repo = this.db.getRepository(ScimToken);
    const token = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findOneBy({ id }) : null;
    if (!token) throw notFound('No SCIM token with this id.');
    if (!token.revokedAt) {
      await repo.update({ id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
      return (await repo.findOneBy({ id }))!;
    }
    return token;
  }

  list(actor: Actor): Promise<ScimToken[]> {
    this.policy.assert(actor, 'directory.scim.administer');
    return this.db.getRepository(ScimToken).find({ order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** The live token with this secret, or null. Records use at most once a minute, to spare writes. */
  async verify(secret: string | null): Promise<ScimToken | null> {
    if (!secret || !secret.startsWith(SECRET_PREFIX) || secret.length > 200) return null;
    const token = await this.db.getRepository(ScimToken).findOneBy({ tokenHash: hashOf(secret), revokedAt: IsNull() });
    if (!token) return null;
    await this.db.query(
      `UPDATE scim_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [token.id],
    );
    return token;
  }
}
