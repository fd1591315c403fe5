import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../integration/agents/agent-support.js';
import { watchBus } from '../support/bus-watch.js';
import { SplitStack } from '../support/split-stack.js';
import { TestStack } from '../support/test-app.js';
import {
  ask,
  hasChromium,
  hostPage,
  launchChromium,
  openPanel,
  renderedText,
  SEL,
  servePage,
  signIn,
  startHostServer,
} from './widget-e2e-support.js';

/**
 * The real widget on a gateway that loses Redis while the visitor's socket stays connected: Redis
 * restarts without its data and the reply is answered (re-queued by the reconciler) through it while
 * the gateway is still cut off, so its `reply:end` reaches nobody. When the gateway is back it tells
 * the widget and the console `resync`; both show the stored reply, once, on the WebSocket they had all
 * along.
 */
describe.skipIf(!hasChromium)('the widget after its gateway missed room events', () => {
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startHostServer>>;
  const stack = new TestStack({
    label: 'e2e_resync',
    startApp: false,
    simulator: { firstTokenDelayMs: 50, tokensPerSecond: 40, replyTokens: 40 },
    env: { WORKER_LOCK_DURATION_MS: '1000', RECONCILE_INTERVAL_MS: '500', RECONCILE_MIN_AGE_MS: '500' },
  });
  const split = new SplitStack(stack);

  beforeAll(async () => {
    await split.start();
    browser = await launchChromium();
    host = await startHostServer();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await split.close();
  });

  /** A page whose Socket.IO WebSockets are recorded (a reconnect would open another). */
  async function watchedPage(): Promise<{ page: Page; sockets: Array<{ isClosed(): boolean }> }> {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => console.error('[e2e] page error:', error));
    const sockets: Array<{ isClosed(): boolean }> = [];
    page.on('websocket', (socket) => socket.url().includes('/socket.io/') && sockets.push(socket));
    return { page, sockets };
  }

  it('shows the reply stored during the gap exactly once, in the widget and the console, without reconnecting', async () => {
    const site = await stack.createSite({ allowedOrigins: [host.url] });
    const { page, sockets } = await watchedPage();
    await page.goto(servePage({ host }, '/resync', hostPage({ server: stack.url, siteKey: site.widgetKey })));
    await openPanel(page);
    const conversations = () => stack.database.pool.query<{ id: string }>('SELECT id FROM conversations');
    await expect.poll(async () => (await conversations()).rowCount).toBe(1);
    const conversationId = (await conversations()).rows[0]!.id;
    // An agent of the site has the conversation open in the console, on the same gateway.
    const account = await createAgent(stack, { siteIds: [site.id], name: 'Lin' });
    const console = await watchedPage();
    await signIn(console.page, stack.url, account.email, account.password);
    // The console routes by hash: no reload, the socket it signed in with stays.
    await console.page.evaluate((id) => (location.hash = `#/c/${id}`), conversationId);
    await console.page.locator('.conversation .transcript').waitFor({ state: 'attached' });

    await ask(page, 'Where is my parcel?');
    await page.locator('.msg.bot.streaming').waitFor({ timeout: 15_000 });
    await console.page.locator('.transcript .msg.bot.streaming').waitFor({ timeout: 15_000 });
    const question = await stack.database.pool.query<{ id: string }>("SELECT id FROM messages WHERE role = 'customer'");

    await split.gatewayRedis.cut();
    await split.redis.stop();
    await split.redis.start();
    const published = watchBus(split.redis.url, stack.env.REDIS_PREFIX!, question.rows[0]!.id);
    await published.replyEnded;
    published.close();
    await split.gatewayRedis.start();

    await page.locator(SEL.botReply).waitFor({ timeout: 20_000 });
    const stored = await stack.database.pool.query<{ text: string }>("SELECT text FROM messages WHERE role = 'bot'");
    expect(stored.rows).toHaveLength(1);
    expect(await page.locator(SEL.botReply).allTextContents()).toEqual([renderedText(stored.rows[0]!.text)]);
    expect(await page.locator('.msg.bot.streaming').count()).toBe(0);
    const consoleReply = console.page.locator('.transcript .msg.bot:not(.streaming) .msg-body');
    await consoleReply.waitFor({ timeout: 20_000 });
    expect(await consoleReply.allTextContents()).toEqual([renderedText(stored.rows[0]!.text)]);
    expect(await console.page.locator('.transcript .msg.bot.streaming').count()).toBe(0);
    // One WebSocket each for the whole test, still open: the catch-up came without a reconnect.
    expect(sockets.map((socket) => socket.isClosed())).toEqual([false]);
    expect(console.sockets.map((socket) => socket.isClosed())).toEqual([false]);
  }, 90_000);
});
