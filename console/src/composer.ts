import type { CannedReplyView } from '../../src/contracts/admin-api.js';
import { t } from './i18n.js';
import { fillVariables } from './inbox-model.js';
import { h, replace } from './view.js';

export interface ComposerHandlers {
  send(text: string, asNote: boolean): Promise<void>;
  typing(typing: boolean): void;
  /** Values for `{{visitor.name}}` and the like in canned replies. */
  variables(): Record<string, string | undefined>;
}

/**
 * Reply or private note. `/` at the start opens the site's canned replies (type to search, arrows,
 * Enter to insert); Enter sends, Shift+Enter is a new line.
 */
export class Composer {
  readonly element: HTMLFormElement;
  readonly input: HTMLTextAreaElement;
  private readonly noteToggle: HTMLInputElement;
  private readonly suggestions = h('ul', { class: 'canned-list', role: 'listbox', id: 'canned-list', hidden: true });
  private readonly sendButton: HTMLButtonElement;
  private canned: CannedReplyView[] = [];
  private matches: CannedReplyView[] = [];
  private active = 0;
  private locked = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Told `typing: true` and not yet `false`: only changes are sent (each event counts against the socket's budget). */
  private typingShown = false;

  constructor(private readonly handlers: ComposerHandlers) {
    this.input = h('textarea', {
      class: 'composer-input',
      rows: 3,
      'aria-label': t('reply'),
      'aria-controls': 'canned-list',
      oninput: () => this.changed(),
      onkeydown: (event: KeyboardEvent) => this.key(event),
    });
    this.noteToggle = h('input', { type: 'checkbox', class: 'note-toggle', onchange: () => this.updateMode() });
    this.sendButton = h('button', { type: 'submit', class: 'primary' }, t('send'));
    this.element = h(
      'form',
      { class: 'composer', onsubmit: (event: SubmitEvent) => (event.preventDefault(), void this.submit()) },
      this.suggestions,
      this.input,
      h('div', { class: 'composer-bar' }, h('label', {}, this.noteToggle, ' ', t('note')), this.sendButton),
    );
    this.updateMode();
  }

  setCanned(replies: CannedReplyView[]): void {
    this.canned = replies;
  }

  /** Locked: only notes may be written (someone else, or nobody, owns the conversation). */
  setLocked(locked: boolean): void {
    this.locked = locked;
    this.updateMode();
  }

  focus(): void {
    this.input.focus();
  }

  private updateMode(): void {
    const note = this.noteToggle.checked;
    this.element.classList.toggle('as-note', note);
    const disabled = this.locked && !note;
    this.input.disabled = disabled;
    this.sendButton.disabled = disabled;
    this.input.placeholder = disabled ? t('composerLocked') : note ? t('composerNote') : t('composerReply');
  }

  private changed(): void {
    const match = /^\/([^\s]*)$/.exec(this.input.value);
    this.matches = match
      ? this.canned.filter((reply) => reply.shortcut.toLowerCase().includes(match[1]!.toLowerCase())).slice(0, 8)
      : [];
    this.active = 0;
    this.renderSuggestions();
    if (!this.noteToggle.checked) {
      if (!this.typingShown) this.handlers.typing(true);
      this.typingShown = true;
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => this.stopTyping(), 2000);
    }
  }

  private renderSuggestions(): void {
    this.suggestions.hidden = this.matches.length === 0;
    replace(
      this.suggestions,
      ...this.matches.map((reply, index) =>
        h(
          'li',
          {
            role: 'option',
            class: index === this.active ? 'active' : '',
            'aria-selected': String(index === this.active),
            onmousedown: () => this.insert(reply),
          },
          h('strong', {}, `/${reply.shortcut}`),
          ' ',
          h('span', {}, reply.text),
        ),
      ),
    );
  }

  private insert(reply: CannedReplyView): void {
    this.input.value = fillVariables(reply.text, this.handlers.variables());
    this.matches = [];
    this.renderSuggestions();
    this.input.focus();
  }

  private key(event: KeyboardEvent): void {
    if (this.matches.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.active = (this.active + (event.key === 'ArrowDown' ? 1 : this.matches.length - 1)) % this.matches.length;
        this.renderSuggestions();
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        this.insert(this.matches[this.active]!);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.submit();
    }
  }

  private async submit(): Promise<void> {
    const text = this.input.value.trim();
    if (!text || this.input.disabled) return;
    await this.handlers.send(text, this.noteToggle.checked);
    this.input.value = '';
    clearTimeout(this.typingTimer);
    this.stopTyping();
  }

  private stopTyping(): void {
    this.typingShown = false;
    this.handlers.typing(false);
  }
}
