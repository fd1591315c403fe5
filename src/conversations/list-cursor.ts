import { z } from 'zod';
import { AppError } from '../errors/app-error.js';

const cursorSchema = z.object({ updatedAt: z.iso.datetime({ precision: 6 }), id: z.uuid() });

/** An opaque `nextCursor`: the keyset position (microsecond `updated_at`, id) of a page's last row. */
export function encodeListCursor(position: { updatedAt: string; id: string }): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor names; `BAD_REQUEST` for anything this service did not hand out. */
export function decodeListCursor(cursor: string): { updatedAt: string; id: string } {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('BAD_REQUEST', 'Invalid cursor.');
  }
}
