import type { Group } from '../core/aggregate/groups';
import { escapeMarkdown } from '../core/text/escapeMarkdown';
import { codeSpan } from '../core/text/codeSpan';
import { LEVELS } from '../core/events';
import { type HOVER_COMMANDS } from '../protocol';

const SPARK = '▁▂▃▄▅▆▇█';

/** Unicode-block sparkline of counts, scaled to the largest. */
export function sparkline(counts: readonly number[]): string {
  const max = Math.max(0, ...counts);
  if (max === 0) return SPARK[0]!.repeat(counts.length);
  return counts.map((c) => (c === 0 ? ' ' : SPARK[Math.min(7, Math.floor((c / max) * 7.999))])).join('');
}

export function relativeTime(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86_400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86_400)}d ago`;
}

export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/**
 * `1234567` → `1,234,567`. Not `toLocaleString('en-US')`: its first call loads ICU's locale
 * data, 20–80 ms of the language server's first hover.
 */
export function groupedCount(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

function commandLink(label: string, command: (typeof HOVER_COMMANDS)[number], args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

export interface HoverContext {
  now: number;
  /** Turns a workspace-relative file into a URI for links. */
  fileUri: (file: string) => string;
  /**
   * The client is OpsLens's VS Code extension: it draws theme icons and runs the
   * `opslens.*` command links. Other editors (Neovim, Helix) get neither, only text and web links.
   */
  commandLinks?: boolean;
}

/** The hover Markdown for the groups on one line. Every text that came from production is escaped. */
export function renderHover(groups: readonly Group[], ctx: HoverContext): string {
  return groups.map((g) => (g.kind === 'error' ? renderError(g, ctx) : renderLog(g, ctx))).join('\n\n---\n\n');
}

function renderError(g: Group, ctx: HoverContext): string {
  const lines: string[] = [];
  const title = `**${escapeMarkdown(g.type ?? 'Error')}**: ${escapeMarkdown(g.message, 300)}`;
  lines.push(`${icon('error', ctx)}${title}`);
  lines.push('');
  lines.push(
    `**${groupedCount(g.count)}×** · last seen ${relativeTime(g.lastSeen, ctx.now)} · first seen ${relativeTime(g.firstSeen, ctx.now)}${g.service ? ` · ${escapeMarkdown(g.service)}` : ''}`,
  );
  lines.push('');
  lines.push(`\`${sparkline(g.hourly)}\` ${g.hourly.length}h`);
  if (g.releases.length > 0) lines.push('', `Releases: ${g.releases.map((r) => codeSpan(r, 40)).join(', ')}`);
  if (g.changedSince) {
    const release = g.changedSinceRelease ? ` release ${codeSpan(g.changedSinceRelease.slice(0, 12))}` : ' this error was seen';
    lines.push('', `${icon('git-commit', ctx)}Code changed since${release}: possibly fixed`);
  }
  for (const cause of g.causedBy) {
    const where = cause.location ? ` at ${locationLink(cause.location, ctx)}` : '';
    lines.push('', `Caused by **${escapeMarkdown(cause.type)}**: ${escapeMarkdown(cause.message, 200)}${where}`);
  }
  if (g.calledFrom.length > 0) {
    lines.push('', `Called from: ${g.calledFrom.slice(0, 5).map((l) => locationLink(l, ctx)).join(' ← ')}`);
  }
  lines.push('', actions(g, ctx));
  return lines.join('\n');
}

function renderLog(g: Group, ctx: HoverContext): string {
  const lines: string[] = [];
  const perLevel = LEVELS.filter((l) => g.levelCounts[l])
    .reverse()
    .map((l) => `${compactCount(g.levelCounts[l]!)} ${l}`)
    .join(' · ');
  lines.push(`${icon('output', ctx)}**${compactCount(g.count)} log lines** in the window${perLevel ? ` (${perLevel})` : ''} · last ${relativeTime(g.lastSeen, ctx.now)}`);
  lines.push('', `\`${sparkline(g.hourly)}\``);
  if (g.samples.length > 0) {
    lines.push('', 'Last lines:');
    for (const s of g.samples.slice(0, 3)) lines.push(`- \`${new Date(s.timestamp).toISOString().slice(11, 19)}\` ${escapeMarkdown(s.message, 200)}`);
  }
  lines.push('', actions(g, ctx));
  return lines.join('\n');
}

function locationLink(l: { file: string; line: number }, ctx: HoverContext): string {
  if (ctx.commandLinks === false) return `${escapeMarkdown(l.file)}:${l.line}`;
  return commandLink(`${escapeMarkdown(l.file)}:${l.line}`, 'opslens.openLocation', [ctx.fileUri(l.file), l.line - 1]);
}

/** A theme icon and a space, for the clients that draw them. */
function icon(name: string, ctx: HoverContext): string {
  return ctx.commandLinks === false ? '' : `$(${name}) `;
}

function actions(g: Group, ctx: HoverContext): string {
  const parts: string[] = [];
  if (g.link && /^https?:\/\//.test(g.link)) parts.push(`[${icon('link-external', ctx)}Open in ${escapeMarkdown(g.source)}](${safeUrl(g.link)})`);
  if (ctx.commandLinks === false) return parts.join(' · ');
  parts.push(commandLink('$(book) Runbook', 'opslens.openRunbook', [{ fingerprint: g.fingerprint }]));
  parts.push(commandLink('$(list-tree) Show in sidebar', 'opslens.revealGroup', [g.fingerprint]));
  if (g.stacktrace) parts.push(commandLink('$(copy) Copy stack trace', 'opslens.copyStackTrace', [g.fingerprint]));
  return parts.join(' · ');
}

/** A URL from a backend, encoded so it cannot close the Markdown link early. */
function safeUrl(url: string): string {
  return encodeURI(url).replace(/\(/g, '%28').replace(/\)/g, '%29');
}
