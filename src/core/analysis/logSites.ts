import { fingerprint } from '../aggregate/fingerprint';
import type { LogStatement } from '../logStatements/logStatement';
import type { SourceLocation } from '../mapping/frameResolver';
import { LruCache } from '../lruCache';

/** Where a logging statement's lines go: its location and its group's fingerprint. */
export interface LogSite {
  location: SourceLocation;
  fingerprint: string;
}

/** A log group's fingerprint: the statement's file and line. */
export function logFingerprint(location: SourceLocation): string {
  return fingerprint('log', location.file, String(location.line));
}

const DEFAULT_CAPACITY = 20_000;

/**
 * The site of each matched statement, computed once: half of a busy log is lines
 * written by a few thousand statements, and hashing a fingerprint and allocating a
 * location for every one of them was a large part of placing it. One location object
 * per statement is shared by its occurrences (locations are never changed in place).
 * Bounded (least recently used first): a re-indexed file's old statements age out.
 */
export class LogSites {
  private readonly sites: LruCache<LogStatement, LogSite>;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.sites = new LruCache(capacity);
  }

  get size(): number {
    return this.sites.size;
  }

  of(statement: LogStatement): LogSite {
    let site = this.sites.get(statement);
    if (!site) {
      const location = { file: statement.file, line: statement.line };
      site = { location, fingerprint: logFingerprint(location) };
      this.sites.set(statement, site);
    }
    return site;
  }
}
