import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pickVariant, stableFraction } from '../../../src/bot/variant-assignment.js';

const variants: [{ name: string }, { name: string }] = [{ name: 'a' }, { name: 'b' }];

describe('variant assignment', () => {
  it('derives the fraction from the id alone (the first 32 bits of its SHA-256), so every worker agrees', () => {
    // Known answers, from `printf <id> | sha256sum`: 7ac1b8d7... and 498fc07d...
    expect(stableFraction('00000000-0000-0000-0000-000000000001')).toBe(0x7ac1b8d7 / 2 ** 32);
    expect(stableFraction('3f2c1a9e-8b7d-4e6f-a5c4-b3d2e1f0a9b8')).toBe(0x498fc07d / 2 ** 32);
    // 0.4795... and 0.2873...: both below a 0.5 split, only the second below 0.3.
    expect(pickVariant({ variants, split: 0.5 }, '00000000-0000-0000-0000-000000000001').name).toBe('a');
    expect(pickVariant({ variants, split: 0.3 }, '00000000-0000-0000-0000-000000000001').name).toBe('b');
    expect(pickVariant({ variants, split: 0.3 }, '3f2c1a9e-8b7d-4e6f-a5c4-b3d2e1f0a9b8').name).toBe('a');
  });

  it('splits conversations by the configured share', () => {
    const ids = Array.from({ length: 4000 }, () => randomUUID());
    const share = (split: number) => ids.filter((id) => pickVariant({ variants, split }, id).name === 'a').length / ids.length;
    expect(share(0.5)).toBeGreaterThan(0.45);
    expect(share(0.5)).toBeLessThan(0.55);
    expect(share(0.1)).toBeLessThan(0.15);
    expect(share(0)).toBe(0);
    expect(share(1)).toBe(1);
  });
});
