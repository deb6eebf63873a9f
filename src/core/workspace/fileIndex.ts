/**
 * An index of the workspace's files for matching deployed paths (`/app/src/pay.ts`,
 * `com/acme/Pay.java`) to workspace files by their longest common path suffix.
 * Paths are workspace-relative, `/`-separated.
 */
export class FileIndex {
  private readonly byBaseName = new Map<string, string[]>();
  private readonly all = new Set<string>();

  constructor(paths: Iterable<string> = []) {
    for (const p of paths) this.add(p);
  }

  get size(): number {
    return this.all.size;
  }

  has(path: string): boolean {
    return this.all.has(path);
  }

  add(path: string): void {
    if (this.all.has(path)) return;
    this.all.add(path);
    const base = baseName(path);
    const list = this.byBaseName.get(base);
    if (list) list.push(path);
    else this.byBaseName.set(base, [path]);
  }

  delete(path: string): void {
    if (!this.all.delete(path)) return;
    const base = baseName(path);
    const list = this.byBaseName.get(base)?.filter((p) => p !== path);
    if (list && list.length > 0) this.byBaseName.set(base, list);
    else this.byBaseName.delete(base);
  }

  paths(): IterableIterator<string> {
    return this.all.values();
  }

  /**
   * The workspace files sharing the most trailing path segments with `path`
   * (at least the file name). Several results mean a tie.
   */
  longestSuffixMatches(path: string): { matches: string[]; segments: number } {
    const segments = path.split('/').filter((s) => s !== '' && s !== '.');
    const base = segments[segments.length - 1];
    const candidates = base === undefined ? undefined : this.byBaseName.get(base);
    if (!candidates) return { matches: [], segments: 0 };
    let best = 0;
    let matches: string[] = [];
    for (const candidate of candidates) {
      const shared = sharedTrailingSegments(segments, candidate.split('/'));
      if (shared > best) {
        best = shared;
        matches = [candidate];
      } else if (shared === best) {
        matches.push(candidate);
      }
    }
    return { matches, segments: best };
  }
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

function sharedTrailingSegments(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
