import type { ConnectionStatus } from './chat-connection.js';
import type { ConversationMode } from './conversation-timeline.js';
import type { Strings } from './strings.js';

/** What the header's status line depends on. */
export interface StatusState {
  connection: ConnectionStatus;
  /** A connection was lost (or has been up before): "reconnecting", not "connecting". */
  reconnecting: boolean;
  mode: ConversationMode;
  /** The agent who owns the conversation, and the visitor's place in the queue. */
  agent: string | undefined;
  queue: string | undefined;
}

/** The header's line ("You're chatting with Lin", "Reconnecting…") and whether the dot is green. */
export function statusLine(strings: Strings, state: StatusState): { text: string; online: boolean } {
  if (state.connection === 'refused') return { text: strings.refused, online: false };
  if (state.connection !== 'online') {
    return { text: state.reconnecting ? strings.reconnecting : strings.connecting, online: false };
  }
  return { text: modeText(strings, state), online: true };
}

export function modeText(strings: Strings, { mode, agent, queue }: Pick<StatusState, 'mode' | 'agent' | 'queue'>): string {
  return {
    bot: strings.modeBot,
    waiting: queue ? `${strings.modeWaiting} · ${queue}` : strings.modeWaiting,
    human: agent ? strings.chattingWith(agent) : strings.modeHuman,
    resolved: strings.modeResolved,
  }[mode];
}
