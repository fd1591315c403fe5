import { randomBytes } from 'node:crypto';
import type { BusinessHours, SiteView } from '../contracts/admin-api.js';
import type { SiteRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { SiteChanges, SiteRepository } from './site.repository.js';

/** A site's settings as the admin API takes them (already validated against contracts/admin-api.ts). */
export type SiteSettingsInput = Omit<SiteChanges, 'widgetKey' | 'identitySecret' | 'businessHours'> & {
  businessHours?: BusinessHours | null;
};

/** A new public widget key: unguessable, so keys of other sites cannot be enumerated. */
export function newWidgetKey(): string {
  return `sb_${randomBytes(18).toString('base64url')}`;
}

/** A new identity secret: 256 bits, hex. */
export function newIdentitySecret(): string {
  return randomBytes(32).toString('hex');
}

/** Creating, changing, rotating and deleting sites: the admin API's use cases. */
export class SiteAdminService {
  constructor(private readonly sites: SiteRepository) {}

  /** The sites in `ids` (every site when undefined). */
  list(ids?: readonly string[]): Promise<SiteRow[]> {
    return this.sites.list(ids);
  }

  async get(id: string): Promise<SiteRow> {
    const site = await this.sites.findById(id);
    if (!site) throw new AppError('NOT_FOUND', 'No such site.');
    return site;
  }

  async create(settings: SiteSettingsInput & { name: string; systemPrompt: string }): Promise<SiteRow> {
    return this.sites.create({ ...settings, widgetKey: newWidgetKey(), identitySecret: newIdentitySecret() });
  }

  async update(id: string, changes: SiteSettingsInput): Promise<SiteRow> {
    const site = await this.sites.update(id, changes);
    if (!site) throw new AppError('NOT_FOUND', 'No such site.');
    return site;
  }

  /** A new widget key; pages embedding the old one stop connecting (after the site cache's few seconds). */
  rotateWidgetKey(id: string): Promise<SiteRow> {
    return this.update(id, { widgetKey: newWidgetKey() } as SiteSettingsInput);
  }

  rotateIdentitySecret(id: string): Promise<SiteRow> {
    return this.update(id, { identitySecret: newIdentitySecret() } as SiteSettingsInput);
  }

  /** Deletes the site and all its data, only when `confirm` is its exact name. */
  async delete(id: string, confirm: string): Promise<void> {
    const site = await this.get(id);
    if (confirm !== site.name) {
      throw new AppError('BAD_REQUEST', 'To delete a site, send its exact name as `confirm`.');
    }
    await this.sites.delete(id);
  }
}

/** The admin API's view of a site; the identity secret only for those who manage it. */
export function toSiteView(site: SiteRow, withSecret: boolean): SiteView {
  return {
    id: site.id,
    name: site.name,
    widgetKey: site.widgetKey,
    allowedOrigins: site.allowedOrigins,
    language: site.language,
    systemPrompt: site.systemPrompt,
    model: site.model,
    historyWindow: site.historyWindow,
    contextTokenBudget: site.contextTokenBudget,
    maxMessageChars: site.maxMessageChars,
    generation: site.generation as Record<string, unknown>,
    botSettings: site.botSettings,
    handoffSettings: site.handoffSettings,
    businessHours: (site.businessHours as BusinessHours | null) ?? null,
    greeting: site.greeting,
    suggestedQuestions: site.suggestedQuestions,
    ...(withSecret && site.identitySecret ? { identitySecret: site.identitySecret } : {}),
    createdAt: site.createdAt.toISOString(),
  };
}
