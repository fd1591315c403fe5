import type { Database } from '../db/client.js';
import { filterAudit } from '../db/schema.js';

export interface FilterAuditEntry {
  siteId: string;
  conversationId: string | null;
  action: string;
  categories: string[];
}

/** A refused message leaves only this: which site and conversation, what action, which categories. Never the text. */
export class FilterAuditRepository {
  constructor(private readonly db: Database) {}

  async record(entry: FilterAuditEntry): Promise<void> {
    await this.db.insert(filterAudit).values(entry);
  }
}
