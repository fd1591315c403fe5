import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAgentSockets, ok, type AgentClient } from '../integration/agents/agent-socket-support.js';
import {
  SCREENSHOTS,
  axeViolations,
  connectSiteAgent,
  hasChromium,
  hostPage,
  openPanel,
  servePage,
  startStack,
  type E2eStack,
} from './widget-e2e-support.js';

/**
 * The visitor's side of a handoff in a real browser: "Talk to a person", the queue notice, an agent
 * (a socket.io client on `/agent`) taking over, typing and writing; the agent's name in the header and
 * on the message.
 */
describe.skipIf(!hasChromium)('widget: handoff to a person', () => {
  let stack: E2eStack;
  let page: Page;
  let agent: AgentClient;

  beforeAll(async () => {
    stack = await startStack();
    agent = await connectSiteAgent(stack);
    page = await stack.browser.newPage({ viewport: { width: 1000, height: 760 } });
    await page.goto(servePage(stack, '/handoff.html', hostPage({ server: stack.app.url })));
    await openPanel(page);
  }, 60_000);
  afterAll(async () => {
    closeAgentSockets();
    await page?.close();
    await stack?.close();
  });

  it('asks for a person, shows the queue, then the agent joining, typing and writing', async () => {
    await page.locator('#sb-handoff', { hasText: 'Talk to a person' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}h0-talk-to-a-person.png`, animations: 'disabled' });
    const handoffs: Array<{ conversationId: string }> = [];
    agent.on('handoff:requested', (event) => handoffs.push(event));
    await page.locator('#sb-handoff', { hasText: 'Talk to a person' }).click();
    await page.locator('.note', { hasText: "You're number 1 in the queue" }).waitFor();
    await page.locator('.status', { hasText: 'An agent will join shortly' }).waitFor();
    expect(await page.locator('#sb-handoff').isHidden()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}h1-queued.png`, animations: 'disabled' });
    expect(await axeViolations(page)).toEqual([]);

    await expect.poll(() => handoffs.length, { timeout: 10_000 }).toBe(1);
    const { conversationId } = handoffs[0]!;
    await ok(agent, 'conversation:watch', { conversationId });
    await ok(agent, 'conversation:take', { conversationId });
    await page.locator('.note', { hasText: 'Lin joined the conversation' }).waitFor();
    await page.locator('.status', { hasText: "You're chatting with Lin" }).waitFor();

    agent.emit('typing', { conversationId, typing: true });
    await page.locator('.agent-typing', { hasText: 'Lin is typing…' }).waitFor();
    // The assistant's typing bubble is a different thing, and it is not shown.
    expect(await page.locator('.msg.bot.streaming').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}h2-agent-typing.png`, animations: 'disabled' });

    await ok(agent, 'message:send', { conversationId, clientMessageId: randomUUID(), text: 'Hi, I am Lin. How can I help?' });
    const message = page.locator('.msg.agent', { hasText: 'Hi, I am Lin. How can I help?' });
    await message.waitFor();
    expect(await message.locator('.who').textContent()).toBe('Lin');
    await page.locator('.agent-typing').waitFor({ state: 'hidden' });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}h3-agent-message.png`, animations: 'disabled' });

    await ok(agent, 'conversation:hand-back', { conversationId });
    await page.locator('.note', { hasText: "You're back with our assistant" }).waitFor();
    await page.locator('#sb-handoff').waitFor({ state: 'visible' });
  }, 90_000);

  it('with nobody online, asks for an e-mail address and keeps it', async () => {
    closeAgentSockets();
    // Gone from presence (read from Redis at scrape time) before the visitor asks.
    await expect
      .poll(() => stack.app.metrics.registry.getSingleMetricAsString('switchboard_agents_online'), { timeout: 5000 })
      .toMatch(/switchboard_agents_online 0$/m);
    await page.locator('#sb-handoff').click();
    await page.locator('.note', { hasText: 'No one is available right now' }).waitFor();
    await page.locator('#sb-email').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}h4-email-form.png`, animations: 'disabled' });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#sb-email').fill('kim@example.com');
    await page.locator('form.email button').click();
    await page.locator('.note', { hasText: "Thanks, we'll write to you." }).waitFor();
    expect(await page.locator('form.email').isHidden()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}h5-email-saved.png`, animations: 'disabled' });
  }, 90_000);
});
