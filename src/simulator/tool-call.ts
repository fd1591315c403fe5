import { randomBytes } from 'node:crypto';
import { SimulatorApiError } from './api-error.js';
import type { ChatRequest, ToolDefinition } from './chat-request-schema.js';
import { stripMarkers } from './sim-marker.js';
import { lastUserText } from './wire-message.js';

/** A tool call the simulator decided to make, with its arguments pre-split into streamed fragments. */
export interface PlannedToolCall {
  id: string;
  name: string;
  arguments: string;
  argumentFragments: string[];
}

const FRAGMENT_CHARS = 8;

interface JsonSchemaProperty {
  type?: string | string[];
  enum?: unknown[];
}

function sampleValue(property: JsonSchemaProperty, question: string): unknown {
  if (Array.isArray(property.enum) && property.enum.length > 0) return property.enum[0];
  const type = Array.isArray(property.type) ? property.type[0] : property.type;
  switch (type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return question.slice(0, 80);
  }
}

function argumentsFor(tool: ToolDefinition, question: string): string {
  const properties = (tool.function.parameters?.properties ?? {}) as Record<string, JsonSchemaProperty>;
  const args: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) args[key] = sampleValue(property, question);
  return JSON.stringify(args);
}

/**
 * Which tool to call: `tool=<name>` from the fault spec, else a `tool_choice` naming a function,
 * else none. A named tool missing from `tools` is a 400, so a test with a typo fails loudly.
 */
export function planToolCall(request: ChatRequest, toolDirective: string | undefined): PlannedToolCall | undefined {
  const tools = request.tools ?? [];
  if (tools.length === 0 || request.tool_choice === 'none') return undefined;
  const forced = typeof request.tool_choice === 'object' ? request.tool_choice?.function.name : undefined;
  const name = toolDirective ?? forced;
  if (name === undefined) return undefined;
  const tool = tools.find((candidate) => candidate.function.name === name);
  if (!tool) throw new SimulatorApiError(400, `simulator: tool "${name}" is not among the request's tools`);
  const args = argumentsFor(tool, stripMarkers(lastUserText(request.messages)));
  const argumentFragments: string[] = [];
  for (let i = 0; i < args.length; i += FRAGMENT_CHARS) argumentFragments.push(args.slice(i, i + FRAGMENT_CHARS));
  return { id: `call_${randomBytes(12).toString('hex')}`, name, arguments: args, argumentFragments };
}
