import type { AgentConversationSummary } from '../../src/contracts/agent-events.js';

/** The inbox's sections, top to bottom. */
export const SECTIONS = ['waiting', 'mine', 'others', 'bot', 'resolved'] as const;
export type SectionKey = (typeof SECTIONS)[number];

export interface InboxSection {
  key: SectionKey;
  items: AgentConversationSummary[];
}

export interface InboxFilter {
  siteId?: string | undefined;
  /** Conversations waiting for (or transferred to) this team. */
  teamId?: string | undefined;
  /** Matched case-insensitively against the preview, the conversation id, the site's name and the visitor's name and e-mail. */
  query?: string | undefined;
}

export function sectionOf(conversation: AgentConversationSummary, myId: string): SectionKey {
  switch (conversation.mode) {
    case 'waiting':
      return 'waiting';
    case 'human':
      return conversation.assignedAgent?.id === myId ? 'mine' : 'others';
    case 'bot':
      return 'bot';
    default:
      return 'resolved';
  }
}

/**
 * Groups the loaded conversations: waiting first (longest wait on top), then mine, colleagues',
 * the bot's live ones and resolved (newest activity first).
 */
export function groupInbox(
  conversations: readonly AgentConversationSummary[],
  myId: string,
  filter: InboxFilter = {},
  siteNames: ReadonlyMap<string, string> = new Map(),
): InboxSection[] {
  const query = filter.query?.trim().toLowerCase();
  const matches = (conversation: AgentConversationSummary) => {
    if (filter.siteId && conversation.siteId !== filter.siteId) return false;
    if (filter.teamId && conversation.assignedTeamId !== filter.teamId) return false;
    if (!query) return true;
    const haystack = [
      conversation.lastMessage?.text ?? '',
      conversation.id,
      siteNames.get(conversation.siteId) ?? '',
      conversation.visitor.name ?? '',
      conversation.visitor.email ?? '',
    ]
      .join('\n')
      .toLowerCase();
    return haystack.includes(query);
  };
  const sections = new Map<SectionKey, AgentConversationSummary[]>(SECTIONS.map((key) => [key, []]));
  for (const conversation of conversations)
    if (matches(conversation)) sections.get(sectionOf(conversation, myId))!.push(conversation);
  const newest = (a: AgentConversationSummary, b: AgentConversationSummary) => b.updatedAt.localeCompare(a.updatedAt);
  for (const [key, items] of sections) {
    items.sort(
      key === 'waiting' ? (a, b) => (a.waitingSince ?? a.updatedAt).localeCompare(b.waitingSince ?? b.updatedAt) : newest,
    );
  }
  return SECTIONS.map((key) => ({ key, items: sections.get(key)! }));
}

/** The conversations in the order the inbox shows them (what j/k walk through). */
export function inboxOrder(sections: readonly InboxSection[]): AgentConversationSummary[] {
  return sections.flatMap((section) => section.items);
}

/**
 * Fills a canned reply's `{{variables}}`; an unknown or missing value becomes empty, so no
 * placeholder ever reaches a customer.
 */
export function fillVariables(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_whole, name: string) => values[name] ?? '');
}
