import { describe, expect, it } from 'vitest';
import { runChaos } from '../../chaos/chaos-scenario.js';

/** The short form of `npm run chaos`: fewer visitors, the same faults. */
describe('chaos, short form', () => {
  it('loses nothing acknowledged through a worker kill, a gateway kill, a Redis restart and a Postgres outage', async () => {
    const report = await runChaos({
      visitors: 16,
      messagesPerVisitor: 20,
      thinkMs: 600,
      faultGapMs: 3000,
      postgresDownMs: 2000,
      timeoutMs: 90_000,
    });
    console.log(`[chaos] ${JSON.stringify(report)}`);
    expect(report.acked).toBeGreaterThan(0);
    expect(report.lost).toBe(0);
    expect(report.shown_twice).toBe(0);
    expect(report.stored).toBe(report.acked);
    expect(report.answered_once).toBe(report.acked);
  }, 150_000);
});
