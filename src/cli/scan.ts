import path from 'node:path';
import { Analyzer } from '../core/analysis/analyzer';
import { compareAnnotations, type Annotation } from '../core/annotations';
import type { ServiceConfig } from '../core/config/opslensConfig';
import type { Incident } from '../core/events';
import { changedLinesSince } from '../core/report/changedLines';
import { incidentAnnotations } from '../core/report/incidentAnnotations';
import { annotateGroups } from '../core/services/groupServices';
import { loadServiceContext } from '../core/services/serviceContext';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import { LineDrift } from '../core/lineDrift/lineDrift';
import type { LogStatementIndex } from '../core/logStatements/statementIndex';
import { openStatementIndex } from '../core/logStatements/workspaceStatements';
import { SourceMapStore } from '../core/sourceMaps/sourceMapStore';
import { buildFileIndex, loadConfig } from '../core/workspace/loadWorkspace';
import { EnvCredentialProvider } from '../sources/http/credentials';
import { SourceSet } from '../sources/sourceSet';
import type { SourceError } from '../sources/source';

export interface ScanOptions {
  dir: string;
  /** Overrides the config's window. */
  sinceMs?: number;
  configFile?: string;
  now?: number;
  /** Keep only annotations on lines the diff from this revision to the working tree touches. */
  changedSince?: string;
}

export interface ScanResult {
  annotations: Annotation[];
  failures: SourceError[];
  /** Problems that did not stop the scan: catalog or runbook files, incidents with no file to stand on. */
  warnings: string[];
}

/** Runs every configured source once over the window and returns what the editor would show. */
export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const root = path.resolve(options.dir);
  const loaded = await loadConfig(root, options.configFile);
  const now = options.now ?? Date.now();
  const index = await buildFileIndex(root);
  // Fail on a bad revision before contacting any backend.
  const changed = options.changedSince === undefined ? undefined : await changedLinesSince(root, options.changedSince);
  const services = await loadServiceContext(root, loaded.config, index.paths());
  // Catalog components join the configured services: their roots break path ties, their PagerDuty ids are polled.
  const config = { ...loaded.config, windowMs: options.sinceMs ?? loaded.config.windowMs, services: services.catalog.services() };
  const warnings = services.problems.map((p) => p.message);
  const sources = new SourceSet(config, { root, credentials: new EnvCredentialProvider() });
  try {
    const outcome = await sources.pollAll(config.windowMs, now);
    const analyzer = new Analyzer(config, index, () => now, new SourceMapStore(root));
    analyzer.useStatements(await statementIndex(root, config.services, warnings));
    analyzer.ingest(outcome.events);
    const lineDrift = await LineDrift.discover(root);
    if (lineDrift) await analyzer.applyLineDrift(lineDrift);
    const configFile = loaded.file ? relativeInside(root, loaded.file) : undefined;
    const incidents = incidentAnnotations(outcome.incidents, services, { exists: (p) => index.has(p), now, ...(configFile ? { configFile } : {}) });
    if (incidents.unplaced.length > 0) warnings.push(unplacedWarning(incidents.unplaced));
    const annotations = [...annotateGroups(analyzer.groups(), services), ...incidents.annotations]
      .filter((a) => !changed || changed.has(a.file, a.line))
      .sort(compareAnnotations);
    return { annotations, failures: [...sources.setupErrors, ...outcome.failures], warnings };
  } finally {
    sources.dispose();
  }
}

/** The workspace's logging statements, so log lines without a location land on the call that wrote them. */
async function statementIndex(root: string, services: readonly ServiceConfig[], warnings: string[]): Promise<LogStatementIndex | undefined> {
  try {
    return (await openStatementIndex(root, services)).index;
  } catch (error) {
    warnings.push(`logging statements not indexed: ${String(error)}`);
    return undefined;
  }
}

function unplacedWarning(incidents: Incident[]): string {
  const names = incidents.slice(0, 5).map((i) => `"${i.title}"${i.service ? ` (${i.service})` : ''}`);
  const more = incidents.length > 5 ? ` and ${incidents.length - 5} more` : '';
  return `${incidents.length} open incident(s) not shown: no runbook in the repository and no service declared here for ${names.join(', ')}${more}`;
}

/** The `/`-separated path of a file inside the folder, or undefined when it lies outside. */
function relativeInside(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join('/');
}

/** One line per annotation. Titles and service names come from production: escape sequences and newlines are neutralised before they reach a terminal. */
export function formatText(annotations: Annotation[]): string {
  return annotations.map(textLine).join('\n');
}

function textLine(a: Annotation): string {
  const what = a.kind === 'incident' ? `incident firing since ${a.firstSeen}` : `${a.kind} ${a.count}×`;
  const service = a.service ? ` [${a.service}]` : '';
  const changed = a.changedSince ? ' (code changed since)' : '';
  const runbook = a.runbooks[0] ? ` · runbook: ${a.runbooks[0].url}` : '';
  return sanitisePlainText(`${a.file}:${a.line}: ${what} ${a.title}${service}${changed}${runbook}`, 2000);
}
