import { z } from 'zod';

/** Named schemas (`.meta({ id })`) come back as `$defs` + `$ref`; each operation carries them inline. */
function inlineDefs(node: unknown, defs: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineDefs(item, defs));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const ref = typeof record.$ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(record.$ref)?.[1] : undefined;
  if (ref !== undefined && defs[ref]) return inlineDefs(defs[ref], defs);
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, inlineDefs(value, defs)]));
}

/** The JSON Schema (2020-12, what OpenAPI 3.1 uses) of a zod schema, as a request (`input`) or an answer (`output`). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
  const { $schema: _schema, $defs, id: _id, ...rest } = generated;
  return inlineDefs(rest, ($defs ?? {}) as Record<string, unknown>) as Record<string, unknown>;
}
