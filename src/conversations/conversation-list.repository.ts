import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { ConversationMode, MessageRole } from '../contracts/enums.js';
import { agents, conversations, messages, visitors } from '../db/schema.js';

/** Longest text of the last message in a list row. */
export const PREVIEW_CHARS = 200;

export interface ConversationListQuery {
  siteIds: readonly string[];
  modes?: readonly ConversationMode[];
  /** Only conversations this agent owns. */
  assignedAgentId?: string;
  /** Only this visitor's conversations. */
  visitorId?: string;
  /** Only conversations with activity at or after this time. */
  updatedSince?: Date;
  /** Keyset position: strictly older than this `(updated_at, id)`. */
  after?: { updatedAt: string; id: string };
  limit: number;
}

export interface ConversationListRow {
  id: string;
  siteId: string;
  mode: ConversationMode;
  assignedAgentId: string | null;
  assignedAgentName: string | null;
  assignedTeamId: string | null;
  /** What the page called its visitor (`Switchboard.setUser`), for the inbox and its search. */
  visitorName: string | null;
  visitorEmail: string | null;
  waitingSince: Date | null;
  updatedAt: Date;
  /** `updated_at` to the microsecond (ISO 8601, UTC): a JS Date would lose the last digits and break the keyset. */
  cursorAt: string;
  lastMessage: { seq: number; role: MessageRole; text: string; createdAt: Date } | null;
}

function array(values: readonly string[], type: 'uuid' | 'text'): SQL {
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::${sql.raw(type)}[]`;
}

/** The agents' conversation list: newest activity first, keyset-paged, with the last message's preview. */
export class ConversationListRepository {
  constructor(private readonly db: Database) {}

  async list(query: ConversationListQuery): Promise<ConversationListRow[]> {
    if (query.siteIds.length === 0) return [];
    const where: SQL[] = [sql`c.site_id = ANY(${array(query.siteIds, 'uuid')})`];
    if (query.modes) where.push(sql`c.mode = ANY(${array(query.modes, 'text')})`);
    if (query.assignedAgentId) where.push(sql`c.assigned_agent_id = ${query.assignedAgentId}::uuid`);
    if (query.visitorId) where.push(sql`c.visitor_id = ${query.visitorId}::uuid`);
    if (query.updatedSince) where.push(sql`c.updated_at >= ${query.updatedSince.toISOString()}::timestamptz`);
    if (query.after) where.push(sql`(c.updated_at, c.id) < (${query.after.updatedAt}::timestamptz, ${query.after.id}::uuid)`);
    const result = await this.db.execute<{
      id: string;
      site_id: string;
      mode: ConversationMode;
      assigned_agent_id: string | null;
      assigned_agent_name: string | null;
      assigned_team_id: string | null;
      visitor_name: string | null;
      visitor_email: string | null;
      waiting_since: string | null;
      updated_at: string;
      cursor_at: string;
      seq: number | null;
      role: MessageRole | null;
      text: string | null;
      message_at: string | null;
    }>(sql`
      SELECT c.id, c.site_id, c.mode, c.assigned_agent_id, a.name AS assigned_agent_name, c.assigned_team_id,
             v.name AS visitor_name, v.email AS visitor_email, c.waiting_since, c.updated_at,
             to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
             m.seq, m.role, left(m.text, ${PREVIEW_CHARS}) AS text, m.created_at AS message_at
        FROM ${conversations} c
        LEFT JOIN ${agents} a ON a.id = c.assigned_agent_id
        JOIN ${visitors} v ON v.id = c.visitor_id
        LEFT JOIN LATERAL (SELECT seq, role, text, created_at FROM ${messages}
                            WHERE conversation_id = c.id ORDER BY seq DESC LIMIT 1) m ON true
       WHERE ${sql.join(where, sql` AND `)}
       ORDER BY c.updated_at DESC, c.id DESC
       LIMIT ${query.limit}`);
    // Raw statements hand timestamps back as strings.
    return result.rows.map((row) => ({
      id: row.id,
      siteId: row.site_id,
      mode: row.mode,
      assignedAgentId: row.assigned_agent_id,
      assignedAgentName: row.assigned_agent_name,
      assignedTeamId: row.assigned_team_id,
      visitorName: row.visitor_name,
      visitorEmail: row.visitor_email,
      waitingSince: row.waiting_since ? new Date(row.waiting_since) : null,
      updatedAt: new Date(row.updated_at),
      cursorAt: row.cursor_at,
      lastMessage:
        row.seq === null ? null : { seq: row.seq, role: row.role!, text: row.text!, createdAt: new Date(row.message_at!) },
    }));
  }
}
