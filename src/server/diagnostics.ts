import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { Group } from '../core/aggregate/groups';
import { groupTitle } from '../core/annotations';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import type { DiagnosticSeverityName, OpsLensSettings } from '../settings';

const SEVERITY: Record<DiagnosticSeverityName, DiagnosticSeverity> = {
  Error: DiagnosticSeverity.Error,
  Warning: DiagnosticSeverity.Warning,
  Information: DiagnosticSeverity.Information,
  Hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for the code actions (Open runbook, Show in sidebar). */
export interface OpsLensDiagnosticData {
  fingerprint: string;
}

/**
 * One diagnostic per line with production errors (the busiest group names it; the
 * others are counted), in the severity the settings ask for, with the fingerprint as
 * code linking to the backend and the other in-app frames as related information.
 */
export function buildDiagnostics(groups: readonly Group[], settings: OpsLensSettings, fileUri: (rel: string) => string): Diagnostic[] {
  if (!settings.diagnosticsEnabled) return [];
  const byLine = new Map<number, Group[]>();
  for (const g of groups) {
    if (g.kind !== 'error' || g.count < settings.minimumCount) continue;
    byLine.set(g.location.line, [...(byLine.get(g.location.line) ?? []), g]);
  }
  const out: Diagnostic[] = [];
  for (const [line, list] of byLine) {
    const top = list.reduce((a, b) => (b.count > a.count ? b : a));
    const others = list.length - 1;
    const data: OpsLensDiagnosticData = { fingerprint: top.fingerprint };
    const diagnostic: Diagnostic = {
      // The whole line, ending at the start of the next: clients that do not clamp an end past the line (Neovim 0.7) reject a huge character.
      range: { start: { line: line - 1, character: 0 }, end: { line, character: 0 } },
      severity: SEVERITY[settings.diagnosticsSeverity],
      source: 'OpsLens',
      code: top.fingerprint,
      message: `${top.count}× ${sanitisePlainText(groupTitle(top))}${others > 0 ? ` (and ${others} more error group${others === 1 ? '' : 's'} on this line)` : ''}`,
      data,
    };
    if (top.link && /^https?:\/\//i.test(top.link)) diagnostic.codeDescription = { href: top.link };
    const related = relatedFrames(top, fileUri);
    if (related.length > 0) diagnostic.relatedInformation = related;
    out.push(diagnostic);
  }
  return out;
}

function relatedFrames(g: Group, fileUri: (rel: string) => string): DiagnosticRelatedInformation[] {
  const at = (file: string, line: number) => ({ uri: fileUri(file), range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: Number.MAX_SAFE_INTEGER } } });
  const out: DiagnosticRelatedInformation[] = g.calledFrom.slice(0, 3).map((l) => ({ location: at(l.file, l.line), message: `called from here (${sanitisePlainText(g.type ?? 'error', 60)})` }));
  for (const cause of g.causedBy) {
    if (cause.location) out.push({ location: at(cause.location.file, cause.location.line), message: `caused by ${sanitisePlainText(cause.type, 100)}: ${sanitisePlainText(cause.message, 200)}` });
  }
  return out;
}
