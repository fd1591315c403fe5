import type { AgentHours } from '../../src/contracts/payloads.js';
import { element } from './dom.js';
import type { Strings } from './strings.js';

export interface WelcomeContent {
  greeting: string;
  suggestions: readonly string[];
  hours: AgentHours | null;
}

/**
 * The top of the message list: the greeting as the first bot bubble (never a stored message), the
 * "team is away" notice outside business hours, and the suggested questions as buttons until the
 * conversation has its first message.
 */
export class WelcomeView {
  readonly nodes: readonly HTMLElement[];
  private readonly bubble: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly buttons: HTMLElement;
  private readonly item: HTMLElement;
  private awayTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly strings: Strings,
    private readonly locale: string,
    private readonly ask: (question: string) => void,
  ) {
    this.bubble = element('div', { class: 'bubble' });
    this.notice = element('li', { class: 'note info away', hidden: '' });
    this.buttons = element('div', { role: 'group', 'aria-label': strings.suggestions });
    this.item = element('li', { class: 'suggestions', hidden: '' }, this.buttons);
    this.nodes = [element('li', { class: 'msg bot greeting' }, this.bubble), this.notice, this.item];
  }

  show(content: WelcomeContent): void {
    this.bubble.textContent = content.greeting;
    this.buttons.replaceChildren(
      ...content.suggestions.map((question) => {
        const button = element('button', { type: 'button', class: 'suggestion' }, question);
        button.addEventListener('click', () => this.ask(question));
        return button;
      }),
    );
    clearTimeout(this.awayTimer);
    const { hours } = content;
    const away = hours !== null && !hours.open;
    this.notice.hidden = !away;
    if (!away) return;
    const when = hours.nextOpenAt ? backAt(hours.nextOpenAt, this.locale, this.strings) : undefined;
    this.notice.textContent = this.strings.away(when) + this.strings.botStillHelps;
    // Agents are back at that instant: the notice goes without waiting for the next session.
    const wait = hours.nextOpenAt ? Date.parse(hours.nextOpenAt) - Date.now() : Infinity;
    if (wait < 2 ** 31) this.awayTimer = setTimeout(() => (this.notice.hidden = true), Math.max(0, wait));
  }

  /** Suggested questions are for an empty conversation only. */
  setConversationStarted(started: boolean): void {
    this.item.hidden = started || this.buttons.childElementCount === 0;
  }

  destroy(): void {
    clearTimeout(this.awayTimer);
  }
}

/** "Our team is away right now and back Monday 09:00." while agents are out of hours and not yet back. */
export function awayText(hours: AgentHours | null | undefined, locale: string, strings: Strings): string | undefined {
  if (!hours || hours.open || (hours.nextOpenAt && Date.parse(hours.nextOpenAt) <= Date.now())) return undefined;
  return strings.away(hours.nextOpenAt ? backAt(hours.nextOpenAt, locale, strings) : undefined);
}

/** "today at 13:00", "Monday 09:00", or with the date when it is a week or more away, in the visitor's locale. */
export function backAt(iso: string, locale: string, strings: Strings, now: Date = new Date()): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return strings.today(time);
  const withinWeek = at.getTime() - now.getTime() < 6 * 86_400_000;
  return at.toLocaleString(locale, {
    weekday: 'long',
    ...(withinWeek ? {} : { month: 'short', day: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  });
}
