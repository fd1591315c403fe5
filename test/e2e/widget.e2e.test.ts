import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedReply } from '../../src/simulator/index.js';
import { hasChromium, renderedText, SCREENSHOTS, startStack, type E2eStack } from './widget-e2e-support.js';

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
  let stack: E2eStack;
  let app: E2eStack['app'];
  let page: Page;

  beforeAll(async () => {
    stack = await startStack({ SIMULATOR_TOKENS_PER_SECOND: '400' });
    app = stack.app;
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('[e2e] page error:', error));
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
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
    expect(await page.locator('pre code').innerText()).toBe(
      `<script src="${app.url}/widget.js" data-site-key="demo-site-key" async></script>`,
    );
    await page.locator(SEL.launcher).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}1-demo-page-closed.png`, fullPage: true, animations: 'disabled' });

    await page.locator(SEL.launcher).click();
    await page.locator(SEL.panel).waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.getElementById('switchboard-widget')!.shadowRoot!.activeElement?.id)).toBe(
      'sb-input',
    );
    await page.locator(SEL.demo).waitFor({ state: 'visible' });
    expect(await page.locator(SEL.demo).innerText()).toBe('Demo mode: replies come from a simulator, not a real AI');

    await recordStreaming(page);
    await page.locator(SEL.input).fill(QUESTION);
    await page.locator(SEL.input).press('Enter');
    await page.locator(SEL.botReply).waitFor({ timeout: 15_000 });

    const request = app.simulator!.requests.at(-1)!;
    const expected = simulatedReply(request.body.messages);
    // Replies are Markdown: the bubble shows the rendered text.
    expect(await page.locator(SEL.botReply).textContent()).toBe(renderedText(expected));
    expect(await page.locator(SEL.customer).innerText()).toBe(QUESTION);
    const seen = await page.evaluate(() => (window as unknown as { __stream: { typing: boolean; texts: string[] } }).__stream);
    expect(seen.typing).toBe(true);
    // Several growing partial texts: the reply arrived token by token, each a prefix of the final text.
    expect(seen.texts.length).toBeGreaterThan(2);
    expect(seen.texts).not.toContain('');
    const shown = renderedPrefixes(expected);
    for (const partial of seen.texts) expect(shown.has(partial)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}2-reply-streamed.png`, animations: 'disabled' });

    await page.reload();
    // The panel stays open across page loads (sessionStorage), resumes the visitor and syncs history.
    await page.locator(SEL.botReply).waitFor({ timeout: 15_000 });
    expect(await page.locator(SEL.customer).allInnerTexts()).toEqual([QUESTION]);
    expect(await page.locator(SEL.botReply).allTextContents()).toEqual([renderedText(expected)]);
    expect(app.simulator!.requests).toHaveLength(1);
    await page.screenshot({ path: `${SCREENSHOTS}3-history-after-reload.png`, animations: 'disabled' });

    // Restored after a reload without stealing focus; Esc from inside the panel closes it and focus
    // goes back to the launcher.
    await page.locator(SEL.input).focus();
    await page.keyboard.press('Escape');
    await page.locator(SEL.panel).waitFor({ state: 'hidden' });
    expect(await page.locator(SEL.launcher).getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.getElementById('switchboard-widget')!.shadowRoot!.activeElement?.className)).toBe(
      'launcher',
    );
  });

  it('clears the streaming bubble when the reply restarts (reply:reset) and ends with the stored reply', async () => {
    await openPanel(page);
    await recordStreaming(page);
    // The simulator cuts the first stream after 5 tokens; the worker retries and the widget is told to reset.
    await page.locator(SEL.input).fill('Do you ship abroad? [[sim:cut-after=5;times=1]]');
    await page.locator(SEL.input).press('Enter');
    await page.locator(SEL.botReply).nth(1).waitFor({ timeout: 20_000 });

    const expected = simulatedReply(app.simulator!.requests.at(-1)!.body.messages);
    expect(await page.locator(SEL.botReply).nth(1).textContent()).toBe(renderedText(expected));
    const { texts } = await page.evaluate(() => (window as unknown as { __stream: { texts: string[] } }).__stream);
    const cleared = texts.indexOf('');
    expect(cleared).toBeGreaterThan(0);
    const shown = renderedPrefixes(expected);
    for (const partial of texts.slice(cleared + 1)) expect(shown.has(partial)).toBe(true);
  });

  it('keeps a message sent while the connection is down and delivers it once after reconnecting', async () => {
    await openPanel(page);
    // Drop the transport the way a network blip does; socket.io reconnects on its own.
    await page.evaluate(() => {
      const widget = (
        window as unknown as { __switchboardWidget: { connection: { socket: { io: { engine: { close(): void } } } } } }
      ).__switchboardWidget;
      widget.connection.socket.io.engine.close();
    });
    await page.locator(SEL.input).fill('Sent while offline');
    await page.locator(SEL.input).press('Enter');
    const delivered = page.locator('.msg.customer[data-seq] .bubble', { hasText: 'Sent while offline' });
    await delivered.waitFor({ timeout: 15_000 });
    await page.locator(SEL.botReply).nth(2).waitFor({ timeout: 15_000 });
    expect(await page.locator('.msg.customer.sending, .msg.customer.failed').count()).toBe(0);

    await page.reload();
    await page.locator(SEL.botReply).nth(2).waitFor({ timeout: 15_000 });
    expect(await page.locator(SEL.customer, { hasText: 'Sent while offline' }).count()).toBe(1);
  });

  it('counts characters and refuses a message over 2000 characters before sending', async () => {
    await openPanel(page);
    await page.locator(SEL.input).fill('x'.repeat(2001));
    expect(await page.locator(SEL.send).isDisabled()).toBe(true);
    expect(await page.locator(SEL.counter).innerText()).toBe('2001 / 2000 · 1 too many');
    await page.screenshot({ path: `${SCREENSHOTS}4-too-long.png`, animations: 'disabled' });
    await page.locator(SEL.input).fill('');
  });

  it('goes full screen on a phone-sized viewport', async () => {
    await page.setViewportSize({ width: 390, height: 740 });
    const box = await page.locator(SEL.panel).boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 740 });
    await page.screenshot({ path: `${SCREENSHOTS}5-mobile.png`, animations: 'disabled' });
  });
});

/** Every text the streaming bubble may show on the way to `reply`: the rendering of each of its prefixes. */
function renderedPrefixes(reply: string): Set<string> {
  return new Set(Array.from({ length: reply.length + 1 }, (_, end) => renderedText(reply.slice(0, end))));
}

async function openPanel(page: Page): Promise<void> {
  if ((await page.locator(SEL.launcher).getAttribute('aria-expanded')) !== 'true') await page.locator(SEL.launcher).click();
  await page.locator(SEL.input).waitFor({ state: 'visible' });
}

/** Records, inside the page, whether the typing dots showed and every text the streaming bubble had. */
async function recordStreaming(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { typing: false, texts: [] as string[] };
    (window as unknown as { __stream: typeof state }).__stream = state;
    const log = document.getElementById('switchboard-widget')!.shadowRoot!.querySelector('.log')!;
    new MutationObserver(() => {
      const streaming = log.querySelector('.streaming');
      if (!streaming) return;
      const typing = streaming.querySelector('.dots') !== null;
      if (typing) state.typing = true;
      const text = typing ? '' : (streaming.querySelector('.bubble')?.textContent ?? '');
      // An empty entry after text means the bubble was cleared (reply:reset).
      if (state.texts.at(-1) !== text && (text || state.texts.length > 0)) state.texts.push(text);
    }).observe(log, { childList: true, subtree: true, characterData: true });
  });
}
