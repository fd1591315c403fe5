import { randomBytes } from 'node:crypto';
import type { IntegrationClientView, IntegrationScope } from '../contracts/integration-auth.js';
import type { IntegrationClientRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import { IpAllowlist, validateAllowlist } from './ip-allowlist.js';
import type { IntegrationClientRepository } from './integration-client.repository.js';

/** Hashes and checks secrets (argon2id: the agents domain's `PasswordHasher` fits). */
export interface SecretHasher {
  hash(secret: string): Promise<string>;
  verify(storedHash: string, secret: string): Promise<boolean>;
  verifyDummy(secret: string): Promise<false>;
}

/** Why a client could not authenticate; every one of them answers `invalid_client` on the wire. */
export type ClientAuthFailure = 'unknown_client' | 'wrong_secret' | 'address_not_allowed';

export function toClientView(row: IntegrationClientRow, now = new Date()): IntegrationClientView {
  const overlapLive =
    row.previousSecretHash !== null && row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now;
  return {
    id: row.id,
    siteId: row.siteId,
    clientId: row.clientId,
    name: row.name,
    scopes: row.scopes as IntegrationScope[],
    ipAllowlist: row.ipAllowlist,
    previousSecretValidUntil: overlapLive ? row.previousSecretExpiresAt!.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const newSecret = () => `sbs_${randomBytes(32).toString('base64url')}`;

/**
 * Integration clients of a site: created with a secret shown once, stored as an argon2id hash;
 * rotated with an overlap during which the old secret works too; authenticated at the token endpoint.
 */
export class IntegrationClientService {
  constructor(private readonly deps: { clients: IntegrationClientRepository; hasher: SecretHasher; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async create(
    siteId: string,
    input: { name: string; scopes: IntegrationScope[]; ipAllowlist: string[] },
  ): Promise<{ client: IntegrationClientView; clientSecret: string }> {
    const ipAllowlist = validateAllowlist(input.ipAllowlist);
    const clientSecret = newSecret();
    const row = await this.deps.clients.create({
      siteId,
      clientId: `sbc_${randomBytes(12).toString('base64url')}`,
      name: input.name,
      secretHash: await this.deps.hasher.hash(clientSecret),
      scopes: [...new Set(input.scopes)],
      ipAllowlist,
    });
    return { client: toClientView(row, this.now()), clientSecret };
  }

  async list(siteId: string): Promise<IntegrationClientView[]> {
    const now = this.now();
    return (await this.deps.clients.listForSite(siteId)).map((row) => toClientView(row, now));
  }

  async get(siteId: string, id: string): Promise<IntegrationClientView> {
    return toClientView(await this.found(this.deps.clients.findInSite(siteId, id)), this.now());
  }

  async update(
    siteId: string,
    id: string,
    input: { name?: string; scopes?: IntegrationScope[]; ipAllowlist?: string[] },
  ): Promise<IntegrationClientView> {
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.scopes !== undefined ? { scopes: [...new Set(input.scopes)] } : {}),
      ...(input.ipAllowlist !== undefined ? { ipAllowlist: validateAllowlist(input.ipAllowlist) } : {}),
    };
    return toClientView(await this.found(this.deps.clients.update(siteId, id, changes)), this.now());
  }

  /** A new secret; the current one keeps working for `overlapSeconds` (0: it stops now). */
  async rotateSecret(
    siteId: string,
    id: string,
    overlapSeconds: number,
  ): Promise<{ client: IntegrationClientView; clientSecret: string }> {
    const current = await this.found(this.deps.clients.findInSite(siteId, id));
    const clientSecret = newSecret();
    const now = this.now();
    const row = await this.found(
      this.deps.clients.update(siteId, id, {
        secretHash: await this.deps.hasher.hash(clientSecret),
        previousSecretHash: overlapSeconds > 0 ? current.secretHash : null,
        previousSecretExpiresAt: overlapSeconds > 0 ? new Date(now.getTime() + overlapSeconds * 1000) : null,
      }),
    );
    return { client: toClientView(row, now), clientSecret };
  }

  async delete(siteId: string, id: string): Promise<void> {
    if (!(await this.deps.clients.delete(siteId, id))) throw new AppError('NOT_FOUND', 'No such integration client.');
  }

  /** The client if the secret is its current one (or the previous one within the overlap) and the address is allowed. */
  async authenticate(
    clientId: string,
    secret: string,
    address: string | undefined,
  ): Promise<{ ok: true; client: IntegrationClientRow } | { ok: false; reason: ClientAuthFailure }> {
    const row = clientId.length <= 200 ? await this.deps.clients.findByClientId(clientId) : undefined;
    if (!row) {
      await this.deps.hasher.verifyDummy(secret);
      return { ok: false, reason: 'unknown_client' };
    }
    const current = await this.deps.hasher.verify(row.secretHash, secret);
    const previous =
      !current &&
      row.previousSecretHash !== null &&
      row.previousSecretExpiresAt !== null &&
      row.previousSecretExpiresAt > this.now() &&
      (await this.deps.hasher.verify(row.previousSecretHash, secret));
    if (!current && !previous) return { ok: false, reason: 'wrong_secret' };
    if (!new IpAllowlist(row.ipAllowlist).allows(address)) return { ok: false, reason: 'address_not_allowed' };
    return { ok: true, client: row };
  }

  /** The client behind a token, still there (deleting a client ends its tokens). */
  async findById(id: string): Promise<IntegrationClientRow | undefined> {
    return this.deps.clients.findById(id);
  }

  private async found(row: Promise<IntegrationClientRow | undefined>): Promise<IntegrationClientRow> {
    const found = await row;
    if (!found) throw new AppError('NOT_FOUND', 'No such integration client.');
    return found;
  }
}
