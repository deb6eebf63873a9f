import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { parseDuration } from '../duration';

/** `.opslens.yaml`, as documented in DESIGN.md section 3. */
export interface OpsLensConfig {
  services: ServiceConfig[];
  sources: SourceConfig[];
  /** Time window in milliseconds (default 24h). */
  windowMs: number;
}

export interface PathMapping {
  from: string;
  to: string;
}

export interface RunbookConfig {
  title: string;
  url: string;
  match?: { alert?: string; error?: string };
}

export interface ServiceConfig {
  name: string;
  /** Workspace-relative folder of the service ('' for the whole workspace). */
  root: string;
  pathMappings: PathMapping[];
  runbooks: RunbookConfig[];
  pagerduty?: string;
}

/** A source entry: `type`, optional `name`, and type-specific options kept as given. */
export interface SourceConfig {
  type: string;
  name: string;
  [option: string]: unknown;
}

export const DEFAULT_WINDOW_MS = 24 * 3_600_000;

/** A problem in a config file, with the 1-based line and column where it is. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}:${column}: ${problem}`);
    this.name = 'ConfigError';
  }
}

const SOURCE_TYPES = ['file', 'sentry', 'loki', 'elasticsearch', 'opensearch', 'alertmanager', 'pagerduty'];

/** Parses and validates `.opslens.yaml` text; throws ConfigError naming the line of the first problem. */
export function parseOpsLensConfig(text: string, file = '.opslens.yaml'): OpsLensConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (node: Node | null | undefined, problem: string): ConfigError => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return new ConfigError(file, pos.line, pos.col, problem);
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    throw new ConfigError(file, pos.line, pos.col, firstError.message.split('\n')[0] ?? 'invalid YAML');
  }
  if (doc.contents === null) return { services: [], sources: [], windowMs: DEFAULT_WINDOW_MS };
  if (!isMap(doc.contents)) throw at(doc.contents, 'the top level must be a mapping with services, sources and window');

  const services: ServiceConfig[] = [];
  const servicesNode = doc.contents.get('services', true) as Node | undefined;
  if (servicesNode !== undefined && servicesNode !== null) {
    if (!isSeq(servicesNode)) throw at(servicesNode, '`services` must be a list');
    for (const item of servicesNode.items) services.push(readService(item as Node, at));
  }

  const sources: SourceConfig[] = [];
  const sourcesNode = doc.contents.get('sources', true) as Node | undefined;
  if (sourcesNode !== undefined && sourcesNode !== null) {
    if (!isSeq(sourcesNode)) throw at(sourcesNode, '`sources` must be a list');
    const names = new Set<string>();
    for (const item of sourcesNode.items) {
      const source = readSource(item as Node, at);
      if (names.has(source.name)) throw at(item as Node, `two sources are named "${source.name}": give one a distinct \`name:\``);
      names.add(source.name);
      sources.push(source);
    }
  }

  let windowMs = DEFAULT_WINDOW_MS;
  const windowNode = doc.contents.get('window', true) as Node | undefined;
  if (windowNode !== undefined && windowNode !== null) {
    const parsed = parseDuration(String(windowNode.toJSON()));
    if (parsed === undefined || parsed <= 0) throw at(windowNode, '`window` must be a duration such as 24h or 7d');
    windowMs = parsed;
  }
  return { services, sources, windowMs };
}

type At = (node: Node | null | undefined, problem: string) => ConfigError;

function readService(node: Node, at: At): ServiceConfig {
  if (!isMap(node)) throw at(node, 'each service must be a mapping with at least `name`');
  const value = node.toJSON() as Record<string, unknown>;
  if (typeof value.name !== 'string' || value.name.trim() === '') throw at(node, 'a service needs a `name` (its service.name in telemetry)');
  const service: ServiceConfig = {
    name: value.name,
    root: normaliseFolder(typeof value.root === 'string' ? value.root : ''),
    pathMappings: [],
    runbooks: [],
  };
  if (value.pathMappings !== undefined) {
    const list = node.get('pathMappings', true) as Node;
    if (!Array.isArray(value.pathMappings)) throw at(list, '`pathMappings` must be a list of { from, to }');
    for (const m of value.pathMappings as unknown[]) {
      const mapping = m as Record<string, unknown>;
      if (typeof mapping?.from !== 'string' || typeof mapping?.to !== 'string') throw at(list, 'each path mapping needs string `from` and `to`');
      service.pathMappings.push({ from: mapping.from, to: mapping.to });
    }
  }
  if (value.runbooks !== undefined) {
    const list = node.get('runbooks', true) as Node;
    if (!Array.isArray(value.runbooks)) throw at(list, '`runbooks` must be a list of { title, url, match }');
    for (const r of value.runbooks as unknown[]) {
      const runbook = r as Record<string, unknown>;
      if (typeof runbook?.url !== 'string') throw at(list, 'each runbook needs a `url` (a repo path or an https URL)');
      const entry: RunbookConfig = { title: typeof runbook.title === 'string' ? runbook.title : runbook.url, url: runbook.url };
      const match = runbook.match as Record<string, unknown> | undefined;
      if (match && typeof match === 'object') {
        entry.match = {};
        if (typeof match.alert === 'string') entry.match.alert = match.alert;
        if (typeof match.error === 'string') entry.match.error = match.error;
      }
      service.runbooks.push(entry);
    }
  }
  if (typeof value.pagerduty === 'string') service.pagerduty = value.pagerduty;
  return service;
}

function readSource(node: Node, at: At): SourceConfig {
  if (!isMap(node)) throw at(node, 'each source must be a mapping with at least `type`');
  const value = node.toJSON() as Record<string, unknown>;
  if (typeof value.type !== 'string' || !SOURCE_TYPES.includes(value.type)) {
    throw at(node, `a source needs a \`type\`: one of ${SOURCE_TYPES.join(', ')}`);
  }
  const name = typeof value.name === 'string' && value.name !== '' ? value.name : value.type;
  if (value.type === 'file' && typeof value.path !== 'string') throw at(node, 'a `file` source needs a `path` (a glob relative to the workspace)');
  for (const secretKey of ['token', 'password', 'apiKey', 'api_key']) {
    if (secretKey in value) throw at(node, `\`${secretKey}\` does not belong in .opslens.yaml: use "OpsLens: Set Credential…" or OPSLENS_${name.toUpperCase()}_TOKEN`);
  }
  return { ...value, type: value.type, name };
}

function normaliseFolder(folder: string): string {
  let f = folder.replace(/\\/g, '/');
  while (f.startsWith('./')) f = f.slice(2);
  while (f.endsWith('/')) f = f.slice(0, -1);
  return f === '.' ? '' : f;
}
