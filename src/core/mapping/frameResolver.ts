import type { StackFrame } from '../events';
import type { PathMapping, ServiceConfig } from '../config/opslensConfig';
import { LruCache } from '../lruCache';
import type { FileIndex } from '../workspace/fileIndex';
import type { OriginalPosition } from '../sourceMaps/sourceMapStore';

/** A workspace file and 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

export type FrameResolution =
  | { kind: 'resolved'; location: SourceLocation; via: 'mapping' | 'suffix' | 'exact' | 'sourceMap' }
  | { kind: 'dependency' }
  | { kind: 'unmatched'; path: string }
  | { kind: 'ambiguous'; path: string; candidates: string[] };

interface PathMatch {
  file: string;
  via: 'mapping' | 'suffix' | 'exact';
}

/** Folder names whose files are never the application's own code. */
const DEPENDENCY_SEGMENTS = new Set(['node_modules', 'site-packages', 'dist-packages', 'vendor', 'bower_components', 'jspm_packages', '.yarn']);

/** Source maps of the workspace's compiled files (see SourceMapStore). */
export interface SourceMapLookup {
  originalPosition(compiledFile: string, line: number, column?: number): OriginalPosition | undefined;
  /** Loads the maps of these compiled files ahead of the synchronous lookups. */
  preload?(compiledFiles: Iterable<string>): Promise<void>;
}

const COMPILED_SCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs'];

/** Distinct (service, printed path) pairs remembered: production stacks repeat the same few paths. */
const PATH_CACHE_SIZE = 20_000;

interface PathLookup {
  path: string;
  found: PathMatch | Exclude<FrameResolution, { kind: 'resolved' }>;
}

/**
 * Resolves printed frame paths to workspace files: configured path mappings first,
 * then the longest path-suffix match against the file index, ties broken by the
 * service's root; a tie that remains is reported, not guessed.
 */
export class FrameResolver {
  constructor(
    private readonly index: FileIndex,
    private readonly services: readonly ServiceConfig[] = [],
    private readonly sourceMaps?: SourceMapLookup,
  ) {}

  /** Per configured service ('' for any other name: they resolve alike), printed path → lookup. */
  private readonly paths = new Map<string, LruCache<string, PathLookup>>();
  private pathsIndexVersion = -1;

  resolve(frame: StackFrame, serviceName?: string): FrameResolution {
    if (frame.file === undefined || frame.line === undefined) return { kind: 'unmatched', path: frame.file ?? '' };
    if (frame.native || frame.inApp === false) return { kind: 'dependency' };
    const { path, found } = this.lookupPath(frame.file, serviceName);
    if ('kind' in found && found.kind === 'dependency') return found;
    if (this.sourceMaps && isCompiledScript(path)) {
      const original = this.throughSourceMap(path, found, frame, serviceName);
      if (original) return original;
    }
    if ('kind' in found) return found;
    const location: SourceLocation = { file: found.file, line: frame.line };
    if (frame.column !== undefined) location.column = frame.column;
    return { kind: 'resolved', location, via: found.via };
  }

  /** The workspace files whose source maps resolving this frame would read (none for a non-JS or dependency frame). */
  compiledFilesFor(frame: StackFrame, serviceName?: string): string[] {
    if (!this.sourceMaps || frame.file === undefined || frame.native || frame.inApp === false) return [];
    const { path, found } = this.lookupPath(frame.file, serviceName);
    if (!isCompiledScript(path) || ('kind' in found && found.kind === 'dependency')) return [];
    return 'kind' in found ? this.unindexedCandidates(path, serviceName) : [found.file];
  }

  /** The printed path, normalised and resolved; cached until the file index changes. */
  private lookupPath(printed: string, serviceName?: string): PathLookup {
    if (this.pathsIndexVersion !== this.index.version) {
      this.paths.clear();
      this.pathsIndexVersion = this.index.version;
    }
    const service = this.services.some((s) => s.name === serviceName) ? (serviceName ?? '') : '';
    let cache = this.paths.get(service);
    if (!cache) {
      cache = new LruCache(PATH_CACHE_SIZE);
      this.paths.set(service, cache);
    }
    let lookup = cache.get(printed);
    if (!lookup) {
      const path = normaliseFramePath(printed);
      lookup = { path, found: isDependencyPath(path) ? { kind: 'dependency' } : this.resolvePath(path, serviceName) };
      cache.set(printed, lookup);
    }
    return lookup;
  }

