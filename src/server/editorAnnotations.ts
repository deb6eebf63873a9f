import type { CodeLens } from 'vscode-languageserver/node';
import type { Group } from '../core/aggregate/groups';
import { groupTitle } from '../core/annotations';
import { enclosingFunction, type FunctionRange } from '../core/codeStructure/functionRanges';
import { levelRank, type Level } from '../core/events';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import { SHOW_GROUPS_COMMAND, type LineAnnotationInfo } from '../protocol';
import type { OpsLensSettings } from '../settings';
import { compactCount } from './hoverContent';

/** A group worth showing in the editor: seen often enough, and (for a log statement) at a level that matters. */
export function passesThresholds(g: Group, settings: OpsLensSettings): boolean {
  if (g.count < settings.minimumCount) return false;
  if (g.kind === 'error') return true;
  return levelRank(highestLevel(g)) >= levelRank(settings.inlineAnnotationsMinimumLevel);
}

function highestLevel(g: Group): Level | undefined {
  let best: Level | undefined;
  for (const [level, n] of Object.entries(g.levelCounts) as [Level, number][]) if (n > 0 && levelRank(level) > levelRank(best)) best = level;
  return best;
}

/**
 * The line-end text per hot line, Error Lens style: the busiest group of the line,
 * errors before log statements, `⚠ 132× TypeError: …` or `≡ 40× warn: …`.
 */
export function lineAnnotations(groups: readonly Group[], settings: OpsLensSettings): LineAnnotationInfo[] {
  if (!settings.inlineAnnotationsEnabled) return [];
  const byLine = new Map<number, Group>();
  for (const g of groups) {
    if (!passesThresholds(g, settings)) continue;
    const current = byLine.get(g.location.line);
    if (!current || rank(g) > rank(current)) byLine.set(g.location.line, g);
  }
  return [...byLine].map(([line, g]) => ({
    line: line - 1,
    kind: g.kind,
    count: g.count,
    text: g.kind === 'error' ? `⚠ ${compactCount(g.count)}× ${sanitisePlainText(groupTitle(g), 120)}` : `≡ ${compactCount(g.count)}× ${highestLevel(g) ?? 'log'}: ${sanitisePlainText(g.message, 100)}`,
  }));
}

function rank(g: Group): number {
  return (g.kind === 'error' ? 1e15 : 0) + g.count;
}

/**
 * One code lens per function holding production activity: `⚠ 132 errors · 2.3k log
 * lines (24h)`. Clicking lists the function's groups (the client's showGroups command).
 */
export function functionCodeLenses(groups: readonly Group[], functions: readonly FunctionRange[], settings: OpsLensSettings, windowLabel: string, uri: string): CodeLens[] {
  if (!settings.codeLensEnabled) return [];
  const perFunction = new Map<FunctionRange, Group[]>();
  for (const g of groups) {
    if (g.count < settings.minimumCount) continue;
    const fn = enclosingFunction(functions, g.location.line);
    if (fn) perFunction.set(fn, [...(perFunction.get(fn) ?? []), g]);
  }
  const lenses: CodeLens[] = [];
  for (const [fn, list] of perFunction) {
    const errors = list.filter((g) => g.kind === 'error').reduce((n, g) => n + g.count, 0);
    const logs = list.filter((g) => g.kind === 'log').reduce((n, g) => n + g.count, 0);
    const parts = [errors > 0 ? `${compactCount(errors)} error${errors === 1 ? '' : 's'}` : '', logs > 0 ? `${compactCount(logs)} log line${logs === 1 ? '' : 's'}` : ''].filter(Boolean);
    const title = `${errors > 0 ? '⚠' : '≡'} ${parts.join(' · ')} (${windowLabel})`;
    const line = fn.startLine - 1;
    lenses.push({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title, command: SHOW_GROUPS_COMMAND, arguments: [uri, fn.name, list.sort((a, b) => b.count - a.count).map((g) => g.fingerprint)] },
    });
  }
  return lenses;
}

/** `24h`, `7d`, `90m`: the window as the code lens names it. */
export function windowLabel(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48 && Number.isInteger(hours / 24)) return `${hours / 24}d`;
  if (hours >= 1 && Number.isInteger(hours)) return `${hours}h`;
  return `${Math.round(ms / 60_000)}m`;
}
