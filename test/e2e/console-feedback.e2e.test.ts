import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../src/contracts/ack.js';
import type { SendFeedbackResult } from '../../src/contracts/feedback.js';
import type { ReplyEnd, SessionPayload } from '../../src/contracts/payloads.js';
import type { WidgetClientEvents, WidgetServerEvents } from '../../src/contracts/widget-events.js';
import {
  E2E_ADMIN_TOKEN,
  hasChromium,
  operator,
  pageAxeViolations,
  SCREENSHOTS,
  signIn,
  startStack,
  type E2eStack,
} from './widget-e2e-support.js';

const SHOP = 'https://tea.example';

/** The visitor's side over the widget protocol (the widget's own buttons are tested with the widget). */
async function visitorSocket(stack: E2eStack, widgetKey: string) {
  const socket: Socket<WidgetServerEvents, WidgetClientEvents> = connect(`${stack.app.url}/widget`, {
    transports: ['websocket'],
    auth: { siteKey: widgetKey },
    extraHeaders: { origin: SHOP },
    reconnection: false,
    forceNew: true,
  });
  const session = await new Promise<SessionPayload>((resolve, reject) => {
    socket.once('session', resolve);
    socket.once('connect_error', reject);
  });
  const send = (payload: unknown) =>
    (socket.timeout(10_000).emitWithAck as (event: string, payload: unknown) => Promise<Ack<SendFeedbackResult>>)(
      'feedback:send',
      payload,
    );
  return { socket, session, send };
}

describe.skipIf(!hasChromium)('feedback in the agent console', () => {
  let stack: E2eStack;
  let agent: Page;
  let visitor: Awaited<ReturnType<typeof visitorSocket>> | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ ADMIN_API_TOKEN: E2E_ADMIN_TOKEN });
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    agent = await context.newPage();
    agent.on('pageerror', (error) => errors.push(String(error)));
  }, 60_000);

  afterAll(async () => {
    visitor?.socket.disconnect();
    await stack?.close();
  });

  it('shows the thumb on the bot reply and, live, the rating and comment once the conversation is resolved', async () => {
    const { site } = await operator<{ site: { id: string; widgetKey: string } }>(stack, 'POST', '/api/v1/sites', {
      name: 'Tea House',
      systemPrompt: 'You answer questions about tea.',
      allowedOrigins: [SHOP],
    });
    await operator(stack, 'POST', '/api/v1/agents', {
      name: 'Mei',
      email: 'mei@example.com',
      password: 'mei-password',
      siteIds: [site.id],
    });

    visitor = await visitorSocket(stack, site.widgetKey);
    const conversationId = visitor.session.conversation.id;
    const ended = new Promise<ReplyEnd>((resolve) => visitor!.socket.once('reply:end', resolve));
    const asked = await visitor.socket.emitWithAck('message:send', {
      clientMessageId: randomUUID(),
      text: 'Which green tea do you recommend?',
    });
    expect(asked.ok).toBe(true);
    const reply = (await ended).message;
    expect((await visitor.send({ conversationId, target: { kind: 'reply', messageId: reply.id, value: 'up' } })).ok).toBe(true);

    await signIn(agent, stack.app.url, 'mei@example.com', 'mei-password');
    await agent.goto(`${stack.app.url}/console#/c/${conversationId}`);
    const thumb = agent.locator(`.msg.bot[data-message-id="${reply.id}"] .msg-thumb.thumb-up`);
    await thumb.waitFor({ timeout: 10_000 });
    expect(await thumb.textContent()).toContain('Visitor: helpful');

    // The visitor changes their mind: the console follows without a reload.
    expect((await visitor.send({ conversationId, target: { kind: 'reply', messageId: reply.id, value: 'down' } })).ok).toBe(true);
    await agent.locator(`.msg.bot[data-message-id="${reply.id}"] .msg-thumb.thumb-down`).waitFor({ timeout: 10_000 });
    expect(await agent.locator('.msg-thumb').count()).toBe(1);

    await agent.locator('.conv-actions button', { hasText: 'Resolve' }).click();
    await agent.locator('.conversation .badge.mode-resolved').waitFor();
    const rated = await visitor.send({
      conversationId,
      target: { kind: 'conversation', rating: 4, comment: 'Lovely advice on the sencha, thank you!' },
    });
    expect(rated.ok).toBe(true);

    const card = agent.locator('.conv-details .rating-card');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.locator('.rating-score').textContent()).toBe('★★★★☆ 4 of 5');
    expect(await card.locator('.rating-comment').textContent()).toBe('Lovely advice on the sencha, thank you!');
    await agent.screenshot({ path: `${SCREENSHOTS}console-feedback.png` });
    expect(await pageAxeViolations(agent)).toEqual([]);

    // A fresh watch (a reload) starts from the stored feedback.
    await agent.reload();
    await agent.locator('.conv-details .rating-card .rating-comment', { hasText: 'sencha' }).waitFor({ timeout: 10_000 });
    await agent.locator(`.msg.bot[data-message-id="${reply.id}"] .msg-thumb.thumb-down`).waitFor();
    expect(errors).toEqual([]);
  }, 90_000);
});
