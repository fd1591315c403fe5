import type { SiteRepository } from './site.repository.js';

export const DEMO_SYSTEM_PROMPT =
  'You are the friendly support assistant of Demo Shop, an online store for home goods. Answer briefly and ' +
  'politely. If you cannot help, say that a human agent can take over.';

/** Makes `npm start` work out of the box: one site with a known widget key. Existing rows are kept. */
export async function seedDemoSite(sites: SiteRepository, demo: { siteKey: string; allowedOrigins: string[] }) {
  return sites.ensure({
    widgetKey: demo.siteKey,
    name: 'Demo Shop',
    allowedOrigins: demo.allowedOrigins,
    systemPrompt: DEMO_SYSTEM_PROMPT,
    blockedWords: ['badword', '傻瓜'],
    // The shipped starter list (docs/filter.md), so the demo shows what switching it on does.
    filterPolicy: { starterList: ['profanity', 'ads'] },
    // Shown as buttons before the first message, so a first-time visitor of the demo sees the feature.
    suggestedQuestions: ['Where is my order?', 'How do returns work?', 'Do you ship abroad?'],
  });
}
