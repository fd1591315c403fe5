import { ICONS, element, icon } from './dom.js';
import type { Strings } from './strings.js';

/** The server's default per-site limit; the server still has the last word (TOO_LONG). */
export const MAX_MESSAGE_CHARS = 2000;

/** What the composer tells the panel. */
export interface ComposerActions {
  /** A message to send: trimmed, not empty, within the limit. */
  send(text: string): void;
  /** The visitor changed the message box; `hasText`: something is in it. */
  typing(hasText: boolean): void;
}

/** The message box, its send button and the character counter. */
export interface MessageComposer {
  readonly form: HTMLFormElement;
  focus(): void;
  /** Nothing can be typed or sent any more. */
  disable(): void;
  /** Puts text back in the message box (editing a refused message). */
  edit(text: string): void;
  /** The send button, the counter and the box's height, from what is typed. */
  update(): void;
}

/** Enter sends, Shift+Enter adds a line; the box grows with the text, up to the CSS max-height. */
export function messageComposer(strings: Strings, maxChars: number, actions: ComposerActions): MessageComposer {
  let disabled = false;
  const input = element('textarea', {
    id: 'sb-input',
    class: 'input',
    rows: '1',
    placeholder: strings.placeholder,
    'aria-describedby': 'sb-counter',
  });
  const sendButton = element(
    'button',
    { type: 'submit', class: 'send', 'aria-label': strings.send, disabled: '' },
    icon(ICONS.send),
  );
  const counter = element('span', { id: 'sb-counter', class: 'counter' });
  const form = element(
    'form',
    { class: 'composer' },
    element('label', { class: 'sr-only', for: 'sb-input' }, strings.inputLabel),
    input,
    sendButton,
    counter,
  );

  const update = (): void => {
    const length = input.value.trim().length;
    const over = length > maxChars;
    sendButton.disabled = disabled || length === 0 || over;
    counter.textContent = over
      ? `${strings.counter(length, maxChars)} · ${strings.tooLong(length - maxChars)}`
      : strings.counter(length, maxChars);
    counter.classList.toggle('over', over);
    // Grow with the text up to the CSS max-height, then scroll.
    input.style.height = 'auto';
    if (input.scrollHeight > 0) input.style.height = `${input.scrollHeight + 2}px`;
  };
  const submit = (): void => {
    const text = input.value.trim();
    if (disabled || !text || text.length > maxChars) return;
    actions.send(text);
    input.value = '';
    update();
    input.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter adds a line; never while an IME is composing (Chinese, Japanese input).
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    update();
    actions.typing(input.value.trim().length > 0);
  });

  return {
    form,
    focus: () => input.focus(),
    disable: () => {
      disabled = true;
      input.disabled = true;
      input.placeholder = strings.unavailablePlaceholder;
      update();
    },
    edit: (text) => {
      input.value = text;
      update();
      input.focus();
    },
    update,
  };
}
