/** Postgres `unique_violation`. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = (error as { code?: string; constraint?: string; cause?: unknown }) ?? {};
  if (pgError.code === '23505') return constraint === undefined || pgError.constraint === constraint;
  // drizzle wraps driver errors; the pg error is the cause.
  return pgError.cause !== undefined && isUniqueViolation(pgError.cause, constraint);
}
