import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/client.js';
import type { SiteRow } from '../../src/db/schema.js';
import { closeAgentSockets, EventLog, ok, type AgentClient } from '../integration/agents/agent-socket-support.js';
import { closedNowHours } from '../support/business-hours.js';
import { DATABASE_URL } from '../support/test-env.js';
import {
  SCREENSHOTS,
  SEL,
  ask,
  axeViolations,
  connectSiteAgent,
  createTeaSite,
  hasChromium,
  hostPage,
  openPanel,
  servePage,
  startStack,
  type E2eStack,
} from './widget-e2e-support.js';

const REPLY = '.msg.bot:not(.greeting):not(.streaming)';

/**
 * A visitor who comes back: their thumbs are still pressed after a reload, the conversation an agent
 * resolved while they were away asks to be rated once (until rated or dismissed), and typing reaches
 * the agent as a start and a stop, not one event per key. Out of hours, waiting says when the team is back.
 */
describe.skipIf(!hasChromium)('widget: a returning visitor', () => {
  let stack: E2eStack;
  let database: ReturnType<typeof createDatabase>;
  let site: SiteRow;
  let afterHours: SiteRow;
  const closed = closedNowHours();
  let agent: AgentClient;
  let agentEvents: EventLog;

  beforeAll(async () => {
    stack = await startStack();
    database = createDatabase({ url: DATABASE_URL, schema: stack.schema, poolSize: 2 });
    site = await createTeaSite(database.db);
    afterHours = await createTeaSite(database.db, { businessHours: closed.hours });
    agent = await connectSiteAgent(stack, site.id);
    agentEvents = new EventLog(agent);
  }, 60_000);
  afterAll(async () => {
    closeAgentSockets();
    await database?.close();
    await stack?.close();
  });

  const url = (key: string, name: string) => servePage(stack, `/${name}.html`, hostPage({ server: stack.app.url, siteKey: key }));
  const conversationOf = async (page: Page) => {
    const rows = await database.pool.query<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN messages m ON m.conversation_id = c.id
       WHERE c.site_id = $1 AND m.text = $2`,
      [site.id, await page.locator(SEL.customer).last().textContent()],
    );
    return rows.rows[0]!.id;
  };
  /** The session has been shown: the header names who answers (the card, if any, came with it). */
  const sessionShown = (page: Page) =>
    page.locator('.status.online', { hasText: "You're chatting with our assistant" }).waitFor();

  async function visitWithReply(context: BrowserContext, question: string): Promise<{ page: Page; conversationId: string }> {
    const page = await context.newPage();
    await page.goto(url(site.widgetKey, 'shop'));
    await openPanel(page);
    await ask(page, question);
    await page.locator(REPLY).first().waitFor();
    return { page, conversationId: await conversationOf(page) };
  }

  /** A visit with a reply that an agent resolves once the visitor has gone; then their next page, panel open. */
  async function returnAfterResolved(context: BrowserContext, question: string) {
    const first = await visitWithReply(context, question);
    await first.page.close();
    await ok(agent, 'conversation:watch', { conversationId: first.conversationId });
    await ok(agent, 'conversation:resolve', { conversationId: first.conversationId });
    const page = await context.newPage();
    await page.goto(url(site.widgetKey, 'shop'));
    await openPanel(page);
    return { page, card: page.locator('form.card'), conversationId: first.conversationId };
  }

  it('shows the thumb the visitor gave still pressed after a reload; typing is sent as start and stop only', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1000, height: 760 } });
    try {
      const { page, conversationId } = await visitWithReply(context, 'Do you ship abroad?');
      await page.locator(REPLY).first().getByRole('button', { name: 'Not helpful' }).click();
      await expect
        .poll(
          async () => (await database.pool.query('SELECT value FROM feedback WHERE conversation_id = $1', [conversationId])).rows,
        )
        .toEqual([{ value: 'down' }]);

      await page.reload();
      await openPanel(page);
      const reply = page.locator(REPLY).first();
      await reply.waitFor();
      expect(await reply.getByRole('button', { name: 'Not helpful' }).getAttribute('aria-pressed')).toBe('true');
      expect(await reply.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed')).toBe('false');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}r1-thumb-after-reload.png`, animations: 'disabled' });

      // Typing: one start for a whole burst of keys, then one stop once idle, counted on the wire and at the agent.
      const typing: boolean[] = [];
      page.on('websocket', (socket) =>
        socket.on('framesent', ({ payload }) => {
          const match = /^42\/widget,\["typing",(\{.*\})\]$/.exec(String(payload));
          if (match) typing.push((JSON.parse(match[1]!) as { typing: boolean }).typing);
        }),
      );
      // The WebSocket opened before this listener: a new one (a reload) is the one watched.
      await page.reload();
      await openPanel(page);
      await sessionShown(page);
      await ok(agent, 'conversation:watch', { conversationId });
      await page.locator(SEL.input).pressSequentially('a'.repeat(120));
      await expect.poll(() => typing, { timeout: 10_000 }).toEqual([true, false]);
      await expect
        .poll(() =>
          agentEvents.of('visitor:typing').filter((event: { conversationId: string }) => event.conversationId === conversationId),
        )
        .toEqual([
          { conversationId, typing: true },
          { conversationId, typing: false },
        ]);
      // Sending stops at once (no idle wait): start, stop before the message.
      await page.locator(SEL.input).fill('');
      await page.locator(SEL.input).pressSequentially('Thanks');
      await page.locator(SEL.input).press('Enter');
      await page.locator(SEL.customer, { hasText: 'Thanks' }).waitFor();
      await expect.poll(() => typing).toEqual([true, false, true, false]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('asks a visitor who was away when it was resolved to rate it once; "Not now" keeps it away for good', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1000, height: 760 } });
    try {
      const { page, card, conversationId } = await returnAfterResolved(context, 'How do I brew oolong?');
      await card.waitFor();
      expect(await card.getAttribute('aria-label')).toBe('How did we do last time?');
      expect(await page.locator('form.card').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}r2-rate-previous.png`, animations: 'disabled' });

      await card.getByRole('button', { name: 'Not now' }).click();
      await card.waitFor({ state: 'detached' });
      await page.reload();
      await openPanel(page);
      await sessionShown(page);
      expect(await page.locator('form.card').count()).toBe(0);
      // Kept on the server (any device of the visitor), and dismissed is not rated: no feedback row.
      const dismissed = await database.pool.query(
        'SELECT rating_dismissed_at IS NOT NULL AS d FROM conversations WHERE id = $1',
        [conversationId],
      );
      expect(dismissed.rows).toEqual([{ d: true }]);
      expect((await database.pool.query('SELECT 1 FROM feedback WHERE conversation_id = $1', [conversationId])).rowCount).toBe(0);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('stores the rating a returning visitor gives, and asks no more after it', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1000, height: 760 } });
    try {
      const { page, card, conversationId } = await returnAfterResolved(context, 'Is green tea caffeinated?');
      // In Chinese first (the page switches the language; the card is rebuilt in it), then back.
      await card.waitFor();
      await page.evaluate(() =>
        (window as unknown as { Switchboard: { setLocale(lang: string): void } }).Switchboard.setLocale('zh'),
      );
      await page.locator('form.card[aria-label="您对上次的服务满意吗？"]').getByRole('button', { name: '暂不评价' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}r2-rate-previous-zh.png`, animations: 'disabled' });
      await page.evaluate(() =>
        (window as unknown as { Switchboard: { setLocale(lang: string): void } }).Switchboard.setLocale('en'),
      );
      await card.getByRole('button', { name: '5 of 5' }).click();
      await card.getByRole('button', { name: 'Send rating' }).click();
      await page.locator('.rating [role="status"]', { hasText: 'Thanks for your feedback!' }).waitFor();
      expect(
        (await database.pool.query('SELECT kind, rating FROM feedback WHERE conversation_id = $1', [conversationId])).rows,
      ).toEqual([{ kind: 'conversation', rating: 5 }]);
      await page.screenshot({ path: `${SCREENSHOTS}r3-rated-previous.png`, animations: 'disabled' });

      await page.reload();
      await openPanel(page);
      await sessionShown(page);
      expect(await page.locator('.rating').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('while waiting outside business hours the header says the team is away and when it is back', async () => {
    const context = await stack.browser.newContext({
      locale: 'en-GB',
      timezoneId: 'UTC',
      viewport: { width: 1000, height: 760 },
    });
    try {
      const page = await context.newPage();
      await page.goto(url(afterHours.widgetKey, 'after-hours'));
      await openPanel(page);
      await ask(page, 'Can I speak to someone?');
      await page.locator(REPLY).first().waitFor();
      await page.locator('#sb-handoff').click();
      const back = new Date(closed.nextOpenAt).toLocaleString('en-GB', {
        weekday: 'long',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: 'UTC',
      });
      const status = page.locator('.status');
      await status.filter({ hasText: `Our team is away right now and back ${back}.` }).waitFor();
      expect(await status.textContent()).not.toContain('shortly');
      await page.locator('#sb-email').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}r4-waiting-after-hours.png`, animations: 'disabled' });
    } finally {
      await context.close();
    }
  }, 60_000);
});
