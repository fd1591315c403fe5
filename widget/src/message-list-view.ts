import type { StoredMessage } from '../../src/contracts/payloads.js';
import type { TimelineItem } from './conversation-timeline.js';
import { element } from './dom.js';
import type { Strings } from './strings.js';

export interface MessageListActions {
  retry(clientMessageId: string): void;
  remove(clientMessageId: string): void;
}

interface Rendered {
  node: HTMLElement;
  signature: string;
}

/** Keeps the message list in step with the timeline, touching only items that changed. */
export class MessageListView {
  private readonly rendered = new Map<string, Rendered>();
  private readonly greeting: HTMLElement;

  constructor(
    readonly list: HTMLOListElement,
    private readonly strings: Strings,
    private readonly actions: MessageListActions,
  ) {
    this.greeting = element('li', { class: 'msg bot greeting' }, element('div', { class: 'bubble' }, strings.greeting));
    list.append(this.greeting);
  }

  render(items: readonly TimelineItem[]): void {
    // Follow new messages only if the visitor has not scrolled up to read older ones.
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 48;
    const keep = new Set<string>();
    let cursor: ChildNode | null = this.greeting.nextSibling;
    for (const item of items) {
      keep.add(item.key);
      const { node, replaced } = this.nodeFor(item);
      if (replaced) {
        if (replaced === cursor) cursor = replaced.nextSibling;
        replaced.remove();
      }
      if (node !== cursor) this.list.insertBefore(node, cursor);
      cursor = node.nextSibling;
    }
    for (const [key, { node }] of this.rendered) {
      if (keep.has(key)) continue;
      node.remove();
      this.rendered.delete(key);
    }
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  /** The item's node, rebuilt when its content changed; `replaced` is the outdated node to drop. */
  private nodeFor(item: TimelineItem): { node: HTMLElement; replaced?: HTMLElement } {
    const signature = signatureOf(item);
    const previous = this.rendered.get(item.key);
    if (previous?.signature === signature) return { node: previous.node };
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
      case 'stream':
        return this.stream(item.text);
      case 'pending':
        return this.pending(item.entry.clientMessageId, item.entry.text, item.entry.status, item.entry.error?.message, item.entry.error?.retryAfterMs);
    }
  }

  private message(message: StoredMessage): HTMLElement {
    if (message.role === 'system') return element('li', { class: 'note info' }, message.text);
    const time = new Date(message.createdAt);
    const who = this.whoLabel(message.role);
    return element(
      'li',
      { class: `msg ${message.role}`, 'data-seq': String(message.seq), title: time.toLocaleString() },
      message.role === 'customer' ? element('span', { class: 'sr-only' }, `${who}:`) : element('span', { class: 'who' }, who),
      element('div', { class: 'bubble' }, message.text),
    );
  }

  private stream(text: string): HTMLElement {
    const bubble = element('div', { class: 'bubble' });
    if (text) bubble.textContent = text;
    else bubble.append(element('span', { class: 'dots' }, element('i'), element('i'), element('i')), element('span', { class: 'sr-only' }, this.strings.typing));
    return element('li', { class: 'msg bot streaming', 'aria-busy': 'true' }, element('span', { class: 'who' }, this.strings.assistant), bubble);
  }

  private pending(id: string, text: string, status: 'sending' | 'failed', error?: string, retryAfterMs?: number): HTMLElement {
    const meta = element('div', { class: status === 'failed' ? 'meta error' : 'meta' });
    if (status === 'sending') meta.textContent = this.strings.sending;
    else {
      const wait = retryAfterMs ? ` ${this.strings.retryIn(Math.ceil(retryAfterMs / 1000))}` : '';
      meta.append(`${this.strings.notSent} ${error ?? ''}${wait}`.trim());
      const retry = element('button', { type: 'button' }, this.strings.retry);
      retry.addEventListener('click', () => this.actions.retry(id));
      const remove = element('button', { type: 'button' }, this.strings.remove);
      remove.addEventListener('click', () => this.actions.remove(id));
      meta.append(retry, remove);
    }
    return element(
      'li',
      { class: `msg customer ${status}` },
      element('span', { class: 'sr-only' }, `${this.strings.you}:`),
      element('div', { class: 'bubble' }, text),
      meta,
    );
  }

  private whoLabel(role: StoredMessage['role']): string {
    return role === 'customer' ? this.strings.you : role === 'agent' ? this.strings.agent : this.strings.assistant;
  }
}

function signatureOf(item: TimelineItem): string {
  switch (item.kind) {
    case 'message':
      return `${item.message.role}\u0000${item.message.text}`;
    case 'note':
      return item.text;
    case 'stream':
      return item.text;
    case 'pending':
      return `${item.entry.status}\u0000${item.entry.error?.message ?? ''}\u0000${item.entry.error?.retryAfterMs ?? ''}`;
  }
}
