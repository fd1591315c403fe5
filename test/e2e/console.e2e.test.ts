import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  E2E_ADMIN_TOKEN,
  hasChromium,
  operator,
  openPanel,
  ask,
  pageAxeViolations,
  SCREENSHOTS,
  SEL,
  servePage,
  signIn,
  startStack,
  type E2eStack,
} from './widget-e2e-support.js';

const CANNED = 'Hi, I am {{agent.name}} from {{site.name}}. Happy to help!';

describe.skipIf(!hasChromium)('agent console in a real browser against the real app', () => {
  let stack: E2eStack;
  let admin: Page;
  let agent: Page;
  let third: Page;
  let visitor: Page;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function page(viewport: { width: number; height: number }, origin?: string): Promise<Page> {
    const context = await stack.browser.newContext({ viewport, locale: 'en-US' });
    if (origin) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    contexts.push(context);
    const created = await context.newPage();
    created.on('pageerror', (error) => errors.push(String(error)));
    return created;
  }

  beforeAll(async () => {
    stack = await startStack({
      ADMIN_API_TOKEN: E2E_ADMIN_TOKEN,
      SIMULATOR_FIRST_TOKEN_MS: '100',
      SIMULATOR_TOKENS_PER_SECOND: '12',
    });
    await operator(stack, 'POST', '/api/v1/agents', {
      name: 'Ada',
      email: 'ada@example.com',
      password: 'ada-password',
      role: 'admin',
    });
    admin = await page({ width: 1280, height: 800 }, stack.app.url);
    agent = await page({ width: 1280, height: 800 });
    third = await page({ width: 390, height: 844 });
    visitor = await page({ width: 1280, height: 800 });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stack?.close();
  });

  it('serves /console with a strict CSP and its script within budget', async () => {
    const response = await fetch(`${stack.app.url}/console`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await response.text()).not.toMatch(/<script>|<style>/);
  });

  it('admin creates a site, copies its snippet; a visitor chats; an agent watches the stream, takes over by keyboard and answers with a canned reply; a third agent cannot write', async () => {
    // 1. The admin signs in and creates a site in the settings.
    await signIn(admin, stack.app.url, 'ada@example.com', 'ada-password');
    await admin.locator('a.nav-link[href="#/settings"]').click();
    await admin.locator('details.create-site summary').click();
    const create = admin.locator('details.create-site form');
    await create.locator('[name=name]').fill('Tea House');
    await create.locator('[name=systemPrompt]').fill('You answer questions about tea.');
    await create.locator('[name=allowedOrigins]').fill(stack.host.url);
    await create.locator('[name=greeting]').fill('Welcome to the Tea House!');
    await create.locator('[name=suggestedQuestions]').fill('Which green tea?\n\n Do you ship abroad? ');
    await create.locator('button[type=submit]').click();
    await admin.locator('.pill.active', { hasText: 'Tea House' }).waitFor();
    const { sites } = await operator<{ sites: Array<{ id: string; name: string; widgetKey: string }> }>(
      stack,
      'GET',
      '/api/v1/sites',
    );
    const site = sites.find((candidate) => candidate.name === 'Tea House')!;

    // A canned reply, from the settings too.
    const canned = admin.locator('.settings-canned');
    await canned.locator('select').selectOption(site.id);
    await canned.locator('.canned-shortcut').fill('thanks');
    await canned.locator('.canned-text').fill(CANNED);
    await canned.locator('.canned-add').click();
    await canned.locator('.canned-settings-list li', { hasText: '/thanks' }).waitFor();

    // A sensitive word for the site, from the settings too.
    const words = admin.locator('.settings-words');
    await words.locator('select').first().selectOption(site.id);
    await words.locator('input[aria-label="Word"]').fill('scamword');
    await words.locator('form').first().locator('button[type=submit]').click();
    await words.locator('.word-list li', { hasText: 'scamword' }).waitFor();

    // The snippet, copied with the button, goes onto the customer's page.
    await admin.locator('.site-editor button.copy').click();
    await admin.locator('.toast', { hasText: 'Copied' }).waitFor();
    const snippet = await admin.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toBe(`<script src="${stack.app.url}/widget.js" data-site-key="${site.widgetKey}" async></script>`);
    await admin.screenshot({ path: `${SCREENSHOTS}console-settings.png`, fullPage: true });
    const shop = servePage(
      stack,
      '/tea',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tea</title></head><body><h1>Tea House</h1>${snippet}</body></html>`,
    );

    await operator(stack, 'POST', '/api/v1/agents', {
      name: 'Lin',
      email: 'lin@example.com',
      password: 'lin-password',
      siteIds: [site.id],
    });
    await operator(stack, 'POST', '/api/v1/agents', {
      name: 'Wang',
      email: 'wang@example.com',
      password: 'wang-password',
      siteIds: [site.id],
    });

    // 2. A visitor writes on the customer's page.
    await visitor.goto(shop);
    await openPanel(visitor);
    // The greeting and suggested questions set in the console reach the widget.
    await visitor.locator('.greeting .bubble', { hasText: 'Welcome to the Tea House!' }).waitFor();
    await visitor.locator('.suggestions button').first().waitFor();
    expect(await visitor.locator('.suggestions button').allTextContents()).toEqual(['Which green tea?', 'Do you ship abroad?']);
    await ask(visitor, 'Hello! Which green tea do you recommend?');
    await visitor.locator(SEL.botReply).first().waitFor({ timeout: 20_000 });

    // 3. Agent Lin signs in: the conversation is in the inbox, with the bot.
    await signIn(agent, stack.app.url, 'lin@example.com', 'lin-password');
    const row = agent.locator('.section-bot .inbox-row');
    await row.first().waitFor({ timeout: 10_000 });
    await agent.screenshot({ path: `${SCREENSHOTS}console-inbox.png` });
    await agent.keyboard.press('j');
    await agent.keyboard.press('Enter');
    await agent.locator('.conversation .transcript .msg.customer').first().waitFor();

    // The bot's next reply grows token by token in the agent's view.
    await ask(visitor, 'And how long should I steep it, in detail please?');
    const streaming = agent.locator('.msg.bot.streaming .msg-body');
    await streaming.waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await streaming.textContent())?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const early = (await streaming.textContent()) ?? '';
    await expect
      .poll(async () => ((await streaming.textContent().catch(() => null)) ?? '').length, { timeout: 10_000 })
      .toBeGreaterThan(early.length);
    await agent.locator('.msg.bot:not(.streaming)').nth(1).waitFor({ timeout: 20_000 });

    // 4. The visitor asks for a person: the agent hears and sees it.
    await ask(visitor, 'Can I talk to a real person?');
    await expect
      .poll(() => agent.evaluate(() => Number(document.documentElement.dataset.beeps ?? 0)), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => agent.title()).toMatch(/^\(1\) /);
    await agent.locator('.conversation .badge.mode-waiting').waitFor();
    await agent.locator('.conv-reason').waitFor();

    // 5. Takes over with the keyboard and answers with a canned reply.
    await agent.locator('body').click({ position: { x: 5, y: 400 } });
    await agent.keyboard.press('t');
    await agent.locator('.conv-owner', { hasText: 'You are answering' }).waitFor();
    await agent.keyboard.press('c');
    await agent.keyboard.type('/tha');
    await agent.locator('.canned-list li', { hasText: '/thanks' }).waitFor();
    await agent.keyboard.press('Enter');
    expect(await agent.locator('.composer-input').inputValue()).toBe('Hi, I am Lin from Tea House. Happy to help!');
    await agent.keyboard.press('Enter');
    await agent.locator('.transcript .msg.agent', { hasText: 'Happy to help' }).waitFor();
    await visitor
      .locator('.msg.agent .bubble', { hasText: 'Hi, I am Lin from Tea House. Happy to help!' })
      .waitFor({ timeout: 10_000 });

    // 6. A third agent (on a phone) sees who has it and cannot write; Lin sees Wang viewing.
    const conversationId = await agent.evaluate(() => location.hash.slice('#/c/'.length));
    await signIn(third, stack.app.url, 'wang@example.com', 'wang-password');
    await third.goto(`${stack.app.url}/console#/c/${conversationId}`);
    await third.locator('.conv-owner', { hasText: 'Taken by Lin' }).waitFor();
    expect(await third.locator('.composer-input').isDisabled()).toBe(true);
    await agent.locator('.conv-presence', { hasText: 'Wang also viewing' }).waitFor();

    await agent.screenshot({ path: `${SCREENSHOTS}console-conversation.png` });
    await third.screenshot({ path: `${SCREENSHOTS}console-phone.png` });
    await third.locator('button.back').click();
    await third.locator('.inbox-row').first().waitFor();
    await third.screenshot({ path: `${SCREENSHOTS}console-phone-inbox.png` });

    expect(await pageAxeViolations(agent)).toEqual([]);
    expect(await pageAxeViolations(third)).toEqual([]);

    // 7. Lin's session ends elsewhere (here: a logout with the page's own cookies): the console says so.
    await agent.evaluate(async () => {
      const csrf = decodeURIComponent(/sb_csrf=([^;]*)/.exec(document.cookie)![1]!);
      await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } });
    });
    await agent.locator('.login-message', { hasText: 'Your session has expired' }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 120_000);

  it('speaks Chinese to a Chinese browser', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    contexts.push(context);
    const zh = await context.newPage();
    await zh.goto(`${stack.app.url}/console`);
    expect(await zh.locator('form.login button[type=submit]').textContent()).toBe('登录');
    await signIn(zh, stack.app.url, 'wang@example.com', 'wang-password');
    await zh.locator('.inbox-section h2', { hasText: '等待人工' }).waitFor();
    expect(await zh.locator('a.nav-link').first().textContent()).toBe('收件箱');
    await zh.screenshot({ path: `${SCREENSHOTS}console-zh.png` });
    expect(await pageAxeViolations(zh)).toEqual([]);
  });
});
