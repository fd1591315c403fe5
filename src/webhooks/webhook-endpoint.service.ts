import { randomUUID } from 'node:crypto';
import {
  MAX_WEBHOOK_ENDPOINTS_PER_SITE,
  type CreateWebhookEndpoint,
  type UpdateWebhookEndpoint,
  type WebhookEndpointView,
  type WebhookEventType,
} from '../contracts/webhooks.js';
import type { WebhookEndpointRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { SecretBox } from './secret-box.js';
import type { WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import type { WebhookHttpSender } from './webhook-http-sender.js';
import { generateWebhookSecret } from './webhook-signer.js';

export interface WebhookEndpointServiceDeps {
  endpoints: WebhookEndpointRepository;
  secrets: SecretBox;
  /** Checks a URL against the scheme and address rules (the sender's own check). */
  urls: Pick<WebhookHttpSender, 'check'>;
  /** True when the site exists (a port onto the sites domain). */
  siteExists: (siteId: string) => Promise<boolean>;
  /** Records the test event for one endpoint and queues it; resolves with its delivery id. */
  sendTest: (endpoint: WebhookEndpointRow, data: Record<string, unknown>) => Promise<string | undefined>;
}

/** An endpoint as the API shows it: every field but the secrets. */
export function toEndpointView(row: WebhookEndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    siteId: row.siteId,
    url: row.url,
    events: row.events as WebhookEventType[],
    enabled: row.enabled,
    description: row.description,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt:
      row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now()
        ? row.previousSecretExpiresAt.toISOString()
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A site's webhook endpoints: create (the secret is answered once, then only kept encrypted), list,
 * read, change, delete, rotate the secret with an overlap, send a test event.
 */
export class WebhookEndpointService {
  constructor(private readonly deps: WebhookEndpointServiceDeps) {}

  async create(siteId: string, input: CreateWebhookEndpoint): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
    await this.assertSite(siteId);
    await this.assertUrl(input.url);
    if ((await this.deps.endpoints.countForSite(siteId)) >= MAX_WEBHOOK_ENDPOINTS_PER_SITE) {
      throw new AppError('CONFLICT', `A site may have at most ${MAX_WEBHOOK_ENDPOINTS_PER_SITE} webhook endpoints.`);
    }
    const id = randomUUID();
    const secret = generateWebhookSecret();
    const row = await this.deps.endpoints.create({
      id,
      siteId,
      url: input.url,
      events: unique(input.events),
      enabled: input.enabled,
      description: input.description,
      secretCiphertext: this.deps.secrets.seal(secret, id),
    });
    return { endpoint: toEndpointView(row), secret };
  }

  async list(siteId: string): Promise<WebhookEndpointView[]> {
    await this.assertSite(siteId);
    return (await this.deps.endpoints.list(siteId)).map(toEndpointView);
  }

  async get(siteId: string, endpointId: string): Promise<WebhookEndpointRow> {
    const row = await this.deps.endpoints.find(siteId, endpointId);
    if (!row) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
    return row;
  }

  async update(siteId: string, endpointId: string, changes: UpdateWebhookEndpoint): Promise<WebhookEndpointView> {
    if (changes.url !== undefined) await this.assertUrl(changes.url);
    const row = await this.deps.endpoints.update(siteId, endpointId, {
      ...changes,
      ...(changes.events ? { events: unique(changes.events) } : {}),
    });
    if (!row) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
    return toEndpointView(row);
  }

  async remove(siteId: string, endpointId: string): Promise<void> {
    if (!(await this.deps.endpoints.delete(siteId, endpointId))) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
  }

  /**
   * A new secret, answered once. The current one becomes the previous one and keeps signing next to
   * it for `overlapSeconds`, so receivers can switch without dropping a webhook.
   */
  async rotateSecret(
    siteId: string,
    endpointId: string,
    overlapSeconds: number,
  ): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
    const current = await this.get(siteId, endpointId);
    const secret = generateWebhookSecret();
    const row = await this.deps.endpoints.update(siteId, endpointId, {
      secretCiphertext: this.deps.secrets.seal(secret, endpointId),
      previousSecretCiphertext: overlapSeconds > 0 ? current.secretCiphertext : null,
      previousSecretExpiresAt: overlapSeconds > 0 ? new Date(Date.now() + overlapSeconds * 1000) : null,
    });
    if (!row) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
    return { endpoint: toEndpointView(row), secret };
  }

  /** Queues a `webhook.test` event to this endpoint alone (enabled or not); answers its delivery id. */
  async sendTestEvent(siteId: string, endpointId: string): Promise<string> {
    const endpoint = await this.get(siteId, endpointId);
    const deliveryId = await this.deps.sendTest(endpoint, {
      message: 'A test event from Switchboard: if you can verify this, the endpoint is set up.',
      endpointId,
    });
    if (!deliveryId) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
    return deliveryId;
  }

  private async assertSite(siteId: string): Promise<void> {
    if (!(await this.deps.siteExists(siteId))) throw new AppError('NOT_FOUND', 'No such site.');
  }

  private async assertUrl(url: string): Promise<void> {
    try {
      await this.deps.urls.check(url);
    } catch (error) {
      throw new AppError('BAD_REQUEST', `This webhook URL cannot be used: ${(error as Error).message}.`);
    }
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
