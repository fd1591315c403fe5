import { runChaos } from './chaos-scenario.js';

/**
 * `npm run chaos`: the full run (200 visitors). Progress on stderr; the last line on stdout is the
 * JSON report. Exits 1 when anything acknowledged was lost, answered twice or shown twice.
 */
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const report = await runChaos({
  visitors: number('CHAOS_VISITORS', 200),
  messagesPerVisitor: number('CHAOS_MESSAGES', 20),
  thinkMs: number('CHAOS_THINK_MS', 2500),
  faultGapMs: number('CHAOS_FAULT_GAP_MS', 6000),
  postgresDownMs: number('CHAOS_POSTGRES_DOWN_MS', 3000),
  timeoutMs: number('CHAOS_TIMEOUT_MS', 180_000),
  log: (line) => console.error(`[chaos] ${line}`),
});
console.log(JSON.stringify(report));
const failed =
  report.lost > 0 || report.shown_twice > 0 || report.answered_once !== report.acked || report.stored !== report.acked;
process.exit(failed ? 1 : 0);
