import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LogStatement } from './logStatement';

/** What the cache remembers of one file: enough to tell it unchanged without re-reading, and its statements. */
export interface CachedFile {
  /** sha1 of the content. */
  hash: string;
  size: number;
  mtimeMs: number;
  statements: Omit<LogStatement, 'file'>[];
}

interface CacheFile {
  version: number;
  /** The receiver words the statements were found with: other words need another index. */
  receivers: string;
  files: Record<string, CachedFile>;
}

const VERSION = 1;
export const CACHE_DIR = '.opslens-cache';
const CACHE_NAME = 'log-statements.json';

export function cachePath(root: string): string {
  return path.join(root, CACHE_DIR, CACHE_NAME);
}

/** Reads the cache; a missing, corrupt or outdated cache is an empty one (it is rebuilt, never trusted half-way). */
export async function readIndexCache(file: string, receivers: string): Promise<Map<string, CachedFile>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return new Map();
  }
  if (!isCacheFile(parsed) || parsed.version !== VERSION || parsed.receivers !== receivers) return new Map();
  const out = new Map<string, CachedFile>();
  for (const [rel, entry] of Object.entries(parsed.files)) if (isCachedFile(entry)) out.set(rel, entry);
  return out;
}

/** Writes atomically (temp file + rename) so a crash mid-write leaves the old cache or none. */
export async function writeIndexCache(file: string, receivers: string, files: ReadonlyMap<string, CachedFile>): Promise<void> {
  const body: CacheFile = { version: VERSION, receivers, files: Object.fromEntries(files) };
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, JSON.stringify(body));
  await fs.rename(temp, file);
}

function isCacheFile(v: unknown): v is CacheFile {
  if (v === null || typeof v !== 'object') return false;
  const c = v as Partial<CacheFile>;
  return typeof c.version === 'number' && typeof c.receivers === 'string' && c.files !== null && typeof c.files === 'object';
}

function isCachedFile(v: unknown): v is CachedFile {
  if (v === null || typeof v !== 'object') return false;
  const e = v as Partial<CachedFile>;
  return typeof e.hash === 'string' && typeof e.size === 'number' && typeof e.mtimeMs === 'number' && Array.isArray(e.statements) && e.statements.every(isStatementShape);
}

function isStatementShape(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Partial<LogStatement>;
  return typeof s.line === 'number' && typeof s.method === 'string' && Array.isArray(s.templates) && s.templates.every((t) => Array.isArray(t?.constants) && Array.isArray(t?.holes) && t.constants.length === t.holes.length + 1);
}
