import { z } from 'zod';

const count = z.coerce.number().int().min(0);
const millis = z.coerce.number().int().min(0).max(600_000);

/** Every key a fault spec may carry; see docs/simulator.md for what each one does on the wire. */
const faultSpecSchema = z
  .object({
    status: z.coerce.number().pipe(z.union([400, 401, 402, 422, 429, 500, 503].map((s) => z.literal(s)))),
    'retry-after': z.coerce.number().min(0),
    message: z.string(),
    id: z.string().min(1),
    times: count,
    keepalive: millis,
    'keepalive-every': z.coerce.number().int().min(1).max(60_000),
    'cut-after': count,
    'reset-after': count,
    'stall-after': count,
    'stall-ms': millis,
    'blank-body': millis,
    confidence: z.coerce.number().gt(0).max(1),
    'invalid-json': count,
    tool: z.string().min(1),
    reply: z.string(),
    chunk: z.coerce.number().int().min(1),
  })
  .partial()
  .strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** Keys that make a request fail or misbehave; `times=` limits these, content directives always apply. */
export const FAILURE_KEYS = [
  'status',
  'retry-after',
  'message',
  'keepalive',
  'cut-after',
  'reset-after',
  'stall-after',
  'blank-body',
] as const satisfies ReadonlyArray<keyof FaultSpec>;

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

/**
 * Parses `key=value;key=value` (values URL-decoded). A bare key (`key`) means `key=` with an empty value.
 * Throws `FaultSpecError` naming the bad key, so a typo in a test fails loudly instead of being ignored.
 */
export function parseFaultSpec(raw: string): FaultSpec {
  const entries: Record<string, string> = {};
  for (const pair of raw.split(';')) {
    if (pair.trim() === '') continue;
    const separator = pair.indexOf('=');
    const key = (separator < 0 ? pair : pair.slice(0, separator)).trim();
    const value = separator < 0 ? '' : pair.slice(separator + 1);
    try {
      entries[key] = decodeURIComponent(value);
    } catch {
      throw new FaultSpecError(`simulator fault spec: bad URL encoding in "${key}"`);
    }
  }
  const parsed = faultSpecSchema.safeParse(entries);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // zod reports unknown keys with an empty path and the names in `keys`.
    const keys = issue?.path.length ? issue.path : ((issue as { keys?: string[] } | undefined)?.keys ?? [raw]);
    const where = `"${keys.join(', ')}"`;
    throw new FaultSpecError(`simulator fault spec "${raw}": ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Later specs override earlier ones key by key (whole-run option < header < message marker). */
export function mergeFaultSpecs(specs: readonly FaultSpec[]): FaultSpec {
  return Object.assign({}, ...specs) as FaultSpec;
}

export function hasFailure(spec: FaultSpec): boolean {
  return FAILURE_KEYS.some((key) => spec[key] !== undefined);
}

export function withoutFailures(spec: FaultSpec): FaultSpec {
  const rest: FaultSpec = { ...spec };
  for (const key of FAILURE_KEYS) delete rest[key];
  return rest;
}
