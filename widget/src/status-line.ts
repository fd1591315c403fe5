import type { ConnectionStatus } from './chat-connection.js';
import type { ConversationMode } from './conversation-timeline.js';
import type { HandoffUnavailable } from '../../src/contracts/handoff.js';
import type { AgentHours } from '../../src/contracts/payloads.js';
import type { Strings } from './strings.js';
import { awayText } from './welcome-view.js';

/** What the header's status line depends on. */
export interface StatusState {
  connection: ConnectionStatus;
  /** A connection was lost (or has been up before): "reconnecting", not "connecting". */
  reconnecting: boolean;
  mode: ConversationMode;
  /** The agent who owns the conversation, and the visitor's place in the queue. */
  agent: string | undefined;
  queue: string | undefined;
  /** Outside the site's business hours: "Our team is away right now and back Monday 09:00." */
  away?: string | undefined;
}

/** The header's line ("You're chatting with Lin", "Reconnecting…") and whether the dot is green. */
export function statusLine(strings: Strings, state: StatusState): { text: string; online: boolean } {
  if (state.connection === 'refused') return { text: strings.refused, online: false };
  if (state.connection !== 'online') {
    return { text: state.reconnecting ? strings.reconnecting : strings.connecting, online: false };
  }
  return { text: modeText(strings, state), online: true };
}

export function modeText(
  strings: Strings,
  { mode, agent, queue, away }: Pick<StatusState, 'mode' | 'agent' | 'queue' | 'away'>,
): string {
  return {
    bot: strings.modeBot,
    // Nobody joins before the team is back: say when, not "shortly" (a queue estimate means nothing then).
    waiting: away ?? (queue ? `${strings.modeWaiting} · ${queue}` : strings.modeWaiting),
    human: agent ? strings.chattingWith(agent) : strings.modeHuman,
    resolved: strings.modeResolved,
  }[mode];
}

/** What the conversation's status shows itself on. */
export interface StatusView {
  strings(): Strings;
  /** Handshakes so far: after the first, a lost connection says "reconnecting". */
  connectionNumber(): number;
  setStatus(text: string, online: boolean): void;
  setHandoffAvailable(available: boolean): void;
  clearAgentTyping(): void;
  note(text: string): void;
  /** BCP 47 locale of the times shown ("back Monday 09:00"). */
  locale(): string;
}

/**
 * Who answers and how the connection stands, and what that shows: the header's line, "Talk to a
 * person" only while the assistant answers, and a note when the mode changes ("Lin joined").
 */
export class ConversationStatus {
  mode: ConversationMode = 'bot';
  private connection: ConnectionStatus = 'connecting';
  private agent: string | undefined;
  private queue: string | undefined;
  private hours: AgentHours | null = null;
  private backTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly view: StatusView) {}

  /** The site's business hours (the session's, or a `handoff:unavailable` outside them). */
  setHours(hours: AgentHours | null): void {
    this.hours = hours;
    this.update();
    // The team is back at that instant: the header stops saying it is away without waiting for an event.
    clearTimeout(this.backTimer);
    const wait = hours?.nextOpenAt ? Date.parse(hours.nextOpenAt) - Date.now() : Infinity;
    if (wait > 0 && wait < 2 ** 31) this.backTimer = setTimeout(() => this.update(), wait);
  }

  /** "Our team is away right now and back Monday 09:00." while the agents are out of hours. */
  get away(): string | undefined {
    return awayText(this.hours, this.view.locale(), this.view.strings());
  }

  /** No agent can take it: the note to show, which leads to the e-mail form. */
  unavailable({ reason, nextOpenAt }: HandoffUnavailable): string {
    const strings = this.view.strings();
    if (reason !== 'outside_business_hours') return strings.noAgent;
    // The waiting note said already that the team is away and when: then only the address is asked for.
    const said = this.mode === 'waiting' && this.away !== undefined;
    // The hours may have closed since the handshake: the header says so from now on.
    this.setHours({ open: false, nextOpenAt: nextOpenAt ?? null });
    return `${said ? '' : (this.away ?? strings.away(undefined))}${strings.leaveEmail}`.trim();
  }

  /** The connection changed; returns the previous status. */
  connectionChanged(status: ConnectionStatus): ConnectionStatus {
    const previous = this.connection;
    this.connection = status;
    this.update(previous === 'online' && status !== 'online');
    return previous;
  }

  /** The place in the queue; the first one is also a note. */
  queued(text: string): void {
    if (!this.queue) this.view.note(text);
    this.queue = text;
    this.update();
  }

  /** `announce`: a live change (a note says so), not the state found at a handshake. */
  setMode(mode: ConversationMode, announce: boolean, agent: string | undefined = this.agent): void {
    const previous = this.mode;
    this.mode = mode;
    this.agent = agent;
    if (mode !== 'waiting') this.queue = undefined;
    if (mode !== 'human') this.view.clearAgentTyping();
    this.view.setHandoffAvailable(mode === 'bot');
    this.update();
    if (mode === previous || !announce) return;
    const strings = this.view.strings();
    // "Lin joined", "back to the assistant"; the place in the queue follows as its own notice.
    if (mode === 'human' && agent) this.view.note(strings.joined(agent));
    else if (mode === 'bot' && previous !== 'resolved') this.view.note(strings.backToBot);
    else this.view.note(modeText(strings, { mode, agent, queue: this.queue, away: this.away }));
  }

  update(lost = false): void {
    const { text, online } = statusLine(this.view.strings(), {
      connection: this.connection,
      reconnecting: lost || this.view.connectionNumber() > 0,
      mode: this.mode,
      agent: this.agent,
      queue: this.queue,
      away: this.away,
    });
    this.view.setStatus(text, online);
  }
}
