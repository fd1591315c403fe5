import type { ServerResponse } from 'node:http';
import type { CompletionPlan } from './completion-plan.js';
import type { FaultSpec } from './fault-spec.js';
import { KEEPALIVE_THRESHOLD_MS, waitWithBeats, type ResponseTiming } from './response-timing.js';
import type { ResponseEnding } from './stream-response.js';
import { WireChunks } from './wire-chunks.js';

/**
 * Answers a non-streaming request with a `chat.completion` after the time the tokens would have taken.
 * Like the real API, a long wait sends 200 early and then blank lines (JSON parsers skip the whitespace).
 * Faults: `blank-body` (blank lines, then the connection ends with no JSON), `reset-after` (socket
 * destroyed instead of the body), `cut-after` (half the JSON, then the end), `stall-ms` (added wait).
 */
export async function sendCompletion(
  res: ServerResponse,
  plan: CompletionPlan,
  fault: FaultSpec,
  timing: ResponseTiming,
  signal: AbortSignal,
): Promise<ResponseEnding> {
  const tokens = plan.reasoning.length + plan.content.length;
  const generationMs = timing.firstTokenDelayMs + (tokens * 1000) / timing.tokensPerSecond;
  const blankBodyMs = fault['blank-body'];

  if (blankBodyMs !== undefined) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const blank = () => void res.write('\n');
    if (!(await waitWithBeats(blankBodyMs, timing.keepaliveEveryMs, blank, signal))) return 'aborted';
    res.end();
    return 'faulted';
  }

  const waitMs = generationMs + timing.keepaliveMs + (fault['stall-after'] !== undefined ? (fault['stall-ms'] ?? 0) : 0);
  const sendsBlankLines = timing.keepaliveMs > 0 || waitMs > KEEPALIVE_THRESHOLD_MS;
  if (sendsBlankLines) res.writeHead(200, { 'Content-Type': 'application/json' });
  const blank = sendsBlankLines ? () => void res.write('\n') : undefined;
  if (!(await waitWithBeats(waitMs, timing.keepaliveEveryMs, blank, signal))) return 'aborted';

  if (fault['reset-after'] !== undefined) {
    res.socket?.destroy();
    return 'faulted';
  }
  const body = JSON.stringify(new WireChunks(plan).completion());
  if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'application/json' });
  if (fault['cut-after'] !== undefined) {
    res.end(body.slice(0, Math.floor(body.length / 2)));
    return 'faulted';
  }
  res.end(body);
  return 'completed';
}
