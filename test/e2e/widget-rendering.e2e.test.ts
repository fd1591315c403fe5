import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedReply } from '../../src/simulator/index.js';
import {
  SCREENSHOTS,
  SEL,
  ask,
  axeViolations,
  hasChromium,
  hostPage,
  openPanel,
  renderedText,
  servePage,
  startStack,
  type E2eStack,
} from './widget-e2e-support.js';

const PASSWORD_QUESTION = 'How do I reset my password?';
const HOSTILE_CSS = `* { all: unset !important; }
html { font-size: 40px; }
.overlay { display: block !important; position: fixed !important; top: 0 !important; left: 0 !important; right: 0 !important;
  height: 120px !important; z-index: 2147483647 !important; background: rgba(190, 18, 60, .85) !important; color: #fff !important; }`;

/** In the page: whether a list showed while streaming, and whether shown blocks were ever rebuilt. */
async function recordMarkdownStream(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { listWhileStreaming: false, boldWhileStreaming: false, rebuiltBlocks: 0, samples: 0 };
    (window as unknown as { __md: typeof state }).__md = state;
    const log = document.getElementById('switchboard-widget')!.shadowRoot!.querySelector('.log')!;
    let seen: Element[] = [];
    new MutationObserver(() => {
      const bubble = log.querySelector('.streaming .bubble');
      if (!bubble || bubble.querySelector('.dots')) return;
      state.samples++;
      if (bubble.querySelector('ol > li')) state.listWhileStreaming = true;
      if (bubble.querySelector('strong')) state.boldWhileStreaming = true;
      const blocks = [...bubble.children];
      // Every block but the last one shown before must still be the same element: no flicker, no reflow.
      for (let i = 0; i < seen.length - 1; i++) if (blocks[i] !== seen[i]) state.rebuiltBlocks++;
      seen = blocks;
    }).observe(log, { childList: true, subtree: true, characterData: true });
  });
}

