import path from 'node:path';
import type { Group } from '../aggregate/groups';
import { groupTitle } from '../annotations';
import type { SourceConfig } from '../config/opslensConfig';
import { LEVELS, type Incident } from '../events';
import { isOpen } from '../report/incidentAnnotations';
import { runbookRef, type Runbook } from '../runbooks/runbook';
import type { ServiceContext } from '../services/serviceContext';
import type { IncidentsInput, LogLinesInput, ProductionErrorsInput } from './agentTools';
import type { AgentAnswer } from './untrustedPayload';

/**
 * What the tools read, from either side: the CLI's one-shot analysis (`opslens mcp`)
 * or a language-server folder session (VS Code's language model tools).
 */
export interface WorkspaceFacts {
  root: string;
  /** Groups with their owning service filled in. */
  groups(): readonly Group[];
  incidents(): readonly Incident[];
  services(): ServiceContext | undefined;
  sources(): readonly SourceConfig[];
  windowMs(): number;
}

/** 1-based inclusive lines of a named function, or undefined when the file has none by that name. */
export type SymbolLines = (file: string, symbol: string) => Promise<{ startLine: number; endLine: number } | undefined>;

/** A tool input the facts cannot answer: said back to the agent as a tool error. */
export class AgentInputError extends Error {}

const MAX_TEXT = 2000;
const MAX_STACK = 8000;
const MAX_GROUPS = 20;

/** `opslens_production_errors`: error groups of a file, narrowed to a function or a line. */
export async function productionErrors(facts: WorkspaceFacts, input: ProductionErrorsInput, symbolLines: SymbolLines): Promise<AgentAnswer> {
  const file = workspaceFile(facts.root, input.file);
  let lines: { startLine: number; endLine: number } | undefined = input.line === undefined ? undefined : { startLine: input.line, endLine: input.line };
  let where = input.line === undefined ? file : `${file}:${input.line}`;
  if (input.symbol !== undefined) {
    lines = await symbolLines(file, input.symbol);
    if (!lines) throw new AgentInputError(`no function named "${clip(input.symbol, 100)}" in ${file}`);
    where = `${input.symbol} (${file}:${lines.startLine}-${lines.endLine})`;
  }
  const inRange = (g: Group): boolean => !lines || (g.location.line >= lines.startLine && g.location.line <= lines.endLine);
  const groups = byCount(facts.groups().filter((g) => g.kind === 'error' && g.location.file === file && inRange(g)));
  const shown = groups.slice(0, MAX_GROUPS);
  return {
    summary: `${groups.length} production error group(s) raised in ${where} in the last ${windowText(facts.windowMs())}${groups.length > shown.length ? `, the ${shown.length} busiest shown` : ''}.`,
    sources: sourceLabels(facts, shown.map((g) => g.source)),
    data: shown.map((g) => errorData(g, facts.services())),
  };
}

/** `opslens_log_lines`: what the logging statement on a line wrote, or the file's statements that wrote anything. */
export function logLines(facts: WorkspaceFacts, input: LogLinesInput): AgentAnswer {
  const file = workspaceFile(facts.root, input.file);
  const statements = byCount(facts.groups().filter((g) => g.kind === 'log' && g.location.file === file));
  if (input.line === undefined || !statements.some((g) => g.location.line === input.line)) {
    const none = input.line === undefined ? '' : `No logging statement on ${file}:${input.line} wrote anything in the window. `;
    return {
      summary: `${none}${statements.length} logging statement(s) in ${file} wrote lines in the last ${windowText(facts.windowMs())}; ask again with one of their lines for samples.`,
      sources: sourceLabels(facts, statements.map((g) => g.source)),
      data: statements.slice(0, MAX_GROUPS).map((g) => ({ line: g.location.line, count: g.count, levels: levelCounts(g), message: clip(g.message, MAX_TEXT) })),
    };
  }
  const onLine = statements.filter((g) => g.location.line === input.line);
  return {
    summary: `the logging statement on ${file}:${input.line} wrote ${onLine.reduce((n, g) => n + g.count, 0)} line(s) in the last ${windowText(facts.windowMs())}; the latest samples follow.`,
    sources: sourceLabels(facts, onLine.map((g) => g.source)),
    data: onLine.map((g) => ({
      line: g.location.line,
      service: g.service ?? null,
      template: clip(g.message, MAX_TEXT),
      count: g.count,
      levels: levelCounts(g),
      firstSeen: iso(g.firstSeen),
      lastSeen: iso(g.lastSeen),
      samples: [...g.samples].sort((a, b) => b.timestamp - a.timestamp).map((s) => ({ at: iso(s.timestamp), level: s.level ?? null, message: clip(s.message, MAX_TEXT) })),
      link: g.link ?? null,
    })),
  };
}

