/** Network failures of a dependency: Postgres or Redis went away, refused, or did not answer in time. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATE: connection exceptions (class 08), the server shutting down (57P01-57P03), too many connections. */
const POSTGRES_DOWN = /^(08...|57P0[123]|53300)$/;
const DOWN_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Connection is closed',
  'Client has encountered a connection error',
];

/** True when `error` (or its cause) says Postgres or Redis is unreachable, not that the request was wrong. */
export function isDependencyDown(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_DOWN.test(code))) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  if (DOWN_MESSAGES.some((message) => error.message.includes(message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDependencyDown(inner, depth + 1))) return true;
  return isDependencyDown(error.cause, depth + 1);
}
