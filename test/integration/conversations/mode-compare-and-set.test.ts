import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationMode } from '../../../src/contracts/enums.js';
import { ConversationModeService } from '../../../src/conversations/conversation-mode.service.js';
import { ConversationRepository } from '../../../src/conversations/conversation.repository.js';
import { ReplyCancellation } from '../../../src/realtime/reply-cancellation.js';
import { RedisRoomPublisher } from '../../../src/realtime/room-publisher.js';
import { VisitorRepository } from '../../../src/sites/visitor.repository.js';
import { TestStack } from '../../support/test-app.js';
import { REDIS_URL } from '../../support/test-env.js';

describe('changing who answers: one compare-and-set in Postgres', () => {
  const stack = new TestStack({ label: 'mode_cas' });
  let redis: Redis;
  let modes: ConversationModeService;
  let conversations: ConversationRepository;

  beforeAll(async () => {
    await stack.start();
    redis = new Redis(REDIS_URL);
    conversations = new ConversationRepository(stack.database.db);
    modes = new ConversationModeService({
      conversations,
      cancellation: new ReplyCancellation(redis, undefined, stack.namespace.redisPrefix),
      rooms: new RedisRoomPublisher(redis, stack.namespace.redisPrefix),
    });
  });
  afterAll(async () => {
    redis?.disconnect();
    await stack.close();
  });

  async function conversationIn(mode: ConversationMode): Promise<string> {
    const site = await stack.createSite();
    const visitorId = await new VisitorRepository(stack.database.db).create(site.id);
    const conversation = await conversations.create(site.id, visitorId);
    if (mode !== 'bot')
      await stack.database.pool.query('UPDATE conversations SET mode = $2 WHERE id = $1', [conversation.id, mode]);
    return conversation.id;
  }

  it('lets exactly one of two concurrent takeovers win, 50 rounds; the other gets CONVERSATION_CONFLICT', async () => {
    for (let round = 0; round < 50; round += 1) {
      const id = await conversationIn('waiting');
      const outcomes = await Promise.allSettled([modes.change(id, { to: 'human' }), modes.change(id, { to: 'human' })]);
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toMatchObject({ code: 'CONVERSATION_CONFLICT', details: { mode: 'human' } });
    }
  });

  it('lets one of "resolve" and "hand back" win when both leave the same state', async () => {
    const id = await conversationIn('human');
    // Both leave `human` explicitly: from `waiting`, resolving would be allowed too.
    const outcomes = await Promise.allSettled([
      modes.change(id, { to: 'resolved', from: ['human'] }),
      modes.change(id, { to: 'waiting', from: ['human'] }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const final = await conversations.findById(id);
    const winner = outcomes[0]!.status === 'fulfilled' ? 'resolved' : 'waiting';
    expect(final!.mode).toBe(winner);
  });

  it('refuses a move the state machine does not allow, and leaves the row as it was', async () => {
    const id = await conversationIn('resolved');
    await expect(modes.change(id, { to: 'waiting' })).rejects.toMatchObject({ code: 'CONVERSATION_CONFLICT' });
    expect((await conversations.findById(id))!.mode).toBe('resolved');
  });

  it('honours a narrower `from`: the degrade path only leaves bot', async () => {
    const id = await conversationIn('human');
    await expect(modes.change(id, { to: 'waiting', from: ['bot'] })).rejects.toMatchObject({ code: 'CONVERSATION_CONFLICT' });
    expect((await conversations.findById(id))!.mode).toBe('human');
  });

  it('answers NOT_FOUND for a conversation that does not exist', async () => {
    await expect(modes.change(randomUUID(), { to: 'human' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('goes through the same rules over REST: a lost race is a 409 problem with the stable code', async () => {
    const id = await conversationIn('resolved');
    const response = await fetch(`${stack.url}/api/v1/conversations/${id}/mode`, {
      method: 'PUT',
      headers: { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'resolved' }),
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 409, code: 'CONVERSATION_CONFLICT' });
  });
});
