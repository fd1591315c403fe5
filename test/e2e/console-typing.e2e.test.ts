import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../integration/agents/agent-support.js';
import { newConversation } from '../integration/agents/agent-socket-support.js';
import { TestStack } from '../support/test-app.js';
import { hasChromium, launchChromium, signIn } from './widget-e2e-support.js';

/**
 * Every console event counts against its socket's budget (AGENT_EVENTS_PER_SOCKET_PER_MINUTE, 600),
 * so the composer tells the room only when typing starts and stops, not at every key: an agent who
 * types a long answer fast still gets it sent.
 */
describe.skipIf(!hasChromium)('typing in the console', () => {
  const stack = new TestStack({ label: 'e2e_typing' });
  let browser: Browser;
  beforeAll(async () => {
    await stack.start();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack.close();
  });

  it('sends typing on and off once for 700 keystrokes, and the answer after them goes through', async () => {
    const site = await stack.createSite();
    const conversationId = await newConversation(stack, site.id);
    const account = await createAgent(stack, { siteIds: [site.id], name: 'Lin' });
    const page = await (await browser.newContext()).newPage();
    const typing: boolean[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const match = /^42\/agent,\["typing",(\{.*\})\]$/.exec(String(payload));
        if (match) typing.push((JSON.parse(match[1]!) as { typing: boolean }).typing);
      }),
    );
    await signIn(page, stack.url, account.email, account.password);
    await page.evaluate((id) => (location.hash = `#/c/${id}`), conversationId);
    const input = page.locator('.composer-input');
    await input.waitFor();

    // Taking over first: only the owner may write.
    await page.locator('.conversation button', { hasText: /take over/i }).click();
    await expect.poll(() => input.isDisabled()).toBe(false);
    const answer = 'a'.repeat(700);
    await input.pressSequentially(answer);
    await expect.poll(() => typing.length, { timeout: 10_000 }).toBe(2);
    expect(typing).toEqual([true, false]);

    await input.press('Enter');
    await page.locator('.transcript .msg-body', { hasText: answer }).waitFor({ timeout: 10_000 });
    const stored = await stack.database.pool.query<{ text: string }>("SELECT text FROM messages WHERE role = 'agent'");
    expect(stored.rows.map((row) => row.text)).toEqual([answer]);
  }, 90_000);
});
