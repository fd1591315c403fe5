import type { ConversationNote } from '../../src/contracts/agent-events.js';
import type { ThumbValue } from '../../src/contracts/feedback.js';
import type { ReplyDelta, ReplyEnd, StoredMessage } from '../../src/contracts/payloads.js';
import { renderMarkdown } from '../../widget/src/markdown/markdown-dom.js';
import { t } from './i18n.js';
import { h } from './view.js';

/**
 * The transcript: messages by seq (deduplicated: the room and a watch may both deliver one), private
 * notes between them by time, and the bot's reply streaming token by token as the visitor sees it.
 */
export class Transcript {
  readonly element = h('ol', { class: 'transcript' });
  private readonly seqs = new Set<number>();
  private readonly notes = new Set<string>();
  /** Streaming replies by the customer message they answer: the text so far and its bubble. */
  private readonly streams = new Map<string, { text: string; item: HTMLLIElement; body: HTMLElement }>();
  private readonly confidence = new Map<string, number>();
  /** The visitor's thumb on each bot reply, by message id (it may arrive before or after the message). */
  private readonly thumbs = new Map<string, ThumbValue>();

  lastSeq(): number {
    return this.seqs.size === 0 ? 0 : Math.max(...this.seqs);
  }

  addMessage(message: StoredMessage): void {
    if (this.seqs.has(message.seq)) return;
    this.seqs.add(message.seq);
    if (message.inReplyTo) this.dropStream(message.inReplyTo);
    const item = this.messageItem(message);
    // Keep seq order even when a late delivery arrives.
    const later = [...this.element.children].find((node) => Number((node as HTMLElement).dataset.seq) > message.seq);
    this.element.insertBefore(item, later ?? null);
    this.follow();
  }

  addNote(note: ConversationNote): void {
    if (this.notes.has(note.id)) return;
    this.notes.add(note.id);
    this.element.append(
      h(
        'li',
        { class: 'msg note', 'data-note': note.id },
        h('span', { class: 'msg-author' }, `${note.agent.name} · ${t('note')}`),
        h('div', { class: 'msg-body' }, note.text),
      ),
    );
    this.follow();
  }

  replyStart(replyTo: string): void {
    this.dropStream(replyTo);
    const body = h('div', { class: 'msg-body markdown' });
    const item = h(
      'li',
      { class: 'msg bot streaming', 'data-reply-to': replyTo },
      h('span', { class: 'msg-author' }, t('bot')),
      body,
    );
    this.streams.set(replyTo, { text: '', item, body });
    this.element.append(item);
    this.follow();
  }

  replyDelta(delta: ReplyDelta): void {
    if (!this.streams.has(delta.replyTo)) this.replyStart(delta.replyTo);
    const stream = this.streams.get(delta.replyTo)!;
    stream.text += delta.text;
    renderMarkdown(stream.body, stream.text);
    this.follow();
  }

  replyReset(replyTo: string): void {
    const stream = this.streams.get(replyTo);
    if (!stream) return;
    stream.text = '';
    renderMarkdown(stream.body, '');
  }

  replyEnd(end: ReplyEnd): void {
    if (end.confidence !== undefined) this.confidence.set(end.message.id, end.confidence);
    this.dropStream(end.replyTo);
    this.addMessage(end.message);
  }

  /** The visitor thumbed a bot reply (again: the new value replaces the old). */
  setThumb(messageId: string, value: ThumbValue): void {
    this.thumbs.set(messageId, value);
    const item = this.element.querySelector<HTMLElement>(`li[data-message-id="${CSS.escape(messageId)}"]`);
    item?.querySelector('.msg-thumb')?.remove();
    item?.append(this.thumbBadge(value));
  }

  /** A reply that will not come (error, takeover): its partial text goes. */
  dropStream(replyTo: string): void {
    this.streams.get(replyTo)?.item.remove();
    this.streams.delete(replyTo);
  }

  dropAllStreams(): void {
    for (const replyTo of [...this.streams.keys()]) this.dropStream(replyTo);
  }

  private messageItem(message: StoredMessage): HTMLLIElement {
    const author =
      message.role === 'agent'
        ? (message.agent?.name ?? 'Agent')
        : message.role === 'customer'
          ? t('customer')
          : message.role === 'bot'
            ? t('bot')
            : t('system');
    const body = h('div', { class: `msg-body${message.role === 'bot' ? ' markdown' : ''}` });
    // Bot replies are Markdown, rendered safely as the widget renders them; everything else is text.
    if (message.role === 'bot') renderMarkdown(body, message.text);
    else body.textContent = message.text;
    const confidence = this.confidence.get(message.id);
    const flags = [...message.flags];
    const thumb = this.thumbs.get(message.id);
    return h(
      'li',
      { class: `msg ${message.role}`, 'data-seq': message.seq, 'data-message-id': message.id },
      h('span', { class: 'msg-author' }, author, ' · ', new Date(message.createdAt).toLocaleTimeString()),
      body,
      flags.length > 0 || confidence !== undefined
        ? h(
            'span',
            { class: 'msg-flags' },
            ...flags.map((flag) => h('span', { class: `flag flag-${flag}` }, flag)),
            confidence !== undefined ? h('span', { class: 'flag' }, t('confidence', { value: confidence.toFixed(2) })) : null,
          )
        : null,
      thumb ? this.thumbBadge(thumb) : null,
    );
  }

  // Arrows rather than emoji: every font has them (headless and minimal installs have no emoji font).
  private thumbBadge(value: ThumbValue): HTMLElement {
    const label = t(value === 'up' ? 'thumbUp' : 'thumbDown');
    return h('span', { class: `msg-thumb thumb-${value}`, title: label }, value === 'up' ? '▲ ' : '▼ ', label);
  }

  private follow(): void {
    const scroller = this.element.parentElement;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }
}
