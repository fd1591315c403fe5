import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/client.js';
import type { SiteRow } from '../../src/db/schema.js';
import { closeAgentSockets, ok, type AgentClient } from '../integration/agents/agent-socket-support.js';
import { closedNowHours } from '../support/business-hours.js';
import { DATABASE_URL } from '../support/test-env.js';
import {
  SCREENSHOTS,
  SEL,
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

const QUESTIONS = ['Do you ship abroad?', 'How do I return an item?'];

/** When the team is back as a visitor in Shanghai with this locale reads it. */
const backAt = (nextOpenAt: string, locale: string) =>
  new Date(nextOpenAt).toLocaleString(locale, { weekday: 'long', hour: 'numeric', minute: '2-digit', timeZone: 'Asia/Shanghai' });

/**
 * What a visitor sees before and after the conversation: the site's greeting and suggested questions,
 * the "team is away" notice outside business hours, thumbs on the assistant's replies and the rating
 * card once an agent resolves the conversation; all stored through the real server.
 */
describe.skipIf(!hasChromium)('widget: greeting, suggested questions, business hours and feedback', () => {
  let stack: E2eStack;
  let database: ReturnType<typeof createDatabase>;
  let welcome: SiteRow;
  let afterHours: SiteRow;
  const closed = closedNowHours();
  let agent: AgentClient;
  let page: Page;
  let conversationId: string;

  beforeAll(async () => {
    stack = await startStack();
    database = createDatabase({ url: DATABASE_URL, schema: stack.schema, poolSize: 2 });
    welcome = await createTeaSite(database.db, {
      greeting: 'Welcome to the Tea House! Ask me anything.',
      suggestedQuestions: QUESTIONS,
    });
    afterHours = await createTeaSite(database.db, { businessHours: closed.hours });
    agent = await connectSiteAgent(stack, welcome.id);
  }, 60_000);
  afterAll(async () => {
    closeAgentSockets();
    await page?.close();
    await database?.close();
    await stack?.close();
  });

  const feedbackRows = async () =>
    (
      await database.pool.query(
        'SELECT kind, value, rating, comment FROM feedback WHERE conversation_id = $1 ORDER BY kind, created_at',
        [conversationId],
      )
    ).rows;

  it('greets with the site’s text and offers its questions; a click sends one and the buttons go', async () => {
    page = await stack.browser.newPage({ viewport: { width: 1000, height: 760 } });
    const sessions: string[] = [];
    page.on('console', (message) => message.type() === 'error' && sessions.push(message.text()));
    await page.goto(servePage(stack, '/welcome.html', hostPage({ server: stack.app.url, siteKey: welcome.widgetKey })));
    await openPanel(page);
    await page.locator('.greeting .bubble', { hasText: 'Welcome to the Tea House! Ask me anything.' }).waitFor();
    const buttons = page.locator('.suggestions button');
    await buttons.first().waitFor();
    expect(await buttons.allTextContents()).toEqual(QUESTIONS);
    expect(await page.getByRole('group', { name: 'Suggested questions' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}w1-greeting-suggestions.png`, animations: 'disabled' });

    await buttons.first().click();
    await page.locator(SEL.customer, { hasText: QUESTIONS[0] }).waitFor();
    await page.locator(SEL.botReply).first().waitFor();
    expect(await page.locator('.suggestions').isHidden()).toBe(true);
    // The greeting is the widget's, not a stored message: the conversation holds the question and the answer.
    const stored = await database.pool.query<{ role: string; text: string; conversation_id: string }>(
      `SELECT m.role, m.text, m.conversation_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE c.site_id = $1 ORDER BY m.seq`,
      [welcome.id],
    );
    expect(stored.rows.map((row) => row.role)).toEqual(['customer', 'bot']);
    expect(stored.rows[0]!.text).toBe(QUESTIONS[0]);
    conversationId = stored.rows[0]!.conversation_id;
    expect(sessions).toEqual([]);
  }, 60_000);

  it('puts thumbs on a finished reply; the choice is stored, and the other thumb replaces it', async () => {
    const reply = page.locator('.msg.bot:not(.greeting):not(.streaming)').first();
    const up = reply.getByRole('button', { name: 'Helpful', exact: true });
    const down = reply.getByRole('button', { name: 'Not helpful' });
    expect(await up.getAttribute('aria-pressed')).toBe('false');
    await up.click();
    await expect.poll(feedbackRows, { timeout: 10_000 }).toEqual([{ kind: 'reply', value: 'up', rating: null, comment: null }]);
    expect(await up.getAttribute('aria-pressed')).toBe('true');
    await down.click();
    await expect.poll(feedbackRows, { timeout: 10_000 }).toEqual([{ kind: 'reply', value: 'down', rating: null, comment: null }]);
    expect(await up.getAttribute('aria-pressed')).toBe('false');
    expect(await down.getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}w2-thumbs.png`, animations: 'disabled' });
  }, 30_000);

  it('asks "How did we do?" once an agent resolves the conversation, and thanks for the rating', async () => {
    await ok(agent, 'conversation:watch', { conversationId });
    await ok(agent, 'conversation:take', { conversationId });
    await ok(agent, 'conversation:resolve', { conversationId });
    const card = page.locator('form.card');
    await card.waitFor();
    expect(await card.getAttribute('aria-label')).toBe('How did we do?');
    const send = card.getByRole('button', { name: 'Send rating' });
    expect(await send.isDisabled()).toBe(true);
    await card.getByRole('button', { name: '4 of 5' }).click();
    expect(await card.getByRole('button', { name: '4 of 5' }).getAttribute('aria-pressed')).toBe('true');
    await card.getByLabel('Anything to add? (optional)').fill('Quick and friendly.');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}w3-rating-card.png`, animations: 'disabled' });
    await send.click();
    await page.locator('.rating [role="status"]', { hasText: 'Thanks for your feedback!' }).waitFor();
    expect(await feedbackRows()).toEqual([
      { kind: 'conversation', value: null, rating: 4, comment: 'Quick and friendly.' },
      { kind: 'reply', value: 'down', rating: null, comment: null },
    ]);
    await page.screenshot({ path: `${SCREENSHOTS}w4-rating-thanks.png`, animations: 'disabled' });
  }, 30_000);

  it('the page’s SwitchboardSettings.greeting wins over the site’s', async () => {
    const other = await stack.browser.newPage();
    try {
      const html = hostPage({
        server: stack.app.url,
        siteKey: welcome.widgetKey,
        before: "window.SwitchboardSettings = { greeting: 'Hello from the page.' };",
      });
      await other.goto(servePage(stack, '/page-greeting.html', html));
      await openPanel(other);
      // The suggestions come with the session: by then the site's greeting would have replaced the page's.
      await other.locator('.suggestions button').first().waitFor();
      expect(await other.locator('.greeting .bubble').textContent()).toBe('Hello from the page.');
    } finally {
      await other.close();
    }
  }, 30_000);

  it('outside business hours says when the team is back, in the visitor’s zone and locale; the bot still answers', async () => {
    const context = await stack.browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1000, height: 760 },
    });
    const away = await context.newPage();
    try {
      await away.goto(servePage(stack, '/after-hours.html', hostPage({ server: stack.app.url, siteKey: afterHours.widgetKey })));
      await openPanel(away);
      const back = backAt(closed.nextOpenAt, 'en-GB');
      const notice = away.locator('.note.away');
      await notice.waitFor();
      expect(await notice.textContent()).toBe(`Our team is away right now and back ${back}. The assistant can still help.`);
      expect(back).toMatch(/^\w+day 17:00$/);
      await away.locator('.status', { hasText: "You're chatting with our assistant" }).waitFor();
      expect(await axeViolations(away)).toEqual([]);
      await away.screenshot({ path: `${SCREENSHOTS}w5-outside-hours.png`, animations: 'disabled' });

      await away.locator(SEL.input).fill('Where is my order?');
      await away.locator(SEL.input).press('Enter');
      await away.locator(SEL.botReply).first().waitFor();
      await away.locator('#sb-handoff').click();
      // Waiting says when the team is back (the header and its note); the next note asks only for the address.
      const awayText = `Our team is away right now and back ${back}.`;
      await away.locator('.status', { hasText: awayText }).waitFor();
      await away.locator('.note:not(.away)', { hasText: awayText }).waitFor();
      await away.locator('.note', { hasText: /^Leave your e-mail and we'll answer you there\.$/ }).waitFor();
      await away.locator('#sb-email').waitFor();
      expect(await axeViolations(away)).toEqual([]);
      await away.screenshot({ path: `${SCREENSHOTS}w6-outside-hours-handoff.png`, animations: 'disabled' });
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe.skipIf(!hasChromium)('widget: after hours in Chinese', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(() => stack?.close());

  it('says when the team is back in Chinese, in the visitor’s zone', async () => {
    const database = createDatabase({ url: DATABASE_URL, schema: stack.schema, poolSize: 1 });
    const closed = closedNowHours();
    let site: SiteRow;
    try {
      site = await createTeaSite(database.db, {
        name: '茶馆',
        businessHours: closed.hours,
        suggestedQuestions: ['可以寄到国外吗？'],
      });
    } finally {
      await database.close();
    }
    const context = await stack.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const page = await context.newPage();
      await page.goto(servePage(stack, '/zh.html', hostPage({ server: stack.app.url, siteKey: site.widgetKey, lang: 'zh-CN' })));
      await openPanel(page);
      const back = backAt(closed.nextOpenAt, 'zh-CN');
      const notice = page.locator('.note.away');
      await notice.waitFor();
      expect(await notice.textContent()).toBe(`客服团队暂时不在线，将于 ${back} 回来。智能助手仍可为您解答。`);
      expect(await page.getByRole('group', { name: '推荐问题' }).textContent()).toBe('可以寄到国外吗？');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}w7-outside-hours-zh.png`, animations: 'disabled' });
    } finally {
      await context.close();
    }
  }, 60_000);
});
