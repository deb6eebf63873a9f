import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../config/opslensConfig';
import { baseName } from '../workspace/fileIndex';

/** What a runbook's Markdown says about itself (front matter, else its first heading). */
export interface RunbookMarkdown {
  title: string;
  alerts: string[];
  errors: string[];
  services: string[];
}

const FRONT_MATTER_FENCE = '---';

/**
 * Reads a `docs/runbooks/*.md` file: YAML front matter between `---` lines with
 * `title:`, `alerts:`, `errors:`, `services:` (a string or a list each; the singular
 * keys are accepted too). Without a title, the first `# ` heading or the file name.
 * Broken front matter gives a ConfigError naming the line; the runbook still counts by its title.
 */
export function parseRunbookMarkdown(text: string, file: string): { runbook: RunbookMarkdown; problem?: ConfigError } {
  const lines = splitLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const runbook: RunbookMarkdown = { title: '', alerts: [], errors: [], services: [] };
  let bodyStart = 0;
  let problem: ConfigError | undefined;
  if (lines[0]?.trimEnd() === FRONT_MATTER_FENCE) {
    const end = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === FRONT_MATTER_FENCE || line.trimEnd() === '...'));
    if (end < 0) {
      problem = new ConfigError(file, 1, 1, 'front matter starts with --- but has no closing --- line');
    } else {
      bodyStart = end + 1;
      problem = readFrontMatter(lines.slice(1, end).join('\n'), file, runbook);
    }
  }
  if (runbook.title === '') runbook.title = firstHeading(lines, bodyStart) ?? baseName(file).replace(/\.md$/i, '');
  return problem ? { runbook, problem } : { runbook };
}

function readFrontMatter(yamlText: string, file: string, into: RunbookMarkdown): ConfigError | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    // +1: the YAML starts on the line after the opening fence
    return new ConfigError(file, pos.line + 1, pos.col, error.message.split('\n')[0] ?? 'invalid YAML');
  }
  const value = doc.toJSON() as unknown;
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return new ConfigError(file, 2, 1, 'front matter must be a mapping (title, alerts, errors, services)');
  const fields = value as Record<string, unknown>;
  if (typeof fields.title === 'string') into.title = fields.title.trim();
  into.alerts = stringList(fields.alerts, fields.alert);
  into.errors = stringList(fields.errors, fields.error);
  into.services = stringList(fields.services, fields.service);
  return undefined;
}

function stringList(...values: unknown[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const items = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const item of items) if ((typeof item === 'string' && item.trim() !== '') || typeof item === 'number') out.push(String(item).trim());
  }
  return out;
}

function firstHeading(lines: string[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('# ')) return line.slice(2).trim() || undefined;
  }
  return undefined;
}

function splitLines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}
