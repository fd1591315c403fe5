import type { ErrorCode } from '../../src/contracts/error-codes.js';
import type { Rating, ThumbValue } from '../../src/contracts/feedback.js';
import type { StoredMessage } from '../../src/contracts/payloads.js';
import type { TimelineItem } from './conversation-timeline.js';
import { element } from './dom.js';
import { ratingCard, thumbs } from './feedback-controls.js';
import { renderMarkdown } from './markdown/markdown-dom.js';
import type { OutboxEntry } from './outbox.js';
import type { Strings } from './strings.js';
import { WelcomeView } from './welcome-view.js';

export interface MessageListActions {
  retry(clientMessageId: string): void;
  remove(clientMessageId: string): void;
  /** Puts a refused message back in the message box to be changed (it is removed from the list). */
  edit(clientMessageId: string): void;
  /** A suggested question was clicked: send it as the visitor's message. */
  ask(question: string): void;
  /** Thumb on a bot reply; resolves true once stored. */
  rateReply(messageId: string, value: ThumbValue): Promise<boolean>;
  rateConversation(conversationId: string, rating: Rating, comment: string): Promise<boolean>;
  /** "Not now" on a rating card: never offer it again. */
  dismissRating(conversationId: string): void;
}

export interface MessageListOptions {
  strings: Strings;
  /** BCP 47 locale for message times. */
  locale: string;
  /** The thumb the visitor gave a reply in this page view (survives a rebuilt panel). */
  thumbOf(messageId: string): ThumbValue | undefined;
}

interface Rendered {
  node: HTMLElement;
  signature: string;
}

/** Refusals that sending the same text again cannot fix: the visitor can only change it. */
const EDIT_ONLY: ReadonlySet<ErrorCode> = new Set(['BLOCKED_CONTENT', 'TOO_LONG']);

/**
 * Keeps the message list in step with the timeline, touching only items that changed. Bot and agent
 * text is rendered as safe Markdown; a streaming reply is patched in place so shown text stays put.
 */
export class MessageListView {
  private readonly rendered = new Map<string, Rendered>();
  private readonly countdowns = new Map<string, ReturnType<typeof setInterval>>();
  readonly welcome: WelcomeView;
  private readonly time: Intl.DateTimeFormat;

  constructor(
    readonly list: HTMLOListElement,
    private readonly options: MessageListOptions,
    private readonly actions: MessageListActions,
  ) {
    this.time = new Intl.DateTimeFormat(options.locale, { hour: 'numeric', minute: '2-digit' });
    this.welcome = new WelcomeView(options.strings, options.locale, actions.ask);
    list.append(...this.welcome.nodes);
  }

  /** Returns true when bot or agent text appeared (a new message, or a stream starting or growing). */
  render(items: readonly TimelineItem[]): boolean {
    const keep = new Set<string>();
    let replyArrived = false;
    let cursor: ChildNode | null = this.welcome.nodes.at(-1)!.nextSibling;
    for (const item of items) {
      keep.add(item.key);
      // A new reply, or more text in one that is streaming.
      if (isReply(item) && this.rendered.get(item.key)?.signature !== signatureOf(item)) replyArrived = true;
      const { node, replaced } = this.nodeFor(item);
      if (replaced) {
        if (replaced === cursor) cursor = replaced.nextSibling;
        replaced.remove();
      }
      if (node !== cursor) this.list.insertBefore(node, cursor);
      cursor = node.nextSibling;
    }
    this.welcome.setConversationStarted(items.some((item) => item.kind === 'message' || item.kind === 'pending'));
    for (const [key, { node }] of this.rendered) {
      if (keep.has(key)) continue;
      node.remove();
      this.rendered.delete(key);
      this.stopCountdown(key);
    }
    return replyArrived;
  }

  /** Stops every countdown timer (the panel is being rebuilt). */
  destroy(): void {
    for (const key of this.countdowns.keys()) this.stopCountdown(key);
    this.welcome.destroy();
  }

  /** The item's node, rebuilt when its content changed; `replaced` is the outdated node to drop. */
  private nodeFor(item: TimelineItem): { node: HTMLElement; replaced?: HTMLElement } {
    const signature = signatureOf(item);
    const previous = this.rendered.get(item.key);
    if (previous?.signature === signature) return { node: previous.node };
    if (previous && item.kind === 'stream') {
      this.updateStream(previous.node, item.text, item.resuming);
      previous.signature = signature;
      return { node: previous.node };
    }
    this.stopCountdown(item.key);
    const node = this.build(item);
    this.rendered.set(item.key, { node, signature });
    return { node, replaced: previous?.node };
  }

  private build(item: TimelineItem): HTMLElement {
    switch (item.kind) {
      case 'message':
        return this.message(item.message);
      case 'note':
        return element('li', { class: `note ${item.tone}` }, item.text);
      case 'stream': {
        const node = element(
          'li',
          { class: 'msg bot streaming', 'aria-busy': 'true' },
          element('span', { class: 'who' }, this.options.strings.assistant),
          this.typingBubble(item.resuming),
        );
        this.updateStream(node, item.text, item.resuming);
        return node;
      }
      case 'pending':
        return this.pending(item.key, item.entry);
      case 'rating':
        return ratingCard(
          this.options.strings,
          item.previous,
          (rating, comment) => this.actions.rateConversation(item.conversationId, rating, comment),
          () => this.actions.dismissRating(item.conversationId),
        );
    }
  }

