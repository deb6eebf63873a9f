import { INCIDENTS_TOOL, LOG_LINES_TOOL, PRODUCTION_ERRORS_TOOL, type AgentToolName, type IncidentsInput, type LogLinesInput, type ProductionErrorsInput } from './agentTools';
import { AgentInputError } from './agentAnswers';

export type ToolCall =
  | { tool: typeof PRODUCTION_ERRORS_TOOL; input: ProductionErrorsInput }
  | { tool: typeof LOG_LINES_TOOL; input: LogLinesInput }
  | { tool: typeof INCIDENTS_TOOL; input: IncidentsInput };

/** Checks a tool call's arguments against its schema (the protocols deliver them unchecked). */
export function readToolCall(name: string, args: unknown): ToolCall {
  const raw = (args && typeof args === 'object' ? args : {}) as Record<string, unknown>;
  switch (name as AgentToolName) {
    case PRODUCTION_ERRORS_TOOL:
      return { tool: PRODUCTION_ERRORS_TOOL, input: withOptional({ file: requiredString(raw, 'file') }, { symbol: optionalString(raw, 'symbol'), line: optionalLine(raw) }) };
    case LOG_LINES_TOOL:
      return { tool: LOG_LINES_TOOL, input: withOptional({ file: requiredString(raw, 'file') }, { line: optionalLine(raw) }) };
    case INCIDENTS_TOOL:
      return { tool: INCIDENTS_TOOL, input: withOptional({}, { file: optionalString(raw, 'file'), service: optionalString(raw, 'service') }) };
    default:
      throw new AgentInputError(`unknown tool "${name.slice(0, 100)}"`);
  }
}

function requiredString(raw: Record<string, unknown>, key: string): string {
  const value = optionalString(raw, key);
  if (value === undefined) throw new AgentInputError(`"${key}" is required`);
  return value;
}

function optionalString(raw: Record<string, unknown>, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 4096) throw new AgentInputError(`"${key}" must be a string`);
  return value;
}

function optionalLine(raw: Record<string, unknown>): number | undefined {
  const value = raw.line;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new AgentInputError('"line" must be a 1-based line number');
  return value;
}

/** The required fields plus the optional ones that were given (no `undefined` members). */
function withOptional<T extends object, O extends Record<string, unknown>>(base: T, optional: O): T & Partial<O> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) out[key] = value;
  return out as T & Partial<O>;
}
