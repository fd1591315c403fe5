import type { Request, Response } from 'express';
import { authenticationError, bearerKey, SimulatorApiError, statusError } from './api-error.js';
import { validateChatRequest, type ChatRequest } from './chat-request-schema.js';
import { planCompletion } from './completion-plan.js';
import type { FaultCounter } from './fault-counter.js';
import { FaultSpecError, hasFailure, mergeFaultSpecs, parseFaultSpec, withoutFailures, type FaultSpec } from './fault-spec.js';
import { sendCompletion } from './json-response.js';
import type { PromptCache } from './prompt-cache.js';
import type { RecordedRequest, RequestRecorder } from './request-recorder.js';
import type { ResponseTiming } from './response-timing.js';
import { findMarkerSpecs } from './sim-marker.js';
import type { ResolvedSimulatorOptions } from './simulator-options.js';
import { streamCompletion, type ResponseEnding } from './stream-response.js';
import { lastUserText } from './wire-message.js';

/** The state a simulator instance shares across requests. */
export interface SimulatorState {
  options: ResolvedSimulatorOptions;
  recorder: RequestRecorder;
  counter: FaultCounter;
  promptCache: PromptCache;
}

export function sendApiError(res: Response, error: SimulatorApiError): void {
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  res.status(error.status).json(error.toEnvelope());
}

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new SimulatorApiError(422, 'Failed to deserialize the JSON body into the target type: missing body');
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new SimulatorApiError(400, `Failed to parse the request body as JSON: ${(error as Error).message}`);
  }
}

/** Whole-run option, then header, then the last user message's markers; later wins key by key. */
interface CollectedFault {
  spec: FaultSpec;
  /** The raw specs joined: the `times=` counter name when the spec has no `id=`. */
  raw: string;
}

function collectFault(req: Request, request: ChatRequest, runFault: string | undefined): CollectedFault {
  const header = req.headers['x-sim-fault'];
  const headerSpecs = Array.isArray(header) ? header : header ? [header] : [];
  const raws = [runFault ?? '', ...headerSpecs, ...findMarkerSpecs(lastUserText(request.messages))].filter(Boolean);
  try {
    return { spec: mergeFaultSpecs(raws.map(parseFaultSpec)), raw: raws.join(';') };
  } catch (error) {
    if (error instanceof FaultSpecError) throw new SimulatorApiError(400, error.message);
    throw error;
  }
}

/** Applies the `times=` budget and decides whether this answer must be invalid JSON. */
function effectiveFault(state: SimulatorState, request: ChatRequest, { spec, raw }: CollectedFault) {
  const counterKey = spec.id ?? raw;
  const { counter } = state;
  let fault = spec;
  if (spec.times !== undefined && hasFailure(spec) && !counter.takeWithin(`times:${counterKey}`, spec.times)) {
    fault = withoutFailures(spec);
  }
  const invalidJsonBudget = spec['invalid-json'];
  const invalidJson =
    request.response_format?.type === 'json_object' &&
    invalidJsonBudget !== undefined &&
    counter.takeWithin(`invalid-json:${counterKey}`, invalidJsonBudget);
  return { fault, invalidJson };
}

async function answer(
  state: SimulatorState,
  req: Request,
  res: Response,
  record: RecordedRequest,
  signal: AbortSignal,
): Promise<ResponseEnding> {
  const { options } = state;
  const presentedKey = bearerKey(req.headers.authorization);
  if (presentedKey !== options.apiKey) throw authenticationError(presentedKey);

  record.body = parseBody(req.body);
  state.recorder.changed();
  const request = validateChatRequest(record.body);
  const { fault, invalidJson } = effectiveFault(state, request, collectFault(req, request, options.fault));

  if (fault.status !== undefined) throw statusError(fault.status, fault.message, fault['retry-after']);
  if (fault['reset-after'] === 0) {
    res.socket?.destroy();
    return 'faulted';
  }
  const promptCount = state.promptCache.measure(request.messages);
  const plan = planCompletion({ request, fault, replyTokens: options.replyTokens, promptCount, invalidJson });
  const timing: ResponseTiming = {
    firstTokenDelayMs: options.firstTokenDelayMs,
    tokensPerSecond: options.tokensPerSecond,
    keepaliveMs: fault.keepalive ?? 0,
    keepaliveEveryMs: fault['keepalive-every'] ?? 1000,
  };
  record.status = 200;
  if (request.stream) {
    const includeUsage = request.stream_options?.include_usage !== false;
    return streamCompletion(res, plan, fault, timing, includeUsage, signal);
  }
  return sendCompletion(res, plan, fault, timing, signal);
}

/** `POST /chat/completions`: records the request, then answers, fails or misbehaves as its fault says. */
export function chatCompletionsRoute(state: SimulatorState) {
  return async (req: Request, res: Response): Promise<void> => {
    const record = res.locals.record as RecordedRequest;
    const aborter = new AbortController();
    res.on('close', () => aborter.abort());
    try {
      const ending = await answer(state, req, res, record, aborter.signal);
      if (ending === 'faulted') state.recorder.settle(record, 'error');
      state.options.logger?.debug({ requestId: record.id, ending }, 'simulator: response ended');
    } catch (error) {
      const known = error instanceof SimulatorApiError;
      if (!known) state.options.logger?.error({ err: error }, 'simulator: unexpected error');
      const apiError = known ? error : new SimulatorApiError(500, 'Internal Server Error', 'api_error');
      record.status = apiError.status;
      state.recorder.settle(record, 'error');
      if (!res.headersSent) sendApiError(res, apiError);
      else res.destroy();
    }
  };
}
