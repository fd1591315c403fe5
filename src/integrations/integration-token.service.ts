import { INTEGRATION_SCOPES, type IntegrationScope } from '../contracts/integration-auth.js';
import type { IntegrationClientRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import { IpAllowlist } from './ip-allowlist.js';
import type { IntegrationClientService } from './integration-client.service.js';
import type { AccessTokenRepository } from './access-token.repository.js';

/** The integration behind a request's access token: what `/api/v1` routes may rely on. */
export interface IntegrationPrincipal {
  /** Row id of the client (not the public `client_id`). */
  clientRowId: string;
  clientId: string;
  name: string;
  siteId: string;
  scopes: readonly IntegrationScope[];
}

/** A requested `scope` the client may not have; the token endpoint answers `invalid_scope`. */
export class InvalidScopeError extends Error {
  override readonly name = 'InvalidScopeError';
}

const isScope = (scope: string): scope is IntegrationScope => (INTEGRATION_SCOPES as readonly string[]).includes(scope);

/** Issues, checks and revokes the short-lived opaque access tokens of the client credentials grant. */
export class IntegrationTokenService {
  constructor(private readonly deps: { tokens: AccessTokenRepository; clients: IntegrationClientService; ttlMs: number }) {}

  get ttlSeconds(): number {
    return Math.floor(this.deps.ttlMs / 1000);
  }

  /** A token for an authenticated client: the requested scopes (space-separated), or all of the client's. */
  async issue(
    client: IntegrationClientRow,
    requested: string | undefined,
  ): Promise<{ token: string; scopes: IntegrationScope[] }> {
    const asked = requested?.split(' ').filter(Boolean);
    const scopes = asked && asked.length > 0 ? [...new Set(asked)] : (client.scopes as IntegrationScope[]);
    for (const scope of scopes) {
      if (!isScope(scope) || !client.scopes.includes(scope))
        throw new InvalidScopeError(`This client may not have the scope "${scope}".`);
    }
    const token = await this.deps.tokens.issue(
      { clientRowId: client.id, siteId: client.siteId, scopes: scopes as IntegrationScope[] },
      this.deps.ttlMs,
    );
    return { token, scopes: scopes as IntegrationScope[] };
  }

  /**
   * The principal of a live token used from an allowed address. The client is read again, so a deleted
   * client's tokens stop at once, a narrowed allowlist applies to tokens already issued, and a scope
   * taken from the client is taken from its tokens too.
   */
  async verify(token: string, address: string | undefined): Promise<IntegrationPrincipal> {
    const record = await this.deps.tokens.find(token);
    const client = record && (await this.deps.clients.findById(record.clientRowId));
    if (!record || !client) throw new AppError('UNAUTHORIZED', 'The access token is unknown, expired or revoked.');
    if (!new IpAllowlist(client.ipAllowlist).allows(address)) {
      throw new AppError('FORBIDDEN', "This address is not on the client's IP allowlist.");
    }
    return {
      clientRowId: client.id,
      clientId: client.clientId,
      name: client.name,
      siteId: client.siteId,
      scopes: record.scopes.filter((scope): scope is IntegrationScope => isScope(scope) && client.scopes.includes(scope)),
    };
  }

  /** RFC 7009: revokes the token if it belongs to `client`; anything else is silently accepted. */
  async revoke(client: IntegrationClientRow, token: string): Promise<void> {
    const record = await this.deps.tokens.find(token);
    if (record?.clientRowId === client.id) await this.deps.tokens.revoke(token);
  }
}

/** Refuses a principal without `scope` with `INSUFFICIENT_SCOPE` (403). */
export function assertScope(principal: Pick<IntegrationPrincipal, 'scopes'>, scope: IntegrationScope): void {
  if (!principal.scopes.includes(scope))
    throw new AppError('INSUFFICIENT_SCOPE', `This token lacks the ${scope} scope.`, { scope });
}