  /**
   * The original location of a compiled-JavaScript frame. The compiled file is the
   * one the path resolved to or, when build output is not indexed (a gitignored
   * `dist/`), the file the path mappings or the bare path name. Undefined when no
   * map applies: the caller keeps the JavaScript location.
   */
  private throughSourceMap(path: string, found: ReturnType<FrameResolver['resolvePath']>, frame: StackFrame, serviceName?: string): FrameResolution | undefined {
    for (const compiledFile of 'kind' in found ? this.unindexedCandidates(path, serviceName) : [found.file]) {
      const position = this.sourceMaps?.originalPosition(compiledFile, frame.line ?? 0, frame.column);
      if (!position) continue;
      const source = normaliseFramePath(position.source);
      if (position.ignored || isDependencyPath(source)) return { kind: 'dependency' };
      const file = this.index.has(source) ? source : this.matchedFile(source.replace(/^(\.\.\/)+/, ''), serviceName);
      if (file !== undefined) return { kind: 'resolved', location: { file, line: position.line, column: position.column }, via: 'sourceMap' };
    }
    return undefined;
  }

  private matchedFile(path: string, serviceName?: string): string | undefined {
    const found = this.resolvePath(path, serviceName);
    return 'kind' in found ? undefined : found.file;
  }

  private unindexedCandidates(path: string, serviceName?: string): string[] {
    const mapped = applyMappings(path, this.mappingsFor(serviceName));
    const relative = stripLeading(path);
    return mapped === undefined || mapped === relative ? [relative] : [mapped, relative];
  }

  private mappingsFor(serviceName?: string): PathMapping[] {
    const service = this.services.find((s) => s.name === serviceName);
    return service ? service.pathMappings : this.services.flatMap((s) => s.pathMappings);
  }

  /** Resolves a normalised path to a workspace-relative file, or says why not. */
  resolvePath(path: string, serviceName?: string): PathMatch | Exclude<FrameResolution, { kind: 'resolved' }> {
    const service = this.services.find((s) => s.name === serviceName);
    const mapped = applyMappings(path, this.mappingsFor(serviceName));
    if (mapped !== undefined && this.index.has(mapped)) return { file: mapped, via: 'mapping' };
    const relative = path.startsWith('/') ? path.slice(1) : path;
    if (this.index.has(relative)) return { file: relative, via: 'exact' };
    const { matches } = this.index.longestSuffixMatches(path);
    if (matches.length === 0) return { kind: 'unmatched', path };
    if (matches.length === 1) return { file: matches[0]!, via: 'suffix' };
    const roots = service ? [service.root] : [];
    const inRoot = matches.filter((m) => roots.some((r) => r === '' || m.startsWith(`${r}/`)));
    if (inRoot.length === 1) return { file: inRoot[0]!, via: 'suffix' };
    return { kind: 'ambiguous', path, candidates: matches.slice(0, 10) };
  }
}

/** Applies the first mapping whose `from` prefixes the path. */
export function applyMappings(path: string, mappings: readonly PathMapping[]): string | undefined {
  for (const { from, to } of mappings) {
    if (from !== '' && path.startsWith(from)) {
      const rest = path.slice(from.length);
      const target = `${to}${to === '' || to.endsWith('/') || rest.startsWith('/') ? '' : '/'}${rest}`;
      return stripLeading(target);
    }
  }
  return undefined;
}

/** `file:///app/x.js`, `webpack:///./src/x.ts`, `C:\app\x.cs` → a `/`-separated path. */
export function normaliseFramePath(raw: string): string {
  let p = raw.trim();
  const query = p.indexOf('?');
  if (query > 0) p = p.slice(0, query);
  if (p.startsWith('file://')) p = safeDecode(p.slice('file://'.length));
  else {
    const scheme = p.indexOf('://');
    if (scheme > 0 && scheme < 20) {
      // webpack://app/./src/x.ts or https://cdn/x.js: keep the path after the authority
      const afterAuthority = p.indexOf('/', scheme + 3);
      p = afterAuthority < 0 ? '' : p.slice(afterAuthority);
    }
  }
  if (p.includes('\\')) p = p.replace(/\\/g, '/');
  if (p.length > 2 && p[1] === ':' && p[2] === '/') p = p.slice(2); // Windows drive letter
  // Most printed paths hold no `.` segment: skip the split and join for them.
  if (!p.startsWith('./') && !p.includes('/./') && !p.endsWith('/.') && p !== '.') return p;
  return p.split('/').filter((s) => s !== '.').join('/');
}

export function isCompiledScript(path: string): boolean {
  return COMPILED_SCRIPT_EXTENSIONS.some((ext) => path.endsWith(ext));
}

export function isDependencyPath(path: string): boolean {
  // A few substring searches instead of splitting every frame's path into segments.
  for (const segment of DEPENDENCY_SEGMENTS) {
    const at = path.indexOf(segment);
    if (at < 0) continue;
    for (let i = at; i >= 0; i = path.indexOf(segment, i + 1)) {
      const end = i + segment.length;
      if ((i === 0 || path[i - 1] === '/') && (end === path.length || path[end] === '/')) return true;
    }
  }
  return false;
}

function stripLeading(path: string): string {
  let p = path;
  while (p.startsWith('./')) p = p.slice(2);
  while (p.startsWith('/')) p = p.slice(1);
  return p;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
