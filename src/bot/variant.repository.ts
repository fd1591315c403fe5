import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { conversations } from '../db/schema.js';

export class VariantRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores `variant` on the conversation unless it already has one, and returns the one it has: two
   * workers racing on the first replies agree on the first writer's choice.
   */
  async assign(conversationId: string, variant: string): Promise<string | undefined> {
    const result = await this.db.execute<{ variant: string }>(sql`
      UPDATE ${conversations} SET variant = COALESCE(variant, ${variant})
       WHERE id = ${conversationId}
   RETURNING variant`);
    return result.rows[0]?.variant;
  }
}
