import type { TimelineItem } from './conversation-timeline.js';
import { ICONS, element, icon } from './dom.js';
import { messageComposer, type ComposerActions, type MessageComposer } from './message-composer.js';
import { MessageListView, type MessageListActions, type MessageListOptions } from './message-list-view.js';
import { ScrollFollow } from './scroll-follow.js';
import type { Strings } from './strings.js';
import type { WelcomeContent } from './welcome-view.js';
import WIDGET_CSS from './widget.css';

export interface ChatPanelOptions {
  strings: Strings;
  title: string;
  color: string | undefined;
  maxChars: number;
  position: 'left' | 'right';
  /** The page opens the chat itself (`Switchboard.open()`); no launcher button is shown. */
  hideLauncher: boolean;
  /** BCP 47 locale for message times. */
  locale: string;
  thumbOf: MessageListOptions['thumbOf'];
}

export interface ChatPanelActions extends MessageListActions, ComposerActions {
  opened(): void;
  closed(): void;
  /** "Talk to a person". */
  handoff(): void;
  /** The e-mail address to be answered at, when no agent is available. */
  email(address: string): void;
}

/**
 * The launcher and the chat panel, in a shadow root. A non-modal dialog: Esc closes it and focus
 * returns to the launcher (or, with the launcher hidden, to what had focus before); opening focuses
 * the message box. Full screen below 480px wide.
 */
export class ChatPanel {
  private readonly root: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly status: HTMLElement;
  private readonly demo: HTMLElement;
  private readonly composer: MessageComposer;
  private readonly live: HTMLElement;
  private readonly messages: MessageListView;
  private readonly follow: ScrollFollow;
  private readonly handoffButton: HTMLButtonElement;
  private readonly agentTyping: HTMLElement;
  private readonly emailForm: HTMLFormElement;
  private returnFocus: HTMLElement | undefined;