describe.skipIf(!hasChromium)('widget rendering in a real browser', () => {
  let stack: E2eStack;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('[e2e] page error:', error));
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('paints the launcher within 100 ms of the script loading', async () => {
    await page.request.get(`${stack.app.url}/widget.js`); // the server's one-time build is not what is measured
    // Best of three loads: the budget is the widget's own cost, and other suites share this machine's
    // two cores, so a single load can include time the scheduler gave to someone else.
    const delays: number[] = [];
    for (let load = 0; load < 3; load++) {
      await page.goto(stack.app.url);
      await page.waitForFunction(() => performance.getEntriesByName('switchboard:painted').length > 0);
      delays.push(
        await page.evaluate(() => {
          const script = performance
            .getEntriesByType('resource')
            .find((entry) => entry.name.endsWith('/widget.js')) as PerformanceResourceTiming;
          return performance.getEntriesByName('switchboard:painted')[0]!.startTime - script.responseEnd;
        }),
      );
    }
    console.info(`[e2e] launcher painted ${delays.map((delay) => delay.toFixed(1)).join(', ')} ms after widget.js arrived`);
    expect(Math.min(...delays), 'ms from widget.js arriving to the launcher painted').toBeLessThan(100);
    expect(await page.locator(SEL.launcher).isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}r1-closed.png`, animations: 'disabled' });
  });

  it('has no serious or critical axe violations when closed', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('streams a Markdown reply as a real list with bold text, never rebuilding what was shown', async () => {
    await openPanel(page);
    await recordMarkdownStream(page);
    await ask(page, PASSWORD_QUESTION);
    const reply = page.locator(SEL.botReply).last();
    await reply.waitFor({ timeout: 15_000 });

    const expected = simulatedReply(stack.app.simulator!.requests.at(-1)!.body.messages);
    expect(expected).toContain('**Sign in**');
    expect(await reply.evaluate((bubble) => bubble.textContent)).toBe(renderedText(expected));
    expect(await reply.locator('ol > li').allInnerTexts()).toEqual([
      'Open the Sign in page.',
      'Select Forgot password and enter your e-mail address.',
      'Follow the link we send you and choose a new password.',
    ]);
    expect(await reply.locator('strong').allInnerTexts()).toEqual(['Sign in', 'Forgot password']);
    expect(await reply.evaluate((bubble) => bubble.innerHTML)).not.toContain('**');
    const seen = await page.evaluate(
      () =>
        (
          window as unknown as {
            __md: { listWhileStreaming: boolean; boldWhileStreaming: boolean; rebuiltBlocks: number; samples: number };
          }
        ).__md,
    );
    expect(seen.samples).toBeGreaterThan(5);
    expect(seen.listWhileStreaming).toBe(true);
    expect(seen.boldWhileStreaming).toBe(true);
    expect(seen.rebuiltBlocks).toBe(0);
    // Times are shown under each message, in the visitor's locale (en-US in this browser: "3:07 PM").
    expect(await page.locator('.msg.bot:not(.greeting) time').last().innerText()).toMatch(/^\d{1,2}:\d{2}\s?[AP]M$/);
    await page.screenshot({ path: `${SCREENSHOTS}r2-markdown-reply.png`, animations: 'disabled' });
  });

  it('has no serious or critical axe violations when open with a conversation', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('renders HTML and a javascript: link in a reply inert, keeping safe links safe', async () => {
    await page.evaluate(() => {
      const counter = window as unknown as { __alerts: number };
      counter.__alerts = 0;
      window.alert = () => void counter.__alerts++;
    });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const hostile =
      'Look: <img src=x onerror=alert(1)> and [click me](javascript:alert(1)) or [help](https://example.com/help) <script>alert(2)</script>';
    await ask(page, `Show me [[sim:reply=${encodeURIComponent(hostile)}]]`);
    const reply = page.locator(SEL.botReply).last();
    await reply.filter({ hasText: 'click me' }).waitFor({ timeout: 15_000 });

    expect(await reply.locator('img, script').count()).toBe(0);
    expect(await reply.innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await reply.innerText()).toContain('<script>alert(2)</script>');
    expect(await reply.locator('a').count()).toBe(1);
    const link = reply.locator('a');
    expect(await link.getAttribute('href')).toBe('https://example.com/help');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await reply.getByText('click me').click();
    expect(await page.evaluate(() => (window as unknown as { __alerts: number }).__alerts)).toBe(0);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}r3-inert-html.png`, animations: 'disabled' });
  });

  it('goes full screen on a phone with the Markdown reply readable', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 740 });
    await phone.goto(stack.app.url);
    await openPanel(phone);
    await phone.locator(SEL.botReply).first().waitFor({ timeout: 15_000 }); // the same visitor: history restored
    expect(await phone.locator(SEL.panel).boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 740 });
    expect(await phone.locator(SEL.input).evaluate((input) => getComputedStyle(input).fontSize)).toBe('16px');
    await phone.locator(SEL.botReply).first().scrollIntoViewIfNeeded();
    await phone.screenshot({ path: `${SCREENSHOTS}r4-mobile.png`, animations: 'disabled' });
    await phone.close();
  });

  it('speaks Chinese on a Chinese page: texts, simulator answer and Markdown steps', async () => {
    const zh = await (await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
    await zh.goto(servePage(stack, '/zh.html', hostPage({ server: stack.app.url, lang: 'zh-CN' })));
    await openPanel(zh);
    expect(await zh.locator(SEL.title).innerText()).toBe('在线客服');
    await ask(zh, '忘记密码了怎么办？');
    const reply = zh.locator(SEL.botReply).last();
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.locator('ol > li').count()).toBe(3);
    expect(await reply.locator('strong').allInnerTexts()).toEqual(['登录', '忘记密码']);
    expect(await reply.innerText()).toMatch(/账户|密码/);
    await zh.screenshot({ path: `${SCREENSHOTS}r5-chinese.png`, animations: 'disabled' });
    await zh.context().close();
  });

  it('shows the customer their phone number as typed, and says it was hidden from the assistant', async () => {
    const own = await (await stack.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await own.goto(servePage(stack, '/pii.html', hostPage({ server: stack.app.url })));
    await openPanel(own);
    await ask(own, 'Please call me back on 13812345678');
    const note = own.locator('.msg.customer .pii-note').last();
    await note.waitFor({ timeout: 15_000 });
    expect(await note.innerText()).toBe('Your contact details were hidden from the assistant; our team can see them.');
    expect(await own.locator(SEL.customer).last().innerText()).toBe('Please call me back on 13812345678');
    await own.locator(SEL.botReply).last().waitFor({ timeout: 15_000 });
    await own.screenshot({ path: `${SCREENSHOTS}r6-pii-hidden-note.png`, animations: 'disabled' });
    expect((await axeViolations(own)).filter((violation) => ['serious', 'critical'].includes(violation.impact))).toEqual([]);
    await own.context().close();
  });

  it('is not broken by a hostile host page (all: unset !important, 40px root font, a max z-index overlay)', async () => {
    const hostileContext = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const hostile = await hostileContext.newPage();
    await hostile.goto(
      servePage(
        stack,
        '/hostile.html',
        hostPage({
          server: stack.app.url,
          style: HOSTILE_CSS,
          body: '<div class="overlay">Cookie banner with z-index 2147483647</div>',
        }),
      ),
    );
    const launcher = hostile.locator(SEL.launcher);
    await launcher.waitFor();
    const box = (await launcher.boundingBox())!;
    expect(box).toMatchObject({ width: 58, height: 58, x: 1280 - 20 - 58, y: 800 - 20 - 58 });
    // The launcher is what a click at its centre reaches (the host element, then the button inside).
    const hit = await hostile.evaluate(
      ({ x, y }) => {
        const host = document.getElementById('switchboard-widget')!;
        return {
          host: document.elementFromPoint(x, y) === host,
          inner: host.shadowRoot!.elementFromPoint(x, y)?.closest('button')?.className,
        };
      },
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    );
    expect(hit).toEqual({ host: true, inner: 'launcher' });
    await hostile.screenshot({ path: `${SCREENSHOTS}r6-hostile-closed.png`, animations: 'disabled' });

    await launcher.click();
    const panel = (await hostile.locator(SEL.panel).boundingBox())!;
    expect(panel).toMatchObject({ width: 380, x: 1280 - 20 - 380 });
    const look = await hostile.locator(SEL.input).evaluate((input) => {
      const style = getComputedStyle(input);
      const title = getComputedStyle(
        input.getRootNode() instanceof ShadowRoot ? (input.getRootNode() as ShadowRoot).querySelector('.title')! : input,
      );
      return { input: style.fontSize, border: style.borderTopStyle, title: title.fontSize };
    });
    expect(look).toEqual({ input: '16px', border: 'solid', title: '16px' });
    await ask(hostile, 'Do you ship abroad?');
    await hostile.locator(SEL.botReply).last().waitFor({ timeout: 15_000 });
    expect(await axeViolations(hostile)).toEqual([]);
    await hostile.screenshot({ path: `${SCREENSHOTS}r7-hostile-open.png`, animations: 'disabled' });
    await hostileContext.close();
  });
});
