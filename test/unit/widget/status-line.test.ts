import { describe, expect, it, vi } from 'vitest';
import type { AgentHours } from '../../../src/contracts/payloads.js';
import { ConversationStatus, statusLine } from '../../../widget/src/status-line.js';
import { stringsFor } from '../../../widget/src/strings.js';

const en = stringsFor('en');

function recorder(hours: AgentHours | null = null) {
  const shown = { status: '', online: false, handoff: true, notes: [] as string[], typingCleared: 0, connections: 0 };
  const status = new ConversationStatus({
    strings: () => en,
    connectionNumber: () => shown.connections,
    setStatus: (text, online) => Object.assign(shown, { status: text, online }),
    setHandoffAvailable: (available) => (shown.handoff = available),
    clearAgentTyping: () => shown.typingCleared++,
    note: (text) => shown.notes.push(text),
    locale: () => 'en-GB',
  });
  status.setHours(hours);
  return { shown, status };
}

describe('statusLine', () => {
  it('says connecting, then reconnecting once a connection was had, refused, or the mode when online', () => {
    const base = { mode: 'bot', agent: undefined, queue: undefined } as const;
    expect(statusLine(en, { ...base, connection: 'connecting', reconnecting: false })).toEqual({
      text: 'Connecting…',
      online: false,
    });
    expect(statusLine(en, { ...base, connection: 'offline', reconnecting: true }).text).toBe('Connection lost, reconnecting…');
    expect(statusLine(en, { ...base, connection: 'refused', reconnecting: true }).text).toBe('Chat is unavailable on this page.');
    expect(statusLine(en, { ...base, connection: 'online', reconnecting: false, mode: 'human', agent: 'Lin' })).toEqual({
      text: "You're chatting with Lin",
      online: true,
    });
    expect(statusLine(en, { ...base, connection: 'online', reconnecting: false, mode: 'waiting', queue: 'Number 2.' }).text).toBe(
      'An agent will join shortly · Number 2.',
    );
  });
});

describe('ConversationStatus', () => {
  it('notes live mode changes (not the state found at a handshake) and offers the handoff only with the bot', () => {
    const { shown, status } = recorder();
    status.connectionChanged('online');
    status.setMode('waiting', false);
    expect(shown.notes).toEqual([]);
    expect(shown.handoff).toBe(false);
    status.queued('Number 1.');
    status.queued('Number 1 still.');
    expect(shown.status).toBe('An agent will join shortly · Number 1 still.');
    status.setMode('human', true, 'Lin');
    status.setMode('bot', true, undefined);
    status.setMode('resolved', true, undefined);
    status.setMode('bot', true, undefined);
    expect(shown.notes).toEqual([
      'Number 1.',
      'Lin joined the conversation',
      "You're back with our assistant",
      'This conversation has been resolved',
      "You're chatting with our assistant",
    ]);
    expect(shown.handoff).toBe(true);
    expect(shown.typingCleared).toBeGreaterThan(0);
  });

  it('says the team is away and when it is back while waiting out of hours, not "shortly" or the queue estimate', () => {
    const nextOpenAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const back = new Date(nextOpenAt).toLocaleString('en-GB', { weekday: 'long', hour: 'numeric', minute: '2-digit' });
    const away = `Our team is away right now and back ${back}.`;
    const { shown, status } = recorder({ open: false, nextOpenAt });
    status.connectionChanged('online');
    status.setMode('waiting', true);
    status.queued('Number 1 (about 3 min).');
    expect(shown.status).toBe(away);
    expect(shown.notes).toEqual([away, 'Number 1 (about 3 min).']);
    // With the bot or an agent the away text is not the header's business (the welcome notice says it).
    status.setMode('bot', false);
    expect(shown.status).toBe("You're chatting with our assistant");
  });

  it('stops saying the team is away at the moment it is back', () => {
    vi.useFakeTimers();
    try {
      const { shown, status } = recorder({ open: false, nextOpenAt: new Date(Date.now() + 60_000).toISOString() });
      status.connectionChanged('online');
      status.setMode('waiting', false);
      expect(shown.status).toMatch(/^Our team is away right now and back /);
      vi.advanceTimersByTime(60_000);
      expect(shown.status).toBe('An agent will join shortly');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says reconnecting when an online connection drops', () => {
    const { shown, status } = recorder();
    status.connectionChanged('online');
    expect(status.connectionChanged('offline')).toBe('online');
    expect(shown).toMatchObject({ status: 'Connection lost, reconnecting…', online: false });
  });
});
