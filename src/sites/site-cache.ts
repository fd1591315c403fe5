import type { SiteRow } from '../db/schema.js';
import type { SiteRepository } from './site.repository.js';

/**
 * Sites change rarely and are read on every connect and message, so gateways and workers keep them for
 * a few seconds.
 */
export class SiteCache {
  private readonly byKey = new Map<string, { site: SiteRow | undefined; expiresAt: number }>();
  private readonly byId = new Map<string, { site: SiteRow | undefined; expiresAt: number }>();

  constructor(
    private readonly sites: SiteRepository,
    private readonly ttlMs = 5000,
  ) {}

  async byWidgetKey(widgetKey: string): Promise<SiteRow | undefined> {
    return this.cached(this.byKey, widgetKey, () => this.sites.findByWidgetKey(widgetKey));
  }

  async byIdentifier(siteId: string): Promise<SiteRow | undefined> {
    return this.cached(this.byId, siteId, () => this.sites.findById(siteId));
  }

  private async cached(
    map: Map<string, { site: SiteRow | undefined; expiresAt: number }>,
    key: string,
    load: () => Promise<SiteRow | undefined>,
  ): Promise<SiteRow | undefined> {
    const hit = map.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.site;
    const site = await load();
    map.set(key, { site, expiresAt: Date.now() + this.ttlMs });
    return site;
  }
}
