import path from 'node:path';
import { compareAnnotations, type Annotation } from '../core/annotations';
import type { Incident } from '../core/events';
import { changedLinesSince, type ChangedLines } from '../core/report/changedLines';
import { incidentAnnotations } from '../core/report/incidentAnnotations';
import { annotateGroups } from '../core/services/groupServices';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import type { SourceError } from '../sources/source';
import { analyzeWorkspace, type AnalyzeOptions } from './analyzeWorkspace';

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
  let changed: ChangedLines | undefined;
  const analyzeOptions: AnalyzeOptions = { ...options };
  // Fail on a bad revision before contacting any backend.
  const revision = options.changedSince;
  if (revision !== undefined) analyzeOptions.beforePoll = async (root) => void (changed = await changedLinesSince(root, revision));
  const analysis = await analyzeWorkspace(analyzeOptions);
  const { root, index, services, now, warnings } = analysis;
  const configFile = analysis.configFile ? relativeInside(root, analysis.configFile) : undefined;
  const incidents = incidentAnnotations(analysis.incidents, services, { exists: (p) => index.has(p), now, ...(configFile ? { configFile } : {}) });
  if (incidents.unplaced.length > 0) warnings.push(unplacedWarning(incidents.unplaced));
  const annotations = [...annotateGroups(analysis.groups, services), ...incidents.annotations]
    .filter((a) => !changed || changed.has(a.file, a.line))
    .sort(compareAnnotations);
  return { annotations, failures: analysis.failures, warnings };
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
