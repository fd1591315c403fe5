import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, PasswordHasher } from '../../../src/agents/password-hasher.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores argon2id PHC strings with their parameters and a fresh salt each time', async () => {
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain('correct horse battery');
  });

  it('accepts the password and refuses any other', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(await hasher.verify(stored, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(stored, 'correct horse batterY')).toBe(false);
    expect(await hasher.verify(stored, '')).toBe(false);
  });

  it('answers false, not an exception, for a malformed hash or an oversized password', async () => {
    expect(await hasher.verify('not-a-hash', 'whatever')).toBe(false);
    const stored = await hasher.hash('x'.repeat(MAX_PASSWORD_LENGTH + 1));
    expect(await hasher.verify(stored, 'x'.repeat(MAX_PASSWORD_LENGTH + 1))).toBe(false);
  });

  it('verifies old hashes after the parameters change', async () => {
    const stored = await new PasswordHasher({ memoryCost: 8192, timeCost: 1 }).hash('sesame-sesame');
    expect(await hasher.verify(stored, 'sesame-sesame')).toBe(true);
  });

  it('spends a real verification on unknown accounts and always says no', async () => {
    expect(await hasher.verifyDummy('switchboard-dummy-password')).toBe(false);
    expect(await hasher.verifyDummy('anything')).toBe(false);
  });
});