/** `opslens_incidents`: open incidents (the file's or named service's, or all) with runbooks, and the service's runbooks. */
export function incidents(facts: WorkspaceFacts, input: IncidentsInput): AgentAnswer {
  const context = facts.services();
  const service = input.service ?? (input.file === undefined ? undefined : context?.catalog.serviceForFile(workspaceFile(facts.root, input.file))?.name);
  if (input.file !== undefined && service === undefined) throw new AgentInputError(`no service owns ${workspaceFile(facts.root, input.file)} (declare it in .opslens.yaml or a catalog-info.yaml)`);
  const open = facts.incidents().filter((i) => isOpen(i) && (service === undefined || i.service === service));
  const runbooks = service === undefined ? (context?.runbooks.all() ?? []) : (context?.runbooks.forService(service) ?? []);
  return {
    summary: `${open.length} incident(s) open now${service === undefined ? ' for all services' : ` for service "${clip(service, 100)}"`}, and ${runbooks.length} runbook(s).`,
    sources: sourceLabels(facts, open.map((i) => i.source)),
    data: {
      service: service ?? null,
      incidents: open.map((i) => ({
        title: clip(i.title, MAX_TEXT),
        description: i.description === undefined ? null : clip(i.description, MAX_TEXT),
        service: i.service ?? null,
        status: i.status,
        severity: i.severity ?? null,
        since: iso(i.startsAt),
        source: i.source,
        link: i.link ?? null,
        runbooks: (context?.runbooks.forIncident(i) ?? []).map(runbookRef),
      })),
      runbooks: runbooks.map(runbookRef),
    },
  };
}

function errorData(g: Group, context: ServiceContext | undefined) {
  return {
    line: g.location.line,
    service: g.service ?? null,
    title: clip(groupTitle(g), MAX_TEXT),
    count: g.count,
    firstSeen: iso(g.firstSeen),
    lastSeen: iso(g.lastSeen),
    releases: g.releases.map((r) => clip(r, 200)),
    codeChangedSince: g.changedSince ? (g.changedSinceRelease ?? true) : false,
    calledFrom: g.calledFrom.slice(0, 10).map((l) => `${l.file}:${l.line}`),
    causedBy: g.causedBy.map((c) => ({ type: clip(c.type, 200), message: clip(c.message, MAX_TEXT), at: c.location ? `${c.location.file}:${c.location.line}` : null })),
    stacktrace: g.stacktrace === undefined ? null : clip(g.stacktrace, MAX_STACK),
    link: g.link ?? null,
    runbooks: (context?.runbooks.forGroup(g) ?? []).map((r: Runbook) => runbookRef(r)),
  };
}

/**
 * The input's file as a workspace-relative `/` path. Absolute paths must lie inside the
 * workspace; nothing here reads the file, but an answer never names one outside it.
 */
export function workspaceFile(root: string, file: string): string {
  const given = file.replace(/\\/g, '/');
  const rel = path.isAbsolute(given) ? path.relative(root, given).split(path.sep).join('/') : path.posix.normalize(given).replace(/^\.\//, '');
  if (rel === '' || rel === '.' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) throw new AgentInputError(`"${clip(file, 200)}" is not a file inside the workspace ${root}`);
  return rel;
}

function sourceLabels(facts: WorkspaceFacts, names: readonly string[]): string[] {
  const types = new Map(facts.sources().map((s) => [s.name, s.type]));
  return [...new Set(names)].map((n) => `${n} (${types.get(n) ?? 'source'})`);
}

function levelCounts(g: Group): Record<string, number> {
  const out: Record<string, number> = {};
  for (const level of LEVELS) if (g.levelCounts[level]) out[level] = g.levelCounts[level];
  return out;
}

function byCount(groups: Group[]): Group[] {
  return groups.sort((a, b) => b.count - a.count || a.location.line - b.location.line);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function windowText(ms: number): string {
  return ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`;
}
