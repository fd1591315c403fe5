import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pickVariant, stableFraction } from '../../../src/bot/variant-assignment.js';

const variants: [{ name: string }, { name: string }] = [{ name: 'a' }, { name: 'b' }];

describe('variant assignment', () => {
  it('gives a conversation the same variant every time', () => {
    const id = randomUUID();
    expect(pickVariant({ variants, split: 0.5 }, id)).toEqual(pickVariant({ variants, split: 0.5 }, id));
    expect(stableFraction('00000000-0000-0000-0000-000000000001')).toBe(stableFraction('00000000-0000-0000-0000-000000000001'));
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
