import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Folders never worth indexing: dependencies, VCS data, build caches. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.gradle', '.idea', '.vscode-test', '.opslens-cache']);

export interface WalkOptions {
  /** Stop after this many files; a monorepo index must stay bounded. */
  maxFiles?: number;
  /** Extra ignore patterns (gitignore syntax), e.g. from `files.exclude`. */
  exclude?: string[];
}

/**
 * Lists the workspace's files (relative, `/`-separated), honouring `.gitignore`
 * files at every level and skipping dependency and VCS folders.
 */
export async function walkWorkspace(root: string, options: WalkOptions = {}): Promise<string[]> {
  const maxFiles = options.maxFiles ?? 200_000;
  const out: string[] = [];
  const base = ignore().add(options.exclude ?? []);
  await walk(root, '', [{ dir: '', rules: base }], out, maxFiles);
  return out;
}

interface Scope {
  dir: string;
  rules: Ignore;
}

async function walk(root: string, rel: string, scopes: Scope[], out: string[], maxFiles: number): Promise<void> {
  const abs = path.join(root, rel);
  let entries;
  try {
    entries = await fs.readdir(abs, { withFileTypes: true });
  } catch {
    return; // unreadable folder: skip it, the rest of the workspace still counts
  }
  const gitignore = entries.find((e) => e.isFile() && e.name === '.gitignore');
  if (gitignore) {
    const text = await fs.readFile(path.join(abs, '.gitignore'), 'utf8').catch(() => '');
    scopes = [...scopes, { dir: rel, rules: ignore().add(text) }];
  }
  for (const entry of entries) {
    if (out.length >= maxFiles) return;
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const isDir = entry.isDirectory();
    if (isDir && SKIPPED_DIRS.has(entry.name)) continue;
    if (isIgnored(scopes, childRel, isDir)) continue;
    if (isDir) await walk(root, childRel, scopes, out, maxFiles);
    else if (entry.isFile()) out.push(childRel);
  }
}

function isIgnored(scopes: Scope[], rel: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const local = scope.dir === '' ? rel : rel.slice(scope.dir.length + 1);
    if (scope.rules.ignores(isDir ? `${local}/` : local)) return true;
  }
  return false;
}
