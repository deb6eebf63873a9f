import type { Group } from './aggregate/groups';

export interface RunbookRef {
  title: string;
  url: string;
}

/** One annotation, as `opslens scan --format json` prints it (DESIGN.md section 4). */
export interface Annotation {
  /** Relative to the scanned folder, `/`-separated. */
  file: string;
  /** 1-based. */
  line: number;
  kind: 'error' | 'log' | 'incident';
  service: string | null;
  title: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  fingerprint: string;
  runbooks: RunbookRef[];
  changedSince: boolean;
}

export function groupTitle(group: Group): string {
  if (group.kind === 'error') return group.message ? `${group.type ?? 'Error'}: ${group.message}` : (group.type ?? 'Error');
  return group.message;
}

export function annotationFromGroup(group: Group, runbooks: RunbookRef[] = []): Annotation {
  return {
    file: group.location.file,
    line: group.location.line,
    kind: group.kind,
    service: group.service ?? null,
    title: groupTitle(group),
    count: group.count,
    firstSeen: new Date(group.firstSeen).toISOString(),
    lastSeen: new Date(group.lastSeen).toISOString(),
    fingerprint: group.fingerprint,
    runbooks,
    changedSince: group.changedSince,
  };
}

/** Stable order: by file, then line, then the busiest group first. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || b.count - a.count || (a.fingerprint < b.fingerprint ? -1 : 1);
}
