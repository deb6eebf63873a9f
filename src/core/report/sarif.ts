import type { Annotation } from '../annotations';

/**
 * SARIF 2.1.0 output of `opslens scan --format sarif`, shaped for GitHub code
 * scanning (and any SARIF viewer): one run, one rule per annotation kind, one
 * result per annotation with a repository-relative location and a stable
 * partial fingerprint, so an alert follows its group when the line moves.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
const INFORMATION_URI = 'https://github.com/opslens/opslens';
const FINGERPRINT_KEY = 'opslensGroup/v1';
const MAX_MESSAGE = 1000;
/** GitHub code scanning rejects a run with more results than this. */
export const MAX_SARIF_RESULTS = 25_000;
const KIND_PRIORITY: Record<Annotation['kind'], number> = { error: 0, incident: 1, log: 2 };

type Level = 'error' | 'warning' | 'note';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: Level };
  properties: { tags: string[] };
}

/**
 * Levels: a production error is a `warning`, not an `error`. It is an observation
 * about running code, not a defect the analysis proved, and code-scanning gates
 * that fail a pull request on `error` would then block unrelated changes to a busy
 * line; `warning` still shows in the PR and the Security tab. Log activity and
 * incidents are context (`note`).
 */
const RULES: Record<Annotation['kind'], SarifRule> = {
  error: rule('opslens/production-error', 'ProductionError', 'warning', 'Error raised in production at this line',
    'An exception group whose crashing in-app frame resolves to this line was seen in production within the scanned window.'),
  log: rule('opslens/production-log', 'ProductionLogActivity', 'note', 'Log statement active in production',
    'Log lines written by the logging statement on this line were seen in production within the scanned window.'),
  incident: rule('opslens/firing-incident', 'FiringIncident', 'note', 'Incident firing for this code',
    'An alert or incident is firing now for the service this file belongs to, or for the runbook at this location.'),
};
const RULE_ORDER: Annotation['kind'][] = ['error', 'log', 'incident'];

export interface SarifOptions {
  toolVersion: string;
  /** Prefix that makes scan-relative paths repository-relative (the scanned folder inside the repo), `''` or ending in `/`. */
  pathPrefix?: string;
  /** Absolute file URI of the repository root, ending in `/`, for viewers that resolve `%SRCROOT%` themselves. */
  srcRootUri?: string;
  /** At most this many results (default MAX_SARIF_RESULTS): errors first, then incidents, then logs, busiest first. */
  maxResults?: number;
}

/** Builds the SARIF log; `JSON.stringify` it to print. */
export function buildSarif(annotations: readonly Annotation[], options: SarifOptions) {
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'OpsLens',
        semanticVersion: options.toolVersion,
        version: options.toolVersion,
        informationUri: INFORMATION_URI,
        rules: RULE_ORDER.map((kind) => RULES[kind]),
      },
    },
    columnKind: 'utf16CodeUnits',
  };
  const max = options.maxResults ?? MAX_SARIF_RESULTS;
  const kept = annotations.length > max ? mostImportant(annotations, max) : annotations;
  run.results = kept.map((a) => result(a, options.pathPrefix ?? ''));
  if (kept.length < annotations.length) {
    const text = `${annotations.length - kept.length} of ${annotations.length} annotations left out: code scanning takes at most ${max} results per run (errors, then incidents, then log statements were kept, busiest first).`;
    run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text } }] }];
  }
  if (options.srcRootUri) run.originalUriBaseIds = { [SRCROOT]: { uri: options.srcRootUri } };
  return { $schema: SARIF_SCHEMA, version: '2.1.0' as const, runs: [run] };
}

/** The `max` most important annotations, in their original order. */
function mostImportant(annotations: readonly Annotation[], max: number): Annotation[] {
  const ranked = annotations.map((a, i) => ({ a, i })).sort((x, y) => KIND_PRIORITY[x.a.kind] - KIND_PRIORITY[y.a.kind] || y.a.count - x.a.count || x.i - y.i);
  return ranked
    .slice(0, max)
    .sort((x, y) => x.i - y.i)
    .map((r) => r.a);
}

function result(a: Annotation, pathPrefix: string) {
  const rule = RULES[a.kind];
  const properties: Record<string, unknown> = {
    count: a.count,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    changedSince: a.changedSince,
  };
  if (a.service) properties.service = a.service;
  if (a.runbooks.length > 0) properties.runbooks = a.runbooks;
  return {
    ruleId: rule.id,
    ruleIndex: RULE_ORDER.indexOf(a.kind),
    level: rule.defaultConfiguration.level,
    message: { text: messageText(a) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodePath(pathPrefix + a.file), uriBaseId: SRCROOT },
          region: { startLine: Math.max(1, a.line) },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: a.fingerprint },
    properties,
  };
}

/** "132× TypeError: … in production [payments], last seen …" with the untrusted title made inert. */
export function messageText(a: Annotation): string {
  const what = a.kind === 'incident' ? 'Firing' : `${a.count}× in production`;
  const service = a.service ? ` [${a.service}]` : '';
  const changed = a.changedSince ? ' The code changed since: possibly fixed.' : '';
  const runbooks = a.runbooks.length > 0 ? ` Runbooks: ${a.runbooks.map((r) => `${r.title} <${r.url}>`).join(', ')}.` : '';
  const text = `${what}${service}: ${a.title} (first seen ${a.firstSeen}, last seen ${a.lastSeen}).${changed}${runbooks}`;
  return escapeSarifText(text);
}

/**
 * SARIF message text may embed links as `[text](id)`; `\[` and `\]` are literal
 * brackets (SARIF 2.1.0 §3.11.6). Log and exception text is attacker-controlled,
 * so brackets and backslashes are escaped, control characters replaced, and the
 * text clipped.
 */
export function escapeSarifText(text: string): string {
  const clipped = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
  let out = '';
  for (const ch of clipped) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === '[' || ch === ']') out += `\\${ch}`;
    else if (ch === '\n' || ch === '\r' || ch === '\t') out += ' ';
    else if (code < 32 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c) out += '\uFFFD';
    else out += ch;
  }
  return out;
}

/** A relative URI reference: each path segment percent-encoded (spaces, `#`, `%`, `?`). */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function rule(id: string, name: string, level: Level, short: string, full: string): SarifRule {
  return {
    id,
    name,
    shortDescription: { text: short },
    fullDescription: { text: full },
    help: { text: `${full} Run \`opslens scan\` locally, or open the file in VS Code with OpsLens, for the samples, sparkline and runbooks.` },
    defaultConfiguration: { level },
    properties: { tags: ['opslens', 'production'] },
  };
}
