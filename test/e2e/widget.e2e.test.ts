import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { simulatedReply } from '../../src/llm/simulator/index.js';
import { deleteRedisKeys, dropSchema, uniqueNamespace } from '../support/test-env.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[e2e] SKIPPED: ${CHROMIUM} is missing (install Debian's "chromium" package to run the widget e2e test).`);

const QUESTION = 'Hi! Where is my order #1042?';

/** Playwright's CSS engine pierces open shadow roots, so these reach inside the widget. */
const SEL = {
  launcher: 'button.launcher',
  panel: '#sb-panel',
  demo: '.demo',
  input: 'textarea.input',
  send: 'button.send',
  counter: '.counter',
  botReply: '.msg.bot:not(.greeting):not(.streaming) .bubble',
  customer: '.msg.customer .bubble',
  status: '.status',
};

describe.skipIf(!hasChromium)('widget in a real browser against the real app', () => {
  const { schema, redisPrefix } = uniqueNamespace('e2e');
  let app: App;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { DEEPSEEK_API_KEY: _ignored, ...env } = process.env;
    app = await createApp(
      loadConfig({
        ...env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_SCHEMA: schema,
        REDIS_PREFIX: redisPrefix,
        LOG_LEVEL: 'silent',
        SIMULATOR_FIRST_TOKEN_MS: '50',
        SIMULATOR_TOKENS_PER_SECOND: '400',
      }),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('[e2e] page error:', error));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await dropSchema(schema);
    await deleteRedisKeys(redisPrefix);
  });

  it('serves /widget.js with a JS content type, an ETag, 304 revalidation and gzip', async () => {
    const first = await fetch(`${app.url}/widget.js`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(first.headers.get('cache-control')).toContain('max-age=');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await first.text()).length).toBeGreaterThan(10_000);

    // Playwright's request client, not fetch(): fetch adds `cache-control: no-cache` to conditional requests.
    const again = await page.request.get(`${app.url}/widget.js`, { headers: { 'if-none-match': etag! } });
    expect(again.status()).toBe(304);
    const zipped = await page.request.get(`${app.url}/widget.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers()['content-encoding']).toBe('gzip');
  });

  it('chats on the demo page: simulator notice, streamed reply, history restored after reload', async () => {
    await page.goto(app.url!);
    await expect.poll(() => page.locator('p.sim').isVisible()).toBe(true);
    expect(await page.locator('p.sim').innerText()).toContain('DEEPSEEK_API_KEY');
    expect(await page.locator('pre code').innerText()).toBe(`<script src="${app.url}/widget.js" data-site-key="demo-site-key" async></script>`);
    await page.locator(SEL.launcher).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}1-demo-page-closed.png` });

    await page.locator(SEL.launcher).click();
    await page.locator(SEL.panel).waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('switchboard-widget');
    await page.locator(SEL.demo).waitFor({ state: 'visible' });
    expect(await page.locator(SEL.demo).innerText()).toBe('Demo mode: replies come from a simulator, not a real AI');

    await recordStreaming(page);
    await page.locator(SEL.input).fill(QUESTION);
    await page.locator(SEL.input).press('Enter');
    await page.locator(SEL.botReply).waitFor({ timeout: 15_000 });

    const request = app.simulator!.requests.at(-1)!;
    const expected = simulatedReply(request.body.messages);
    expect(await page.locator(SEL.botReply).innerText()).toBe(expected);
    expect(await page.locator(SEL.customer).innerText()).toBe(QUESTION);
    const seen = await page.evaluate(() => (window as unknown as { __stream: { typing: boolean; texts: string[] } }).__stream);
    expect(seen.typing).toBe(true);
    // Several growing partial texts: the reply arrived token by token, each a prefix of the final text.
    expect(seen.texts.length).toBeGreaterThan(2);
    for (const partial of seen.texts) expect(expected.startsWith(partial)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}2-reply-streamed.png` });

    await page.reload();
    // The panel stays open across page loads (sessionStorage), resumes the visitor and syncs history.
    await page.locator(SEL.botReply).waitFor({ timeout: 15_000 });
    expect(await page.locator(SEL.customer).allInnerTexts()).toEqual([QUESTION]);
    expect(await page.locator(SEL.botReply).allInnerTexts()).toEqual([expected]);
    expect(app.simulator!.requests).toHaveLength(1);
    await page.screenshot({ path: `${SCREENSHOTS}3-history-after-reload.png` });

    await page.keyboard.press('Escape');
    await page.locator(SEL.panel).waitFor({ state: 'hidden' });
    expect(await page.locator(SEL.launcher).getAttribute('aria-expanded')).toBe('false');
  });

  it('counts characters and refuses a message over 2000 characters before sending', async () => {
    await page.locator(SEL.launcher).click();
    await page.locator(SEL.input).fill('x'.repeat(2001));
    expect(await page.locator(SEL.send).isDisabled()).toBe(true);
    expect(await page.locator(SEL.counter).innerText()).toContain('2001 / 2000');
    await page.screenshot({ path: `${SCREENSHOTS}4-too-long.png` });
    await page.locator(SEL.input).fill('');
  });

  it('goes full screen on a phone-sized viewport', async () => {
    await page.setViewportSize({ width: 390, height: 740 });
    const box = await page.locator(SEL.panel).boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 740 });
    await page.screenshot({ path: `${SCREENSHOTS}5-mobile.png` });
  });
});

/** Records, inside the page, whether the typing dots showed and every text the streaming bubble had. */
async function recordStreaming(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { typing: false, texts: [] as string[] };
    (window as unknown as { __stream: typeof state }).__stream = state;
    const log = document.getElementById('switchboard-widget')!.shadowRoot!.querySelector('.log')!;
    new MutationObserver(() => {
      const streaming = log.querySelector('.streaming');
      if (!streaming) return;
      if (streaming.querySelector('.dots')) state.typing = true;
      const text = streaming.querySelector('.bubble .dots') ? '' : (streaming.querySelector('.bubble')?.textContent ?? '');
      if (text && state.texts.at(-1) !== text) state.texts.push(text);
    }).observe(log, { childList: true, subtree: true, characterData: true });
  });
}
