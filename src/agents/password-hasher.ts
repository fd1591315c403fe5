import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` (a const enum, which isolated modules cannot import by name). */
const ARGON2ID = 2;

/**
 * argon2id parameters: OWASP's first recommendation (19 MiB, 2 passes, 1 lane). The PHC string
 * stores them, so raising them later still verifies old hashes.
 */
export interface PasswordHasherOptions {
  /** KiB of memory per hash; default 19456 (19 MiB). */
  memoryCost?: number;
  /** Passes over memory; default 2. */
  timeCost?: number;
}

/** Longest password accepted: hashing cost must not be chosen by the caller. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Hashes and checks agent passwords with argon2id (`@node-rs/argon2`). */
export class PasswordHasher {
  private readonly options: { algorithm: number; memoryCost: number; timeCost: number; parallelism: number };
  private readonly dummyHash: Promise<string>;

  constructor(options: PasswordHasherOptions = {}) {
    this.options = {
      algorithm: ARGON2ID,
      memoryCost: options.memoryCost ?? 19_456,
      timeCost: options.timeCost ?? 2,
      parallelism: 1,
    };
    // Ready before the first unknown address arrives, so that answer costs one verification too.
    this.dummyHash = this.hash('switchboard-dummy-password');
  }

  /** A PHC string (`$argon2id$v=19$m=...,t=...,p=1$salt$hash`) with a fresh random salt. */
  hash(password: string): Promise<string> {
    return hash(password, this.options as Parameters<typeof hash>[1]);
  }

  /** True when `password` matches `storedHash`; false for a wrong password or a malformed hash. */
  async verify(storedHash: string, password: string): Promise<boolean> {
    if (password.length > MAX_PASSWORD_LENGTH) return false;
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same work as a real check and returns false. Used for unknown e-mail addresses, so a
   * login's timing does not tell whether an account exists.
   */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
