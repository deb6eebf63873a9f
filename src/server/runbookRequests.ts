import type { Group } from '../core/aggregate/groups';
import type { Incident } from '../core/events';
import { isOpen } from '../core/report/incidentAnnotations';
import { isRepoPath, type Runbook } from '../core/runbooks/runbook';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import type { IncidentInfo, RunbookInfo } from '../protocol';
import type { WorkspaceSession } from './workspaceSession';

/** Files whose edits change services or runbooks: the server asks the client to watch them. */
export const SERVICE_FILE_GLOBS = ['**/catalog-info.{yaml,yml}', '**/docs/runbooks/*.md'];

/** The session and folder-relative path of the file a request names, when it has one. */
export type FileContext = { session: WorkspaceSession; rel: string } | undefined;

/** Absolute file URI of a folder-relative path. */
export type FileUri = (session: WorkspaceSession, rel: string) => string;

/**
 * `opslens/runbooks`: the runbooks matching the named error group first (reason
 * `error`), then those of the given file's service (`service`), then those of open
 * incidents (`incident`), then every other one (`other`), each listed once.
 */
export function listRunbooks(sessions: readonly WorkspaceSession[], file: FileContext, fileUri: FileUri, fingerprint?: string): RunbookInfo[] {
  const out: RunbookInfo[] = [];
  const seen = new Set<string>();
  const push = (session: WorkspaceSession, runbook: Runbook, reason: RunbookInfo['reason'], service: string | undefined): void => {
    const info = runbookInfo(session, runbook, reason, service, fileUri);
    if (seen.has(info.target)) return;
    seen.add(info.target);
    out.push(info);
  };
  const group = fingerprint === undefined ? undefined : findGroup(sessions, fingerprint);
  if (group) for (const r of group.session.serviceContext()?.runbooks.forGroup(group.group) ?? []) push(group.session, r, 'error', group.group.service);
  const fileService = file ? serviceOf(file) : undefined;
  if (file && fileService) for (const r of file.session.serviceContext()?.runbooks.forService(fileService) ?? []) push(file.session, r, 'service', fileService);
  for (const session of sessions) {
    const runbooks = session.serviceContext()?.runbooks;
    if (!runbooks) continue;
    for (const incident of openIncidents(session)) for (const r of runbooks.forIncident(incident)) push(session, r, 'incident', incident.service);
  }
  for (const session of sessions) for (const r of session.serviceContext()?.runbooks.all() ?? []) push(session, r, 'other', r.services[0]);
  return out;
}

/** `opslens/incidents`: open incidents of every folder, the given file's service first, each with its runbooks. */
export function listIncidents(sessions: readonly WorkspaceSession[], file: FileContext, fileUri: FileUri): IncidentInfo[] {
  const fileService = file ? serviceOf(file) : undefined;
  const out: IncidentInfo[] = [];
  const seen = new Set<string>();
  for (const session of sessions) {
    for (const incident of openIncidents(session)) {
      const key = `${incident.source}\u0000${incident.id}`;
      if (seen.has(key)) continue; // two folders polling the same backend
      seen.add(key);
      out.push(incidentInfo(session, incident, fileUri));
    }
  }
  // Stable: within each part the sources' own order (newest first) stays.
  const first = out.filter((i) => fileService !== undefined && i.service === fileService);
  return [...first, ...out.filter((i) => !first.includes(i))];
}

function incidentInfo(session: WorkspaceSession, incident: Incident, fileUri: FileUri): IncidentInfo {
  const runbooks = session.serviceContext()?.runbooks.forIncident(incident) ?? [];
  const info: IncidentInfo = {
    id: incident.id,
    source: sanitisePlainText(incident.source, 200),
    // Alert labels come from production like titles do: tree items and quick picks show them.
    service: plainOrNull(incident.service),
    title: sanitisePlainText(incident.title),
    status: incident.status,
    startsAt: incident.startsAt,
    runbooks: runbooks.map((r) => runbookInfo(session, r, 'incident', incident.service, fileUri)),
  };
  if (incident.link) info.link = incident.link;
  return info;
}

function runbookInfo(session: WorkspaceSession, runbook: Runbook, reason: RunbookInfo['reason'], service: string | undefined, fileUri: FileUri): RunbookInfo {
  return {
    title: sanitisePlainText(runbook.title),
    // RunbookIndex only keeps http(s) URLs and workspace-relative paths.
    target: isRepoPath(runbook.url) ? fileUri(session, runbook.url) : runbook.url,
    service: plainOrNull(service),
    reason,
  };
}

function plainOrNull(text: string | undefined): string | null {
  return text === undefined ? null : sanitisePlainText(text, 200);
}

function findGroup(sessions: readonly WorkspaceSession[], fingerprint: string): { session: WorkspaceSession; group: Group } | undefined {
  for (const session of sessions) {
    const group = session.groups().find((g) => g.fingerprint === fingerprint);
    if (group) return { session, group };
  }
  return undefined;
}

function serviceOf(file: NonNullable<FileContext>): string | undefined {
  return file.session.serviceContext()?.catalog.serviceForFile(file.rel)?.name;
}

function openIncidents(session: WorkspaceSession): Incident[] {
  return session.firingIncidents().filter(isOpen);
}
