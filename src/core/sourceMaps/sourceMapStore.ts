import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FlattenMap, GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, isIgnored, originalPositionFor, type TraceMap } from '@jridgewell/trace-mapping';
import { LruCache } from '../lruCache';
import { findSourceMappingUrl, parseMapReference } from './sourceMappingUrl';

/** Where a position of a compiled file came from, per its source map. */
export interface OriginalPosition {
  /** The map's source, resolved against the map file and its `sourceRoot`: workspace-relative, `../…` or a URL. */
  source: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The map lists this source in its `ignoreList` (bundled dependency code). */
  ignored: boolean;
}

/** Reads a workspace-relative file's text, or undefined when it is absent, unreadable or too large. */
export type ReadWorkspaceFile = (relativePath: string) => string | undefined;
export type ReadWorkspaceFileAsync = (relativePath: string) => Promise<string | undefined>;

export interface SourceMapStoreOptions {
  /** Parsed maps kept in memory (least recently used dropped first). */
  maxMaps?: number;
  /** Compiled files and maps larger than this are not read. */
  maxFileBytes?: number;
  readFile?: ReadWorkspaceFile;
  /** For preload (default: the disk, or `readFile` when only that is given). */
  readFileAsync?: ReadWorkspaceFileAsync;
}

const DEFAULT_MAX_MAPS = 200;
const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Maps positions in the workspace's compiled JavaScript back to their original
 * sources. A compiled file's map is found lazily on first use, through its
 * `sourceMappingURL` comment (a file or an inline data: URL) or else a sibling
 * `x.js.map`, and kept in a bounded cache; a file with no usable map is
 * remembered as such. A broken map never throws: the lookup answers undefined and
 * the caller keeps the JavaScript location.
 */
export class SourceMapStore {
  private readonly maps: LruCache<string, TraceMap | null>;
  private readonly readFile: ReadWorkspaceFile;
  private readonly readFileAsync: ReadWorkspaceFileAsync;

  constructor(root: string, options: SourceMapStoreOptions = {}) {
    this.maps = new LruCache(options.maxMaps ?? DEFAULT_MAX_MAPS);
    const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.readFile = options.readFile ?? diskReader(root, maxBytes);
    const sync = options.readFile;
    this.readFileAsync = options.readFileAsync ?? (sync ? async (f) => sync(f) : asyncDiskReader(root, maxBytes));
  }

  /**
   * Loads the maps of these compiled files without blocking, so that the lookups
   * that follow (synchronous, during frame resolution) find them cached.
   */
  async preload(compiledFiles: Iterable<string>): Promise<void> {
    for (const file of new Set(compiledFiles)) {
      if (this.maps.has(file)) continue;
      const steps = findMap(file);
      let step = steps.next();
      while (!step.done) step = steps.next(await this.readFileAsync(step.value));
      this.maps.set(file, step.value ?? null);
    }
  }

  /** The original position of a 1-based line and column (column optional) of a workspace-relative compiled file. */
  originalPosition(compiledFile: string, line: number, column?: number): OriginalPosition | undefined {
    const map = this.mapFor(compiledFile);
    if (!map || !(line >= 1)) return undefined;
    try {
      return lookup(map, line, column);
    } catch {
      return undefined; // a map whose mappings do not decode is as good as none
    }
  }

  /**
   * A workspace file changed: a compiled file forgets its map; a changed map may
   * belong to any compiled file (its name need not match), so all are forgotten.
   */
  fileChanged(relativePath: string): void {
    if (relativePath.endsWith('.map')) this.maps.clear();
    else this.maps.delete(relativePath);
  }

  private mapFor(compiledFile: string): TraceMap | undefined {
    const cached = this.maps.get(compiledFile);
    if (cached !== undefined) return cached ?? undefined;
    const map = this.load(compiledFile);
    this.maps.set(compiledFile, map ?? null);
    return map;
  }

  private load(compiledFile: string): TraceMap | undefined {
    const steps = findMap(compiledFile);
    let step = steps.next();
    while (!step.done) step = steps.next(this.readFile(step.value));
    return step.value;
  }
}

