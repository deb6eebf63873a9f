/**
 * An index of the workspace's files for matching deployed paths (`/app/src/pay.ts`,
 * `com/acme/Pay.java`) to workspace files by their longest common path suffix.
 * Paths are workspace-relative, `/`-separated.
 */
export class FileIndex {
  private readonly byBaseName = new Map<string, string[]>();
  /** Files by their last two segments (`billing/Pay.java`): narrows a common file name's candidates at once. */
  private readonly byTwoSegments = new Map<string, string[]>();
  private readonly all = new Set<string>();

  constructor(paths: Iterable<string> = []) {
    for (const p of paths) this.add(p);
  }

  /** Bumped by every change, so caches built on the index know when to forget. */
  private changes = 0;

  get size(): number {
    return this.all.size;
  }

  get version(): number {
    return this.changes;
  }

  has(path: string): boolean {
    return this.all.has(path);
  }

  add(path: string): void {
    if (this.all.has(path)) return;
    this.changes++;
    this.all.add(path);
    push(this.byBaseName, baseName(path), path);
    const tail = lastTwoSegments(path);
    if (tail !== undefined) push(this.byTwoSegments, tail, path);
  }

  delete(path: string): void {
    if (!this.all.delete(path)) return;
    this.changes++;
    remove(this.byBaseName, baseName(path), path);
    const tail = lastTwoSegments(path);
    if (tail !== undefined) remove(this.byTwoSegments, tail, path);
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
    let candidates = base === undefined ? undefined : this.byBaseName.get(base);
    if (!candidates) return { matches: [], segments: 0 };
    if (segments.length >= 2) {
      // Files sharing two or more segments are all in the two-segment bucket; without
      // one, every file of that name shares exactly one: a tie, no comparison needed.
      const narrowed = this.byTwoSegments.get(`${segments[segments.length - 2]}/${base}`);
      if (!narrowed) return { matches: [...candidates], segments: 1 };
      candidates = narrowed;
    }
    const normalised = segments.join('/');
    let best = 0;
    let matches: string[] = [];
    for (const candidate of candidates) {
      const shared = sharedTrailingSegments(normalised, candidate);
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

function lastTwoSegments(path: string): string | undefined {
  const last = path.lastIndexOf('/');
  if (last <= 0) return undefined;
  const before = path.lastIndexOf('/', last - 1);
  return path.slice(before + 1);
}

function push(map: Map<string, string[]>, key: string, path: string): void {
  const list = map.get(key);
  if (list) list.push(path);
  else map.set(key, [path]);
}

function remove(map: Map<string, string[]>, key: string, path: string): void {
  const list = map.get(key)?.filter((p) => p !== path);
  if (list && list.length > 0) map.set(key, list);
  else map.delete(key);
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/**
 * Whole `/`-separated segments two paths share at their ends, compared character
 * by character from the end: no split, no allocation, which matters when a common
 * file name (`__init__.py`, `index.ts`) has thousands of candidates.
 */
function sharedTrailingSegments(a: string, b: string): number {
  let i = a.length - 1;
  let j = b.length - 1;
  let n = 0;
  while (i >= 0 && j >= 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
    if (a.charCodeAt(i) === SLASH) n++;
    i--;
    j--;
  }
  // The segment being compared counts when both paths reached its start together.
  if ((i < 0 || a.charCodeAt(i) === SLASH) && (j < 0 || b.charCodeAt(j) === SLASH)) n++;
  return n;
}

const SLASH = 47;
