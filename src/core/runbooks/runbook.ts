import type { RunbookRef } from '../annotations';

/** A runbook OpsLens can offer, wherever it was declared. */
export interface Runbook {
  title: string;
  /** An http(s) URL, or a workspace-relative `/`-separated path of a file in the repository. */
  url: string;
  /** The services it belongs to; empty means it is not tied to one. */
  services: string[];
  /** Alert names it answers (Alertmanager `alertname`, or an incident title). */
  alerts: string[];
  /** Exception types it answers (fully qualified or simple class names). */
  errors: string[];
}

/**
 * Turns a runbook reference as written (config `url`, catalog link, alert `runbook_url`,
 * possibly attacker-influenced) into a safe target: an http(s) URL kept as is, or a
 * repo path made workspace-relative. Other schemes (`javascript:`, `command:`…) and
 * paths leaving the workspace give undefined.
 */
export function normaliseRunbookUrl(raw: string): string | undefined {
  const url = raw.trim();
  if (url === '') return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) {
    if (scheme[1]!.length === 1) return undefined; // a Windows drive path: not a repo path
    const lower = scheme[1]!.toLowerCase();
    if (lower !== 'https' && lower !== 'http') return undefined;
    try {
      return new URL(url).toString();
    } catch {
      return undefined;
    }
  }
  const segments: string[] = [];
  for (const segment of url.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.pop() === undefined) return undefined;
      continue;
    }
    segments.push(segment);
  }
  const path = segments.join('/');
  // `/javascript:x` must not become a relative path that reads as a URL
  return path === '' || /^[a-z][a-z0-9+.-]*:/i.test(path) ? undefined : path;
}

/** True for a workspace-relative path (as opposed to a web URL). */
export function isRepoPath(url: string): boolean {
  return !/^https?:/i.test(url);
}

/** What an annotation lists: title and target (a scan prints repo paths relative to the scanned folder). */
export function runbookRef(runbook: Runbook): RunbookRef {
  return { title: runbook.title, url: runbook.url };
}
