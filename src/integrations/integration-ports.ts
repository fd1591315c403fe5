/** Spends one request of a client's budget or throws `RATE_LIMITED` (the Redis limiter implements it). */
export interface ClientRateLimit {
  consume(clientRowId: string): Promise<void>;
}

export type IdempotencyClaim =
  { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'mismatch' } | { kind: 'in_progress' };

/** Where `Idempotency-Key` claims and first answers are kept (Redis in production). */
export interface IdempotencyStore {
  claim(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim>;
  complete(scope: string, key: string, fingerprint: string, status: number, body: unknown): Promise<void>;
  release(scope: string, key: string): Promise<void>;
}
