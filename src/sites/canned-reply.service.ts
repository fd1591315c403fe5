import type { CannedReplyView } from '../contracts/admin-api.js';
import type { CannedReplyRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { CannedReplyRepository } from './canned-reply.repository.js';

/** A site's canned replies; shortcuts are unique per site. */
export class CannedReplyService {
  constructor(private readonly replies: CannedReplyRepository) {}

  async list(siteId: string): Promise<CannedReplyView[]> {
    return (await this.replies.list(siteId)).map(toView);
  }

  async create(siteId: string, reply: { shortcut: string; text: string }): Promise<CannedReplyView> {
    const row = await this.replies.create(siteId, reply);
    if (!row) throw new AppError('CONFLICT', `The shortcut /${reply.shortcut} exists on this site.`);
    return toView(row);
  }

  async update(siteId: string, id: string, reply: { shortcut: string; text: string }): Promise<CannedReplyView> {
    const row = await this.replies.update(siteId, id, reply);
    if (row === null) throw new AppError('NOT_FOUND', 'No such canned reply.');
    if (!row) throw new AppError('CONFLICT', `The shortcut /${reply.shortcut} exists on this site.`);
    return toView(row);
  }

  async delete(siteId: string, id: string): Promise<void> {
    if (!(await this.replies.delete(siteId, id))) throw new AppError('NOT_FOUND', 'No such canned reply.');
  }
}

function toView(row: CannedReplyRow): CannedReplyView {
  return { id: row.id, siteId: row.siteId, shortcut: row.shortcut, text: row.text, updatedAt: row.updatedAt.toISOString() };
}
