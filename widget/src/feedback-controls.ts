import type { Rating, ThumbValue } from '../../src/contracts/feedback.js';
import { ICONS, element, icon } from './dom.js';
import type { Strings } from './strings.js';

/** Resolves true once the server stored it. */
export type SendThumb = (value: ThumbValue) => Promise<boolean>;
export type SendRating = (rating: Rating, comment: string) => Promise<boolean>;

/**
 * Thumbs up and down under a finished bot reply. The choice shows at once (`aria-pressed`) and falls
 * back to the previous one if the server refuses it; pressing the other thumb replaces it.
 */
export function thumbs(strings: Strings, pressed: ThumbValue | undefined, send: SendThumb): HTMLElement {
  const group = element('div', { class: 'thumbs' });
  const buttons = (['up', 'down'] as const).map((value) => {
    const button = element(
      'button',
      { type: 'button', class: `thumb ${value}`, 'aria-label': value === 'up' ? strings.helpful : strings.notHelpful },
      icon(ICONS.thumb),
    );
    button.addEventListener('click', () => {
      if (current === value) return;
      const previous = current;
      show(value);
      void send(value).then((stored) => stored || show(previous));
    });
    return button;
  });
  let current = pressed;
  const show = (value: ThumbValue | undefined) => {
    current = value;
    buttons.forEach((button, index) => button.setAttribute('aria-pressed', String(value === (index ? 'down' : 'up'))));
  };
  show(pressed);
  group.append(...buttons);
  return group;
}

/**
 * "How did we do?": 1-5, an optional comment, send; then a thank-you in its place. "Not now"
 * dismisses it for good. `previous`: the card of the conversation before this one.
 */
export function ratingCard(strings: Strings, previous: boolean, send: SendRating, dismiss: () => void): HTMLElement {
  let rating: Rating | undefined;
  const submit = element('button', { type: 'submit', class: 'handoff', disabled: '' }, strings.rateSend);
  const stars = ([1, 2, 3, 4, 5] as const).map((value) => {
    const star = element('button', { type: 'button', class: 'star', 'aria-label': strings.rateStar(value) }, '★');
    star.addEventListener('click', () => {
      rating = value;
      stars.forEach((other, index) => {
        other.setAttribute('aria-pressed', String(index + 1 === value));
        other.classList.toggle('on', index < value);
      });
      submit.disabled = false;
    });
    return star;
  });
  const comment = element('textarea', { class: 'input', rows: '2', maxlength: '1000' });
  const later = element('button', { type: 'button', class: 'dismiss' }, strings.rateDismiss);
  later.addEventListener('click', dismiss);
  const title = previous ? strings.ratePrevious : strings.rateTitle;
  const form = element(
    'form',
    { class: 'card', 'aria-label': title },
    element('p', { class: 'card-title' }, title),
    element('div', { class: 'stars' }, ...stars),
    element('label', {}, strings.rateComment, comment),
    element('div', { class: 'card-actions' }, submit, later),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!rating) return;
    submit.disabled = true;
    void send(rating, comment.value.trim()).then((stored) => {
      if (stored) form.replaceChildren(element('p', { class: 'card-title', role: 'status' }, strings.rateThanks));
      else submit.disabled = false;
    });
  });
  return element('li', { class: 'rating' }, form);
}
