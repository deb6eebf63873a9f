import { DEFAULT_LIMITS, type Group } from '../aggregate/groups';
import type { Level } from '../events';

/**
 * Joins log groups that line drift brought onto the same working-tree line. A log
 * group's fingerprint includes the line it was printed from, so one logging
 * statement seen in two releases (before and after code above it moved) is two
 * groups until drift puts both on the statement's current line: then it is one.
 * Error groups are keyed by file and function, not line, and never need this.
 */
export function mergeLogGroups(groups: readonly Group[]): Group[] {
  const out: Group[] = [];
  const byLine = new Map<string, number>();
  for (const group of groups) {
    if (group.kind !== 'log') {
      out.push(group);
      continue;
    }
    const key = `${group.service ?? ''}\0${group.location.file}\0${group.location.line}`;
    const at = byLine.get(key);
    if (at === undefined) {
      byLine.set(key, out.length);
      out.push(group);
    } else out[at] = merged(out[at]!, group);
  }
  return out;
}

/** Counts add up; the most recently seen group speaks for the pair (message, fingerprint, drift). */
function merged(a: Group, b: Group): Group {
  const [newer, older] = b.lastSeen > a.lastSeen ? [b, a] : [a, b];
  const levelCounts: Partial<Record<Level, number>> = { ...older.levelCounts };
  for (const [level, n] of Object.entries(newer.levelCounts) as [Level, number][]) levelCounts[level] = (levelCounts[level] ?? 0) + n;
  return {
    ...newer,
    count: a.count + b.count,
    firstSeen: Math.min(a.firstSeen, b.firstSeen),
    hourly: Array.from({ length: Math.max(a.hourly.length, b.hourly.length) }, (_, i) => (a.hourly[i] ?? 0) + (b.hourly[i] ?? 0)),
    releases: [...new Set([...older.releases, ...newer.releases])].slice(-DEFAULT_LIMITS.maxReleases),
    levelCounts,
    samples: [...a.samples, ...b.samples].sort((x, y) => y.timestamp - x.timestamp).slice(0, DEFAULT_LIMITS.maxSamples),
  };
}
