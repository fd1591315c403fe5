import { sql } from 'drizzle-orm';

/** `in ('a', 'b')` for a CHECK constraint, from the contract's list (the list holds literals only). */
export function oneOf(values: readonly string[]) {
  return sql.raw(`(${values.map((value) => `'${value}'`).join(', ')})`);
}
