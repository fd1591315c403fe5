import type { WidgetSite } from '../contracts/payloads.js';
import type { SiteRow } from '../db/schema.js';
import { siteAgentHours } from './business-hours.js';

/** The site's part of the widget's `session`: greeting, suggested questions, agents' hours now. */
export function widgetSiteOf(
  site: Pick<SiteRow, 'greeting' | 'suggestedQuestions' | 'businessHours'>,
  now: Date = new Date(),
): WidgetSite {
  return {
    greeting: site.greeting?.trim() || null,
    suggestedQuestions: site.suggestedQuestions,
    agentHours: siteAgentHours(site, now),
  };
}
