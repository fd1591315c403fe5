import type { ConversationSummary, StoredMessage } from '../../src/contracts/payloads.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import { ReplyStream } from './reply-stream.js';

export type ConversationMode = ConversationSummary['mode'];

/** What the message list shows, in order; `key` is stable across updates so the view can patch in place. */
export type TimelineItem =
  | { kind: 'message'; key: string; message: StoredMessage }
  | { kind: 'note'; key: string; text: string; tone: 'info' | 'error' }
  | { kind: 'stream'; key: string; text: string; resuming: boolean }
  | { kind: 'pending'; key: string; entry: OutboxEntry }
  | { kind: 'rating'; key: string; conversationId: string; previous: boolean };

interface Note {
  key: string;
  text: string;
  tone: 'info' | 'error';
  /** Shown after the stored message with this seq. */
  afterSeq: number;
  /** The "How did we do?" card of this (resolved) conversation instead of a text note. */
  rates?: string;
}

/**
 * The visitor's view of one conversation: stored messages merged by id and ordered by seq (from acks,
 * broadcasts and `sync` alike), replies streaming in, the outbox, and local notes (mode changes, errors).
 */
export class ConversationTimeline {
  readonly outbox = new Outbox();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly streams = new Map<string, ReplyStream>();
  /** Replies that already ended: a delta arriving after `reply:end` must not reopen a bubble. */
  private readonly finished = new Set<string>();
  /** Replies restarted by the server (`reply:reset` reason `retry`) that have no new text yet. */
  private readonly resuming = new Set<string>();
  private notes: Note[] = [];
  private noteCount = 0;
  conversationId: string | undefined;

  /** Highest seq held: what `sync` asks to continue from. */
  get lastSeq(): number {
    let last = 0;
    for (const message of this.messages.values()) last = Math.max(last, message.seq);
    return last;
  }

  /** Returns true when the message is new to the timeline. */
  addMessage(message: StoredMessage): boolean {
    if (message.conversationId !== this.conversationId) return false;
    this.outbox.remove(message.clientMessageId);
    if (message.inReplyTo) this.endReply(message.inReplyTo);
    const known = this.messages.has(message.id);
    this.messages.set(message.id, message);
    return !known;
  }

  /** A different conversation (the old one was resolved, or the token was not accepted): start over. */
  switchConversation(conversationId: string): boolean {
    if (this.conversationId === conversationId) return false;
    const hadOne = this.conversationId !== undefined;
    this.conversationId = conversationId;
    this.messages.clear();
    this.streams.clear();
    this.resuming.clear();
    this.finished.clear();
    this.notes = [];
    return hadOne;
  }

  startReply(replyTo: string): void {
    if (this.finished.has(replyTo)) return;
    if (!this.streams.has(replyTo)) this.streams.set(replyTo, new ReplyStream());
  }

  addDelta(replyTo: string, index: number, text: string): void {
    this.startReply(replyTo);
    this.streams.get(replyTo)?.add(index, text);
    if (this.streams.get(replyTo)?.text) this.resuming.delete(replyTo);
  }

  /** `retry`: the answer is being picked up again (a worker failed): the bubble says so until text comes. */
  resetReply(replyTo: string, reason?: string): void {
    if (reason === 'retry') {
      this.startReply(replyTo);
      if (this.streams.has(replyTo)) this.resuming.add(replyTo);
    }
    this.streams.get(replyTo)?.reset();
  }

  endReply(replyTo: string): void {
    this.resuming.delete(replyTo);
    this.streams.delete(replyTo);
    this.finished.add(replyTo);
  }

  get isStreaming(): boolean {
    return this.streams.size > 0;
  }

  addNote(text: string, tone: Note['tone'] = 'info'): void {
    this.notes.push({ key: `note:${this.noteCount++}`, text, tone, afterSeq: this.lastSeq });
  }

  /**
   * The rating card of `conversationId` (by default this one, just resolved; else the visitor's previous
   * one), where the conversation stands now; never two for one conversation.
   */
  addRatingCard(conversationId = this.conversationId): void {
    if (!conversationId || this.notes.some((note) => note.rates === conversationId)) return;
    this.notes.push({ key: `note:${this.noteCount++}`, text: '', tone: 'info', afterSeq: this.lastSeq, rates: conversationId });
  }

  removeRatingCard(conversationId: string): void {
    this.notes = this.notes.filter((note) => note.rates !== conversationId);
  }

  /** True once the conversation has a stored or outgoing message (suggested questions are for before). */
  get started(): boolean {
    return this.messages.size > 0 || this.outbox.all().length > 0;
  }

  items(): TimelineItem[] {
    const items: TimelineItem[] = [];
    const notes = [...this.notes];
    const sorted = [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    for (const message of sorted) {
      while (notes[0] && notes[0].afterSeq < message.seq) items.push(noteItem(notes.shift()!, this.conversationId));
      items.push({ kind: 'message', key: `message:${message.id}`, message });
    }
    for (const note of notes) items.push(noteItem(note, this.conversationId));
    for (const [replyTo, stream] of this.streams) {
      items.push({ kind: 'stream', key: `stream:${replyTo}`, text: stream.text, resuming: this.resuming.has(replyTo) });
    }
    for (const entry of this.outbox.all()) items.push({ kind: 'pending', key: `pending:${entry.clientMessageId}`, entry });
    return items;
  }
}

function noteItem(note: Note, current: string | undefined): TimelineItem {
  if (note.rates) return { kind: 'rating', key: note.key, conversationId: note.rates, previous: note.rates !== current };
  return { kind: 'note', key: note.key, text: note.text, tone: note.tone };
}
