import { describe, expect, it } from 'vitest';
import { toAppError } from '../../../src/errors/error-mapping.js';
import { isDependencyDown } from '../../../src/errors/unavailable.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('a dependency that is down', () => {
  it('is recognised from network codes, SQLSTATEs, driver messages, causes and aggregate errors', () => {
    expect(isDependencyDown(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isDependencyDown(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isDependencyDown(withCode('connection failure', '08006'))).toBe(true);
    expect(isDependencyDown(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyDown(new Error('query failed', { cause: withCode('reset', 'ECONNRESET') }))).toBe(true);
    expect(isDependencyDown(new AggregateError([withCode('refused', 'ECONNREFUSED')]))).toBe(true);
  });

  it('is not a wrong request or a bug', () => {
    expect(isDependencyDown(withCode('duplicate key', '23505'))).toBe(false);
    expect(isDependencyDown(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyDown('ECONNREFUSED')).toBe(false);
  });

  it('maps to UNAVAILABLE with a retry hint, never INTERNAL', () => {
    const error = toAppError(withCode('connect ECONNREFUSED', 'ECONNREFUSED'));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.details.retryAfterMs).toBeGreaterThan(0);
  });
});