  private message(message: StoredMessage): HTMLElement {
    if (message.role === 'system') return element('li', { class: 'note info' }, message.text);
    const { strings } = this.options;
    const created = new Date(message.createdAt);
    const customer = message.role === 'customer';
    const who = customer ? strings.you : message.role === 'agent' ? (message.agent?.name ?? strings.agent) : strings.assistant;
    const bubble = element('div', { class: customer ? 'bubble' : 'bubble md' });
    // The visitor's own words are shown as typed; only bot and agent replies are Markdown.
    if (customer) bubble.textContent = message.text;
    else renderMarkdown(bubble, message.text);
    return element(
      'li',
      { class: `msg ${message.role}`, 'data-seq': String(message.seq) },
      customer ? element('span', { class: 'sr-only' }, `${who}:`) : element('span', { class: 'who' }, who),
      bubble,
      ...(customer && message.flags.includes('pii_hidden')
        ? [element('span', { class: 'meta pii-note' }, strings.piiHidden)]
        : []),
      element(
        'time',
        { class: 'meta time', datetime: message.createdAt, title: created.toLocaleString(this.options.locale) },
        this.time.format(created),
      ),
      // Only finished replies of the assistant: a streaming one is a different item with no thumbs.
      ...(message.role === 'bot'
        ? [thumbs(strings, this.options.thumbOf(message.id), (value) => this.actions.rateReply(message.id, value))]
        : []),
    );
  }

  private typingBubble(resuming = false): HTMLElement {
    const { strings } = this.options;
    return element(
      'div',
      { class: resuming ? 'bubble md resuming' : 'bubble md' },
      element('span', { class: 'dots' }, element('i'), element('i'), element('i')),
      resuming
        ? element('span', { class: 'meta resuming-note' }, strings.resuming)
        : element('span', { class: 'sr-only' }, strings.typing),
    );
  }

  /** Text grows block by block in the same bubble; a reset (empty text) starts a fresh typing bubble. */
  private updateStream(node: HTMLElement, text: string, resuming: boolean): void {
    const bubble = node.querySelector('.bubble');
    if (!bubble) return;
    if (!text) {
      if (!bubble.querySelector('.dots') || bubble.classList.contains('resuming') !== resuming) {
        bubble.replaceWith(this.typingBubble(resuming));
      }
      return;
    }
    renderMarkdown(bubble, text);
  }

  private pending(key: string, entry: OutboxEntry): HTMLElement {
    const { strings } = this.options;
    const meta = element('div', { class: entry.status === 'failed' ? 'meta error' : 'meta' });
    if (entry.status === 'sending') meta.textContent = strings.sending;
    else meta.append(...this.failure(key, entry));
    return element(
      'li',
      { class: `msg customer ${entry.status}` },
      element('span', { class: 'sr-only' }, `${strings.you}:`),
      element('div', { class: 'bubble' }, entry.text),
      meta,
    );
  }

  private failure(key: string, entry: OutboxEntry): Array<Node | string> {
    const { strings } = this.options;
    const id = entry.clientMessageId;
    const button = (label: string, action: (id: string) => void) => {
      const node = element('button', { type: 'button' }, label);
      node.addEventListener('click', () => action(id));
      return node;
    };
    const reason = `${strings.notSent} ${entry.error?.message ?? ''}`.trim();
    if (entry.error && EDIT_ONLY.has(entry.error.code)) return [reason, button(strings.edit, this.actions.edit)];
    const retry = button(strings.retry, this.actions.retry);
    const nodes: Array<Node | string> = [reason, retry, button(strings.remove, this.actions.remove)];
    if (entry.retryAt && entry.retryAt > Date.now()) nodes.splice(1, 0, this.countdown(key, entry.retryAt, retry));
    return nodes;
  }

  /** "Try again in N s", counting down; Retry is disabled until it reaches zero. */
  private countdown(key: string, retryAt: number, retry: HTMLButtonElement): HTMLElement {
    const label = element('span', { class: 'countdown' });
    const tick = () => {
      const seconds = Math.ceil((retryAt - Date.now()) / 1000);
      if (seconds > 0) {
        label.textContent = ` ${this.options.strings.retryIn(seconds)}`;
        return;
      }
      label.textContent = '';
      retry.disabled = false;
      this.stopCountdown(key);
    };
    retry.disabled = true;
    tick();
    this.countdowns.set(key, setInterval(tick, 250));
    return label;
  }

  private stopCountdown(key: string): void {
    clearInterval(this.countdowns.get(key));
    this.countdowns.delete(key);
  }
}

function isReply(item: TimelineItem): boolean {
  return item.kind === 'stream' || (item.kind === 'message' && (item.message.role === 'bot' || item.message.role === 'agent'));
}

function signatureOf(item: TimelineItem): string {
  switch (item.kind) {
    case 'message':
      return `${item.message.role}\u0000${item.message.text}`;
    case 'note':
      return item.text;
    case 'stream':
      return `${item.resuming ? 'resuming' : ''}\u0000${item.text}`;
    case 'pending':
      return `${item.entry.status}\u0000${item.entry.error?.message ?? ''}\u0000${item.entry.retryAt ?? ''}`;
    case 'rating':
      return `${item.conversationId}\u0000${item.previous}`;
  }
}
