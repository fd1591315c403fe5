import { describe, expect, it } from 'vitest';
import { fillVariables, groupInbox, inboxOrder } from '../../../console/src/inbox-model.js';
import type { AgentConversationSummary } from '../../../src/contracts/agent-events.js';

const ME = 'agent-me';

function summary(id: string, overrides: Partial<AgentConversationSummary> = {}): AgentConversationSummary {
  return {
    id,
    siteId: 'site-a',
    mode: 'bot',
    assignedAgent: null,
    assignedTeamId: null,
    visitor: { name: null, email: null },
    waitingSince: null,
    lastMessage: { seq: 1, role: 'customer', text: `text of ${id}`, createdAt: '2026-12-01T08:00:00.000Z' },
    updatedAt: '2026-12-01T08:00:00.000Z',
    ...overrides,
  };
}

describe('inbox model', () => {
  const conversations = [
    summary('bot-old', { updatedAt: '2026-12-01T08:00:00.000Z' }),
    summary('bot-new', { updatedAt: '2026-12-01T09:00:00.000Z' }),
    summary('wait-late', { mode: 'waiting', waitingSince: '2026-12-01T08:30:00.000Z' }),
    summary('wait-early', { mode: 'waiting', waitingSince: '2026-12-01T08:10:00.000Z' }),
    summary('mine', { mode: 'human', assignedAgent: { id: ME, name: 'Me' } }),
    summary('theirs', { mode: 'human', assignedAgent: { id: 'other', name: 'Lin' }, siteId: 'site-b' }),
    summary('done', { mode: 'resolved' }),
  ];

  it('puts waiting first (longest wait on top), then mine, colleagues, the bot (newest first), resolved', () => {
    const sections = groupInbox(conversations, ME);
    expect(sections.map((section) => [section.key, section.items.map((item) => item.id)])).toEqual([
      ['waiting', ['wait-early', 'wait-late']],
      ['mine', ['mine']],
      ['others', ['theirs']],
      ['bot', ['bot-new', 'bot-old']],
      ['resolved', ['done']],
    ]);
    expect(inboxOrder(sections).map((item) => item.id)).toEqual([
      'wait-early',
      'wait-late',
      'mine',
      'theirs',
      'bot-new',
      'bot-old',
      'done',
    ]);
  });

  it('filters by site and searches the text, the id and the site name, case-insensitively', () => {
    expect(inboxOrder(groupInbox(conversations, ME, { siteId: 'site-b' })).map((item) => item.id)).toEqual(['theirs']);
    expect(inboxOrder(groupInbox(conversations, ME, { query: 'TEXT OF BOT-N' })).map((item) => item.id)).toEqual(['bot-new']);
    const names = new Map([['site-b', 'Tea House']]);
    expect(inboxOrder(groupInbox(conversations, ME, { query: 'tea' }, names)).map((item) => item.id)).toEqual(['theirs']);
  });

  it('filters by team: only conversations waiting for (or transferred to) that team', () => {
    const withTeams = [
      summary('billing', { mode: 'waiting', waitingSince: '2026-12-01T08:10:00.000Z', assignedTeamId: 'team-billing' }),
      summary('sales', { mode: 'waiting', waitingSince: '2026-12-01T08:20:00.000Z', assignedTeamId: 'team-sales' }),
      summary('no-team', { mode: 'waiting', waitingSince: '2026-12-01T08:00:00.000Z' }),
    ];
    expect(inboxOrder(groupInbox(withTeams, ME, { teamId: 'team-billing' })).map((item) => item.id)).toEqual(['billing']);
    expect(inboxOrder(groupInbox(withTeams, ME, {})).map((item) => item.id)).toEqual(['no-team', 'billing', 'sales']);
  });

  it('fills canned-reply variables; unknown ones become empty', () => {
    expect(
      fillVariables('Hi {{visitor.name}}, I am {{ agent.name }}{{nope}}.', { 'visitor.name': 'Ana', 'agent.name': 'Lin' }),
    ).toBe('Hi Ana, I am Lin.');
    expect(fillVariables('Hello {{visitor.name}}!', {})).toBe('Hello !');
  });
});

describe('inbox search by visitor', () => {
  it("finds a conversation by the visitor's name or e-mail", () => {
    const named = summary('named', { visitor: { name: 'Ana Li', email: 'ana@example.com' } });
    const other = summary('other');
    expect(inboxOrder(groupInbox([named, other], ME, { query: 'ana li' })).map((item) => item.id)).toEqual(['named']);
    expect(inboxOrder(groupInbox([named, other], ME, { query: 'ANA@EXAMPLE' })).map((item) => item.id)).toEqual(['named']);
  });
});
