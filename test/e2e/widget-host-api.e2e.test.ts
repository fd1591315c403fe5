import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SCREENSHOTS,
  SEL,
  ask,
  axeViolations,
  distanceFromBottom,
  E2E_ADMIN_TOKEN,
  hasChromium,
  hostPage,
  openPanel,
  operator,
  servePage,
  startStack,
  type E2eStack,
} from './widget-e2e-support.js';

const BLOCKED_WORD = 'zorbleflux';
const VISITOR_LIMIT = 4;

/** Records every API event in `window.__events`, subscribing when the widget announces itself. */
const RECORD_EVENTS = `window.__events = [];
window.addEventListener('switchboard:ready', (event) => {
  for (const name of ['ready', 'open', 'close', 'message', 'handoff']) {
    event.detail.on(name, (payload) => window.__events.push(payload ? name + ':' + (payload.role || payload.mode) : name));
  }
});`;

const events = (page: Page) => page.evaluate(() => (window as unknown as { __events: string[] }).__events);
const visitorToken = (page: Page) => page.evaluate(() => localStorage.getItem('switchboard:demo-site-key:visitor-token'));

describe.skipIf(!hasChromium)('widget JavaScript API and what a new user noticed', () => {
  let stack: E2eStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack({ ADMIN_API_TOKEN: E2E_ADMIN_TOKEN, RATE_LIMIT_VISITOR_PER_MINUTE: String(VISITOR_LIMIT) });
    await operator(stack, 'POST', '/api/v1/sites/default/words', { word: BLOCKED_WORD, category: 'politics' });
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('[e2e] page error:', error));
    const settings = {
      color: '#7c3aed',
      position: 'left',
      greeting: 'Hello from Acme! Ask about your order.',
      title: 'Acme help',
      hideLauncher: true,
    };
    const before = `window.SwitchboardSettings = ${JSON.stringify(settings)};\n${RECORD_EVENTS}`;
    await page.goto(
      servePage(stack, '/acme.html', hostPage({ server: stack.app.url, before, body: '<button id="help">Help</button>' })),
    );
    await page.waitForFunction(() => (window as unknown as { __events: string[] }).__events.includes('ready'));
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('reads SwitchboardSettings: no launcher, left side, brand colour, title and greeting', async () => {
    expect(await page.locator(SEL.launcher).isVisible()).toBe(false);
    await page.evaluate(() => (window as unknown as { Switchboard: { open(): void } }).Switchboard.open());
    await page.locator(SEL.panel).waitFor({ state: 'visible' });
    expect((await page.locator(SEL.panel).boundingBox())!.x).toBe(20);
    expect(await page.locator('.header').evaluate((header) => getComputedStyle(header).backgroundColor)).toBe(
      'rgb(124, 58, 237)',
    );
    expect(await page.locator(SEL.title).innerText()).toBe('Acme help');
    expect(await page.locator('.greeting').innerText()).toBe('Hello from Acme! Ask about your order.');
    expect(await events(page)).toEqual(['ready', 'open']);
  });

  it('emits message events for the visitor and the assistant, and close on toggle()', async () => {
    await ask(page, 'Where is my order #1042?');
    await page.locator(SEL.botReply).first().waitFor({ timeout: 15_000 });
    await page.evaluate(() => (window as unknown as { Switchboard: { toggle(): void } }).Switchboard.toggle());
    await page.locator(SEL.panel).waitFor({ state: 'hidden' });
    expect(await events(page)).toEqual(['ready', 'open', 'message:customer', 'message:bot', 'close']);
  });

  it('switches language with setLocale() and keeps the conversation', async () => {
    await page.evaluate(() => {
      const sb = (window as unknown as { Switchboard: { setLocale(lang: string): void; open(): void } }).Switchboard;
      sb.setLocale('zh-CN');
      sb.open();
    });
    expect(await page.locator(SEL.input).getAttribute('placeholder')).toBe('请输入消息…');
    expect(await page.locator('.status').innerText()).toBe('正在与智能助手对话');
    expect(await page.locator(SEL.customer).allInnerTexts()).toEqual(['Where is my order #1042?']);
    expect(await page.locator(SEL.title).innerText()).toBe('Acme help');
    const refused = await page.evaluate(() => {
      try {
        (window as unknown as { Switchboard: { setLocale(lang: string): void } }).Switchboard.setLocale('fr');
        return 'accepted';
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(refused).toBe('TypeError');
    await page.evaluate(() =>
      (window as unknown as { Switchboard: { setLocale(lang: string): void } }).Switchboard.setLocale('en'),
    );
    expect(await page.locator(SEL.input).getAttribute('placeholder')).toBe('Type your message…');
  });

  it('emits handoff when the assistant cannot answer and an agent is asked for; no serious axe violations then', async () => {
    await ask(page, 'I need a person [[sim:status=401]]');
    await page.waitForFunction(
      () => (window as unknown as { __events: string[] }).__events.includes('handoff:waiting'),
      undefined,
      { timeout: 15_000 },
    );
    await page.locator('.status', { hasText: 'An agent will join shortly' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}a1-settings-handoff.png`, animations: 'disabled' });
  });

  it('reset() forgets the visitor: a new token and an empty conversation', async () => {
    const before = await visitorToken(page);
    expect(before).toBeTruthy();
    await page.evaluate(() => {
      const sb = (
        window as unknown as {
          Switchboard: { setUser(user: unknown): void; setAttributes(attributes: unknown): void; reset(): void };
        }
      ).Switchboard;
      sb.setUser({ id: 'user-42', name: 'Ada', email: 'ada@example.com', hash: 'abc' });
      sb.setAttributes({ plan: 'pro', seats: 3 });
      sb.reset();
    });
    expect(await page.locator(SEL.customer).count()).toBe(0);
    await page.waitForFunction((old) => {
      const token = localStorage.getItem('switchboard:demo-site-key:visitor-token');
      return token !== null && token !== old;
    }, before);
    expect(await page.locator('.status').innerText()).toBe("You're chatting with our assistant");
  });

  it('scrolls to the bottom on send, and shows a "new reply below" pill when a reply arrives while scrolled up', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of a long answer.`).join('\n');
    await ask(page, `Tell me everything [[sim:reply=${encodeURIComponent(long)}]]`);
    await page.locator(SEL.botReply, { hasText: 'Line 30' }).waitFor({ timeout: 15_000 });
    await page.locator(SEL.log).evaluate((list) => (list.scrollTop = 0));
    expect(await distanceFromBottom(page)).toBeGreaterThan(300);

    // The first token waits 1.5 s, so the visitor can scroll up before the reply arrives.
    await ask(page, 'And shipping? [[sim:keepalive=1500]]');
    expect(await distanceFromBottom(page)).toBeLessThan(48);
    await page.locator(SEL.log).evaluate((list) => (list.scrollTop = 0));
    await page.locator(SEL.pill).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator(SEL.pill).innerText()).toContain('New reply below');
    await page.screenshot({ path: `${SCREENSHOTS}a2-new-reply-pill.png`, animations: 'disabled' });
    await page.locator(SEL.pill).click();
    expect(await distanceFromBottom(page)).toBeLessThan(48);
    await page.locator(SEL.pill).waitFor({ state: 'hidden' });
  });

  it('offers only Edit for a blocked message, putting the text back in the box', async () => {
    await page.evaluate(() => (window as unknown as { Switchboard: { reset(): void } }).Switchboard.reset());
    await ask(page, `Tell me about ${BLOCKED_WORD}`);
    const failed = page.locator('.msg.customer.failed');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.locator('button').allInnerTexts()).toEqual(['Edit']);
    expect(await failed.locator('.meta').innerText()).toContain('cannot be sent');
    await failed.locator('button', { hasText: 'Edit' }).click();
    expect(await page.locator(SEL.input).inputValue()).toBe(`Tell me about ${BLOCKED_WORD}`);
    expect(await page.locator('.msg.customer.failed').count()).toBe(0);
    await page.locator(SEL.input).fill('');
  });

  it('counts the rate-limit wait down, with Retry disabled until it ends', async () => {
    await page.evaluate(() => (window as unknown as { Switchboard: { reset(): void } }).Switchboard.reset());
    for (let i = 1; i <= VISITOR_LIMIT + 1; i++) await ask(page, `Message ${i} [[sim:reply=ok]]`);
    const limited = page.locator('.msg.customer.failed');
    await limited.waitFor({ timeout: 15_000 });
    const countdown = limited.locator('.countdown');
    const first = Number(/(\d+) s/.exec(await countdown.innerText())?.[1]);
    expect(first).toBeGreaterThan(1);
    expect(await limited.locator('button', { hasText: 'Retry' }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}a3-rate-limit-countdown.png`, animations: 'disabled' });
    // The notice counts down: it reaches a smaller number by itself.
    await page.waitForFunction(
      (start) => {
        const label = document.getElementById('switchboard-widget')!.shadowRoot!.querySelector('.failed .countdown');
        const seconds = Number(/(\d+) s/.exec(label?.textContent ?? '')?.[1]);
        return seconds > 0 && seconds < start;
      },
      first,
      { timeout: 5_000 },
    );
  });

  it('runs the documented example page (widget/demo/api-example.html)', async () => {
    const example = readFileSync(new URL('../../widget/demo/api-example.html', import.meta.url), 'utf8').replace(
      'http://localhost:3000',
      stack.app.url,
    );
    const other = await (await stack.browser.newContext()).newPage();
    await other.goto(servePage(stack, '/api-example.html', example));
    await other.locator('#log', { hasText: 'ready' }).waitFor({ timeout: 10_000 });
    await other.getByRole('button', { name: 'open()', exact: true }).click({ timeout: 5000 });
    await other.locator(SEL.panel).waitFor({ state: 'visible', timeout: 5000 });
    await other.getByRole('button', { name: "setLocale('zh')" }).click({ timeout: 5000 });
    expect(await other.locator(SEL.input).getAttribute('placeholder')).toBe('请输入消息…');
    await other.getByRole('button', { name: 'toggle()' }).click({ timeout: 5000 });
    await other.locator('#log', { hasText: 'close' }).waitFor({ timeout: 5000 });
    expect((await other.locator('#log').innerText()).trim().split('\n')).toEqual(['ready', 'open', 'close']);
    await other.context().close();
  });

  it('shows a friendly, localized message for an unknown site key and disables the composer', async () => {
    const other = await (await stack.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await other.goto(
      servePage(stack, '/unknown.html', hostPage({ server: stack.app.url, siteKey: 'no-such-site-key', lang: 'zh' })),
    );
    await openPanel(other);
    const note = other.locator('.note.error');
    await note.waitFor({ timeout: 15_000 });
    expect(await note.innerText()).toBe('此聊天尚未设置完成，暂时无法接收消息。请通过其他方式联系我们。');
    expect(await other.locator(SEL.input).isDisabled()).toBe(true);
    expect(await other.locator(SEL.send).isDisabled()).toBe(true);
    expect(await other.locator(SEL.input).getAttribute('placeholder')).toBe('聊天暂不可用');
    await other.screenshot({ path: `${SCREENSHOTS}a4-unknown-site.png`, animations: 'disabled' });
    await other.context().close();
  });
});
