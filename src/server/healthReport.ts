import type { PathMappingSuggestionInfo, SourceHealthInfo } from '../protocol';
import type { PlacementStats } from '../core/analysis/analyzer';
import { codeSpan } from '../core/text/codeSpan';
import { escapeMarkdown, sanitisePlainText } from '../core/text/escapeMarkdown';
import { safeOrigin } from '../sources/http/credentials';

export interface FolderHealth {
  folder: string;
  sources: SourceHealthInfo[];
  placement: ReadonlyMap<string, PlacementStats> | undefined;
  /** Path mappings that would place the frames that matched no single file. */
  suggestions?: PathMappingSuggestionInfo[];
}

/** A Markdown report a user can read or paste into an issue: per source, what was fetched and what became of it. */
export function renderHealthReport(folders: FolderHealth[], now: number): string {
  const out: string[] = ['# OpsLens health', '', `Generated ${new Date(now).toISOString()}`];
  if (folders.length === 0) out.push('', 'No workspace folder is open.');
  for (const folder of folders) {
    out.push('', `## ${verbatim(folder.folder)}`);
    if (folder.sources.length === 0) out.push('', 'No sources configured: add `sources:` to `.opslens.yaml` ("OpsLens: Open Configuration").');
    for (const s of folder.sources) {
      out.push('', `### ${verbatim(s.name)} (${verbatim(s.type)}): ${s.state}`);
      if (s.lastSuccess) out.push(`- last success: ${new Date(s.lastSuccess).toISOString()}${s.latencyMs !== undefined ? ` in ${s.latencyMs} ms` : ''}`);
      if (s.lastError) out.push(`- last error: ${new Date(s.lastError.at).toISOString()}: ${escapeMarkdown(s.lastError.reason, 500)}`);
      out.push(`- events fetched: ${s.eventsFetched}${s.skipped ? `, unreadable records skipped: ${s.skipped}` : ''}`);
      out.push(...sourceStatusLines(s));
      const p = folder.placement?.get(s.name);
      if (p) {
        out.push(`- placed on workspace lines: ${p.placed} of ${p.received}`);
        if (p.unplaced.noLocation) out.push(`- ${p.unplaced.noLocation} record(s) carry neither a stack trace nor a code location, and match no logging statement`);
        if (p.unplaced.ambiguousStatement) out.push(`- ${p.unplaced.ambiguousStatement} log line(s) fit several logging statements equally well`);
        if (p.unplaced.unparsedStack) out.push(`- ${p.unplaced.unparsedStack} stack trace(s) in a format OpsLens could not parse`);
        if (p.unplaced.noInAppFrame) out.push(`- ${p.unplaced.noInAppFrame} event(s) had no frame that matched a workspace file`);
        const top = [...p.unmatchedPaths.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
        for (const [path, n] of top) out.push(`  - ${n}× ${codeSpan(path)} matched no file`);
        const ambiguous = [...p.ambiguousPaths.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
        for (const [path, n] of ambiguous) out.push(`  - ${n}× ${codeSpan(path)} matched several files: add a pathMapping to choose`);
      }
    }
    out.push(...suggestionLines(folder.suggestions ?? []));
  }
  return out.join('\n');
}

/** "312 frames under /srv/app/ matched no single file: add a pathMapping from /srv/app/ to services/orders/". */
function suggestionLines(suggestions: readonly PathMappingSuggestionInfo[]): string[] {
  if (suggestions.length === 0) return [];
  const out = ['', '### Suggested path mappings', ''];
  for (const s of suggestions) {
    out.push(`- ${s.frames} frame(s) under ${codeSpan(s.from)} matched no single file: add a pathMapping from ${codeSpan(s.from)} to ${codeSpan(s.to || './')} (service ${escapeMarkdown(s.service, 100)})`);
  }
  out.push('', 'Run "OpsLens: Add Suggested Path Mapping…" to write it into `.opslens.yaml`.');
  return out;
}

/** Where a source talks to, whether what is shown is stale, when it is tried again, and any notice. */
function sourceStatusLines(s: SourceHealthInfo): string[] {
  const lines: string[] = [];
  if (s.origin) lines.push(`- backend: ${safeOrigin(s.origin) === s.origin ? s.origin : codeSpan(s.origin, 300)}`);
  if (s.incidents !== undefined) lines.push(`- open incidents: ${s.incidents}`);
  if (s.stale) {
    const retry = s.nextRetryAt ? `; next attempt ${new Date(s.nextRetryAt).toISOString()}` : '';
    lines.push(`- showing the last good data after ${s.consecutiveFailures ?? 1} failed poll(s)${retry}`);
  }
  // Notices quote the workspace's config (project slugs, URLs) and backend text.
  if (s.notice) lines.push(`- note: ${escapeMarkdown(s.notice, 1000)}`);
  return lines;
}

/**
 * A source's health for the Sources view and the status bar, which show text as it is: the
 * name comes from the workspace's config, notices and reasons may quote it or a backend.
 */
export function plainSourceHealth(info: SourceHealthInfo): SourceHealthInfo {
  const plain: SourceHealthInfo = { ...info, name: sanitisePlainText(info.name, 200) };
  if (info.notice !== undefined) plain.notice = sanitisePlainText(info.notice, 1000);
  if (info.lastError) plain.lastError = { at: info.lastError.at, reason: sanitisePlainText(info.lastError.reason, 1000) };
  return plain;
}

/** Names from the workspace (folders, source names) as they are when no link, tag or code span can be made of their characters, else in a code span. */
function verbatim(text: string): string {
  return INERT_NAME.test(text) ? text : codeSpan(text, 300);
}

const INERT_NAME = /^[A-Za-z0-9 ._/\\:-]{1,300}$/;
