import type { ServerResponse } from 'node:http';
import type { CompletionPlan } from './completion-plan.js';
import type { FaultSpec } from './fault-spec.js';
import { KEEPALIVE_THRESHOLD_MS, pause, waitWithBeats, type ResponseTiming } from './response-timing.js';
import { WireChunks } from './wire-chunks.js';

/** How a response ended, from the simulator's side. */
export type ResponseEnding = 'completed' | 'faulted' | 'aborted';

interface StreamEvent {
  payload: object;
  /** Token-bearing events are paced and counted by `cut-after`, `reset-after` and `stall-after`. */
  isToken: boolean;
}

function streamEvents(plan: CompletionPlan, includeUsage: boolean): StreamEvent[] {
  const chunks = new WireChunks(plan);
  const events: StreamEvent[] = [{ payload: chunks.chunk(chunks.roleDelta()), isToken: false }];
  for (const piece of plan.reasoning) events.push({ payload: chunks.chunk(chunks.reasoningDelta(piece)), isToken: true });
  plan.content.forEach((piece, index) => {
    const logprob = plan.logprobs?.[index];
    const payload = chunks.chunk(chunks.contentDelta(piece), logprob ? { logprobs: [logprob] } : {});
    events.push({ payload, isToken: true });
  });
  if (plan.toolCall) {
    const { id, name, argumentFragments } = plan.toolCall;
    const opening = { index: 0, id, type: 'function', function: { name, arguments: '' } };
    events.push({ payload: chunks.chunk({ tool_calls: [opening] }), isToken: true });
    for (const fragment of argumentFragments) {
      const delta = { tool_calls: [{ index: 0, function: { arguments: fragment } }] };
      events.push({ payload: chunks.chunk(delta), isToken: true });
    }
  }
  const finish = { finishReason: plan.finishReason, ...(includeUsage ? { usage: plan.usage } : {}) };
  events.push({ payload: chunks.chunk({ content: '' }, finish), isToken: false });
  return events;
}

/**
 * Streams a planned completion as DeepSeek does (SSE `data:` lines, `: keep-alive` comments while
 * waiting, usage on the last chunk, `data: [DONE]`), applying the stream faults of `fault`.
 */
export async function streamCompletion(
  res: ServerResponse,
  plan: CompletionPlan,
  fault: FaultSpec,
  timing: ResponseTiming,
  includeUsage: boolean,
  signal: AbortSignal,
): Promise<ResponseEnding> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  res.flushHeaders();

  const waitMs = timing.firstTokenDelayMs + timing.keepaliveMs;
  const sendsKeepalives = timing.keepaliveMs > 0 || waitMs > KEEPALIVE_THRESHOLD_MS;
  const keepalive = sendsKeepalives ? () => void res.write(': keep-alive\n\n') : undefined;
  if (!(await waitWithBeats(waitMs, timing.keepaliveEveryMs, keepalive, signal))) return 'aborted';

  const intervalMs = 1000 / timing.tokensPerSecond;
  let scheduleStart = Date.now();
  let tokensSent = 0;
  for (const event of streamEvents(plan, includeUsage)) {
    if (signal.aborted) return 'aborted';
    if (event.isToken) {
      if (tokensSent === fault['cut-after']) {
        res.end();
        return 'faulted';
      }
      if (tokensSent === fault['reset-after']) {
        res.socket?.destroy();
        return 'faulted';
      }
      if (tokensSent === fault['stall-after']) {
        const stallMs = fault['stall-ms'] ?? 0;
        if (!(await pause(stallMs, signal))) return 'aborted';
        scheduleStart += stallMs;
      }
      const dueIn = scheduleStart + tokensSent * intervalMs - Date.now();
      // Tokens already due go out back to back, so very high rates are not capped by timer resolution.
      if (dueIn >= 1 && !(await pause(dueIn, signal))) return 'aborted';
      tokensSent++;
    }
    res.write(`data: ${JSON.stringify(event.payload)}\n\n`);
  }
  res.end('data: [DONE]\n\n');
  return 'completed';
}
