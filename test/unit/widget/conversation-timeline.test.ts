import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../src/contracts/payloads.js';
import { ConversationTimeline } from '../../../widget/src/conversation-timeline.js';
import { ReplyStream } from '../../../widget/src/reply-stream.js';

function message(overrides: Partial<StoredMessage> & Pick<StoredMessage, 'id' | 'seq'>): StoredMessage {
  return {
    conversationId: 'c1',
    role: 'customer',
    text: `text ${overrides.seq}`,
    flags: [],
    clientMessageId: null,
    inReplyTo: null,
    createdAt: '2026-11-27T00:00:00.000Z',
    ...overrides,
  };
}

describe('ReplyStream', () => {
  it('shows text only up to the first gap and ignores duplicates', () => {
    const stream = new ReplyStream();
    stream.add(0, 'Hel');
    stream.add(2, ' world');
    expect(stream.text).toBe('Hel');
    stream.add(1, 'lo,');
    stream.add(1, 'XX');
    expect(stream.text).toBe('Hello, world');
  });

  it('starts over at index 0 after a reset', () => {
    const stream = new ReplyStream();
    stream.add(0, 'partial');
    stream.reset();
    stream.add(0, 'fresh');
    expect(stream.text).toBe('fresh');
  });
});

describe('ConversationTimeline', () => {
  it('merges messages from acks, broadcasts and sync by id and orders them by seq', () => {
    const timeline = new ConversationTimeline();
    timeline.switchConversation('c1');
    expect(timeline.addMessage(message({ id: 'b', seq: 2 }))).toBe(true);
    expect(timeline.addMessage(message({ id: 'a', seq: 1 }))).toBe(true);
    expect(timeline.addMessage(message({ id: 'b', seq: 2 }))).toBe(false);
    expect(timeline.addMessage(message({ id: 'x', seq: 3, conversationId: 'other' }))).toBe(false);
    expect(timeline.lastSeq).toBe(2);
    expect(timeline.items().map((item) => item.key)).toEqual(['message:a', 'message:b']);
  });

  it('drops the outbox entry when its stored message arrives', () => {
    const timeline = new ConversationTimeline();
    timeline.switchConversation('c1');
    timeline.outbox.add('client-1', 'hello');
    expect(timeline.items().map((item) => item.kind)).toEqual(['pending']);
    timeline.addMessage(message({ id: 'm1', seq: 1, clientMessageId: 'client-1', text: 'hello' }));
    expect(timeline.items().map((item) => item.kind)).toEqual(['message']);
  });

  it('replaces a streaming reply with the stored bot message and never reopens it', () => {
    const timeline = new ConversationTimeline();
    timeline.switchConversation('c1');
    timeline.addMessage(message({ id: 'q', seq: 1 }));
    timeline.startReply('q');
    timeline.addDelta('q', 0, 'Hi');
    expect(timeline.isStreaming).toBe(true);
    expect(timeline.items().at(-1)).toEqual({ kind: 'stream', key: 'stream:q', text: 'Hi', resuming: false });
    timeline.addMessage(message({ id: 'r', seq: 2, role: 'bot', inReplyTo: 'q', text: 'Hi there' }));
    timeline.addDelta('q', 1, ' late');
    expect(timeline.isStreaming).toBe(false);
    expect(timeline.items().map((item) => item.key)).toEqual(['message:q', 'message:r']);
  });

  it('clears a reply on reset', () => {
    const timeline = new ConversationTimeline();
    timeline.switchConversation('c1');
    timeline.addDelta('q', 0, 'wrong start');
    timeline.resetReply('q');
    timeline.addDelta('q', 0, 'right');
    expect(timeline.items()).toEqual([{ kind: 'stream', key: 'stream:q', text: 'right', resuming: false }]);
  });

  it('shows a reply restarted by the server as resuming until its new text comes', () => {
    const timeline = new ConversationTimeline();
    timeline.switchConversation('c1');
    timeline.addDelta('q', 0, 'half an ans');
    timeline.resetReply('q', 'retry');
    expect(timeline.items()).toEqual([{ kind: 'stream', key: 'stream:q', text: '', resuming: true }]);
    timeline.addDelta('q', 0, 'A whole answer');
    expect(timeline.items()).toEqual([{ kind: 'stream', key: 'stream:q', text: 'A whole answer', resuming: false }]);
  });

  it('shows resuming for a retried reply it had not seen start (the visitor just came back)', () => {
    const timeline = new ConversationTimeline();
    timeline.switchConversation('c1');
    timeline.resetReply('q', 'retry');
    expect(timeline.items()).toEqual([{ kind: 'stream', key: 'stream:q', text: '', resuming: true }]);
    timeline.resetReply('z', 'cancelled');
    expect(timeline.items()).toHaveLength(1);
  });

  it('keeps notes after the message they followed', () => {
    const timeline = new ConversationTimeline();
    timeline.switchConversation('c1');
    timeline.addMessage(message({ id: 'a', seq: 1 }));
    timeline.addNote('An agent will join shortly');
    timeline.addMessage(message({ id: 'b', seq: 2 }));
    expect(timeline.items().map((item) => item.kind)).toEqual(['message', 'note', 'message']);
  });
});

describe('Outbox', () => {
  it('keeps the client id across failure and retry', () => {
    const timeline = new ConversationTimeline();
    const entry = timeline.outbox.add('id-1', 'hi');
    timeline.outbox.markSent('id-1', 1);
    timeline.outbox.fail('id-1', { code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 1000 });
    expect(timeline.outbox.sending()).toEqual([]);
    timeline.outbox.retry('id-1');
    expect(timeline.outbox.sending()).toEqual([entry]);
    expect(entry).toMatchObject({ clientMessageId: 'id-1', status: 'sending', sentOn: undefined, error: undefined });
  });
});

describe('ConversationTimeline: what the welcome and the rating card depend on', () => {
  it('is started by a stored or an outgoing message; the rating card belongs to the conversation it was added in', () => {
    const timeline = new ConversationTimeline();
    timeline.switchConversation('c1');
    expect(timeline.started).toBe(false);
    timeline.outbox.add('client-1', 'Do you ship abroad?');
    expect(timeline.started).toBe(true);
    timeline.outbox.remove('client-1');
    timeline.addMessage(message({ id: 'm1', seq: 1 }));
    expect(timeline.started).toBe(true);
    timeline.addRatingCard();
    expect(timeline.items().at(-1)).toMatchObject({ kind: 'rating', conversationId: 'c1', previous: false });
    // A new conversation starts empty: no card, nothing sent yet.
    timeline.switchConversation('c2');
    expect(timeline.started).toBe(false);
    expect(timeline.items()).toEqual([]);
  });

  it('holds one card for the previous conversation at the top, whatever the reconnects, until it is removed', () => {
    const timeline = new ConversationTimeline();
    timeline.switchConversation('c2');
    timeline.addRatingCard('c1');
    timeline.addRatingCard('c1');
    timeline.addMessage(message({ id: 'm1', seq: 1, conversationId: 'c2' }));
    expect(timeline.items().map((item) => item.kind)).toEqual(['rating', 'message']);
    expect(timeline.items()[0]).toMatchObject({ conversationId: 'c1', previous: true });
    timeline.removeRatingCard('c1');
    expect(timeline.items().map((item) => item.kind)).toEqual(['message']);
  });
});