  constructor(
    private readonly shadow: ShadowRoot,
    private readonly options: ChatPanelOptions,
    private readonly actions: ChatPanelActions,
  ) {
    const { strings } = options;
    const style = element('style');
    style.textContent = WIDGET_CSS;

    this.badge = element('span', { class: 'badge', hidden: '' });
    this.launcher = element(
      'button',
      {
        type: 'button',
        class: 'launcher',
        'aria-expanded': 'false',
        'aria-controls': 'sb-panel',
        'aria-label': strings.openChat,
      },
      icon(ICONS.chat),
      icon(ICONS.close),
      this.badge,
    );
    this.status = element('p', { class: 'status' }, strings.connecting);
    const close = element('button', { type: 'button', class: 'close', 'aria-label': strings.closeChat }, icon(ICONS.close));
    this.demo = element('p', { class: 'demo', role: 'note', hidden: '' }, strings.demoNotice);
    const list = element('ol', { class: 'log', 'aria-label': strings.messagesLabel, tabindex: '0' });
    const pill = element('button', { type: 'button', class: 'pill', hidden: '' }, strings.newReplyBelow);
    this.live = element('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'false' });
    this.composer = messageComposer(strings, options.maxChars, {
      send: (text) => {
        actions.send(text);
        // The visitor's own message is always followed, even when they had scrolled up to read.
        this.follow.toBottom();
      },
      typing: (hasText) => actions.typing(hasText),
    });
    this.handoffButton = element('button', { type: 'button', class: 'handoff', id: 'sb-handoff' }, strings.talkToPerson);
    // Distinct from the assistant's typing bubble: an agent types in a line of its own.
    this.agentTyping = element('p', { class: 'agent-typing', 'aria-live': 'polite' });
    const email = element('input', { id: 'sb-email', type: 'email', required: '', autocomplete: 'email', class: 'input' });
    this.emailForm = element(
      'form',
      { class: 'composer email', hidden: '' },
      element('label', { for: 'sb-email' }, strings.emailLabel),
      email,
      element('button', { type: 'submit', class: 'handoff' }, strings.emailSend),
    );
    this.panel = element(
      'section',
      { id: 'sb-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'sb-title', hidden: '' },
      element(
        'div',
        { class: 'header' },
        element('div', {}, element('h2', { id: 'sb-title', class: 'title' }, options.title), this.status),
        close,
      ),
      this.demo,
      element('div', { class: 'log-wrap' }, list, pill),
      this.live,
      this.agentTyping,
      this.emailForm,
      this.handoffButton,
      this.composer.form,
    );
    const classes = ['sb', options.position === 'left' ? 'left' : '', options.hideLauncher ? 'no-launcher' : '']
      .filter(Boolean)
      .join(' ');
    this.root = element('div', { class: classes }, this.launcher, this.panel);
    this.applyColor(options.color);
    shadow.append(style, this.root);
    this.messages = new MessageListView(list, { strings, locale: options.locale, thumbOf: options.thumbOf }, actions);
    this.follow = new ScrollFollow(list, pill);

    this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    close.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    this.handoffButton.addEventListener('click', () => actions.handoff());
    this.emailForm.addEventListener('submit', (event) => {
      event.preventDefault();
      actions.email(email.value.trim());
    });
    this.composer.update();
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  open(focus = true): void {
    if (this.isOpen) return;
    const active = document.activeElement;
    this.returnFocus = active instanceof HTMLElement && active !== this.shadow.host ? active : undefined;
    this.panel.hidden = false;
    this.root.classList.add('open');
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.setAttribute('aria-label', this.options.strings.closeChat);
    this.setUnread(0);
    this.follow.toBottom();
    if (focus) this.composer.focus();
    this.actions.opened();
  }

  close(): void {
    if (!this.isOpen) return;
    this.panel.hidden = true;
    this.root.classList.remove('open');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.setUnread(0);
    if (!this.options.hideLauncher) this.launcher.focus();
    else this.returnFocus?.focus();
    this.actions.closed();
  }

  render(items: readonly TimelineItem[]): void {
    const wasAtBottom = this.follow.atBottom();
    const replyArrived = this.messages.render(items);
    this.follow.settle(wasAtBottom, replyArrived);
  }

  /** Greeting, the away notice and the suggested questions at the top of the list. */
  showWelcome(content: WelcomeContent): void {
    this.messages.welcome.show(content);
  }

  setStatus(text: string, online: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle('online', online);
  }

  /** The button shows only while the assistant answers. */
  setHandoffAvailable(available: boolean): void {
    this.handoffButton.hidden = !available;
  }

  /** "Lin is typing", or nothing. */
  setAgentTyping(text: string): void {
    this.agentTyping.textContent = text;
  }

  askEmail(show: boolean): void {
    this.emailForm.hidden = !show;
    // The form takes room from the log: keep the newest notice in view.
    this.follow.toBottom();
  }

  setDemoMode(simulated: boolean): void {
    this.demo.hidden = !simulated;
  }

  /** Read out by screen readers once, without re-reading the whole conversation. */
  announce(text: string): void {
    this.live.append(element('p', {}, text));
    while (this.live.childElementCount > 5) this.live.firstElementChild?.remove();
  }

  setUnread(count: number): void {
    const { strings } = this.options;
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 9 ? '9+' : String(count);
    if (!this.isOpen) this.launcher.setAttribute('aria-label', count ? strings.openChatUnread(count) : strings.openChat);
  }

  /** The chat cannot work here (unknown site key, origin not allowed): nothing can be typed or sent. */
  disable(): void {
    this.composer.disable();
  }

  /** Puts text back in the message box (editing a refused message). */
  edit(text: string): void {
    this.composer.edit(text);
  }

  /** Removes the panel from the shadow root (a language change builds a new one). */
  destroy(): void {
    this.messages.destroy();
    this.shadow.replaceChildren();
  }

  private applyColor(color: string | undefined): void {
    if (!color) return;
    this.root.style.setProperty('--sb-accent', color);
    this.root.style.setProperty('--sb-on-accent', isLight(color) ? '#111827' : '#ffffff');
  }
}

/** Dark text on light brand colours (a yellow `data-color`), white on dark ones. */
function isLight(color: string): boolean {
  const probe = document.createElement('canvas').getContext('2d');
  if (!probe) return false;
  probe.fillStyle = color;
  const hex = /^#([0-9a-f]{6})$/i.exec(probe.fillStyle)?.[1];
  if (!hex) return false;
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6;
}