/**
 * Finding a compiled file's map, written once for the synchronous lookup and the
 * asynchronous preload: it yields each workspace file it needs and is sent back its
 * text. The `sourceMappingURL` comment first (an inline data: URL or a file), then
 * the sibling `x.js.map`.
 */
function* findMap(compiledFile: string): Generator<string, TraceMap | undefined, string | undefined> {
  const code = yield compiledFile;
  if (code === undefined) return undefined;
  const url = findSourceMappingUrl(code);
  const reference = url === undefined ? undefined : parseMapReference(url);
  if (reference?.kind === 'inline') {
    const map = parseMap(reference.json, compiledFile);
    if (map) return map;
  } else if (reference?.kind === 'file') {
    const mapFile = workspaceJoin(path.posix.dirname(compiledFile), reference.url);
    const text = mapFile === undefined ? undefined : yield mapFile;
    const map = text === undefined || mapFile === undefined ? undefined : parseMap(text, mapFile);
    if (map) return map;
  }
  const sibling = `${compiledFile}.map`;
  const text = yield sibling;
  return text === undefined ? undefined : parseMap(text, sibling);
}

function lookup(map: TraceMap, line: number, column: number | undefined): OriginalPosition | undefined {
  // V8 prints 1-based columns; source maps count from 0. Without a column, take the line's first mapping.
  let found = originalPositionFor(map, { line, column: column === undefined ? 0 : Math.max(0, column - 1), bias: GREATEST_LOWER_BOUND });
  if (found.source === null) found = originalPositionFor(map, { line, column: column === undefined ? 0 : Math.max(0, column - 1), bias: LEAST_UPPER_BOUND });
  // A corrupted map decodes to negative or missing positions: as good as no mapping.
  if (typeof found.source !== 'string' || !(found.line >= 1) || !(found.column >= 0)) return undefined;
  return { source: found.source, line: found.line, column: found.column + 1, ignored: isIgnored(map, found.source) };
}

/** Parses a map's JSON (sectioned maps flattened); `mapFile` is what its sources resolve against. */
function parseMap(text: string, mapFile: string): TraceMap | undefined {
  try {
    // Maps served over HTTP may start with the XSSI guard `)]}'`, which is not JSON.
    const json = text.startsWith(")]}'") ? text.slice(text.indexOf('\n') + 1) : text;
    const parsed: unknown = JSON.parse(json);
    if (parsed === null || typeof parsed !== 'object') return undefined;
    return new FlattenMap(parsed as ConstructorParameters<typeof FlattenMap>[0], mapFile);
  } catch {
    return undefined;
  }
}

/** Joins a relative reference onto a workspace folder; undefined when the result would leave the workspace. */
function workspaceJoin(dir: string, reference: string): string | undefined {
  const joined = path.posix.normalize(reference.startsWith('/') ? reference.slice(1) : path.posix.join(dir, reference));
  return joined.startsWith('../') || joined === '..' ? undefined : joined;
}

function diskReader(root: string, maxBytes: number): ReadWorkspaceFile {
  const inside = insideWorkspace(root);
  return (relativePath) => {
    const absolute = inside(relativePath);
    if (absolute === undefined) return undefined;
    try {
      // Synchronous when a lookup misses the cache (preload avoids that): each file is read once, then cached.
      if (statSync(absolute).size > maxBytes) return undefined;
      return readFileSync(absolute, 'utf8');
    } catch {
      return undefined;
    }
  };
}

function asyncDiskReader(root: string, maxBytes: number): ReadWorkspaceFileAsync {
  const inside = insideWorkspace(root);
  return async (relativePath) => {
    const absolute = inside(relativePath);
    if (absolute === undefined) return undefined;
    try {
      if ((await fs.stat(absolute)).size > maxBytes) return undefined;
      return await fs.readFile(absolute, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** The absolute path of a workspace-relative one; undefined when it leaves the workspace (frame paths come from log text). */
function insideWorkspace(root: string): (relativePath: string) => string | undefined {
  const top = path.resolve(root);
  return (relativePath) => {
    const absolute = path.resolve(top, relativePath);
    return absolute === top || absolute.startsWith(top + path.sep) ? absolute : undefined;
  };
}
