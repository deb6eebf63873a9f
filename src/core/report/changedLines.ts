import { parseHunkHeader } from '../lineDrift/diffHunks';
import { runGit, type GitRunner } from '../lineDrift/git';

/** Why `--changed-since` could not be computed, in words for the user. */
export class ChangedSinceError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ChangedSinceError';
  }
}

/** The working-tree lines a change touches, per folder-relative file. */
export class ChangedLines {
  private readonly files = new Map<string, Set<number> | 'all'>();

  has(file: string, line: number): boolean {
    const lines = this.files.get(file);
    return lines === 'all' || (lines !== undefined && lines.has(line));
  }

  /** A new file: every line of it is touched. */
  addFile(file: string): void {
    this.files.set(file, 'all');
  }

  addLines(file: string, from: number, count: number): void {
    let lines = this.files.get(file);
    if (lines === 'all') return;
    if (!lines) this.files.set(file, (lines = new Set()));
    for (let line = from; line < from + count; line++) lines.add(line);
  }

  get fileCount(): number {
    return this.files.size;
  }
}

/**
 * Lines of `dir`'s files that the diff from `rev` to the working tree touches
 * (committed and uncommitted changes; untracked files count as wholly new). Paths
 * are relative to `dir`, as scan annotations are.
 */
export async function changedLinesSince(dir: string, rev: string, run: GitRunner = runGit): Promise<ChangedLines> {
  if (rev === '' || rev.startsWith('-')) throw new ChangedSinceError(`"${rev}" is not a revision`);
  const commit = await run(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (commit === undefined) throw new ChangedSinceError(`"${rev}" is not a commit of the git repository at ${dir} (or ${dir} is not in a git work tree)`);
  const diff = await run(dir, ['diff', '--relative', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', commit.trim(), '--']);
  if (diff === undefined) throw new ChangedSinceError(`git diff ${rev} failed in ${dir}`);
  const changed = parseChangedLines(diff);
  const untracked = await run(dir, ['ls-files', '--others', '--exclude-standard', '-z']);
  for (const file of untracked?.split('\0') ?? []) if (file !== '') changed.addFile(file);
  return changed;
}

/**
 * Reads a zero-context diff: `+++ b/path` names the file, each hunk's new side is
 * touched; a pure deletion touches the line above the removed block.
 */
export function parseChangedLines(diff: string, into = new ChangedLines()): ChangedLines {
  let file: string | undefined;
  let start = 0;
  while (start < diff.length) {
    let end = diff.indexOf('\n', start);
    if (end < 0) end = diff.length;
    const line = diff.slice(start, end);
    start = end + 1;
    if (line.startsWith('+++ ')) {
      file = newSidePath(line.slice(4));
      continue;
    }
    if (file === undefined || !line.startsWith('@@ -')) continue;
    const hunk = parseHunkHeader(line);
    if (!hunk) continue;
    if (hunk.newCount > 0) into.addLines(file, hunk.newStart, hunk.newCount);
    else into.addLines(file, Math.max(1, hunk.newStart), 1);
  }
  return into;
}

/** `b/src/x.ts`, `"b/src/tab\there.ts"` or `/dev/null` → the path, or undefined for a deleted file. */
function newSidePath(raw: string): string | undefined {
  const path = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? unquoteC(raw.slice(1, -1)) : raw;
  if (path === '/dev/null' || !path.startsWith('b/')) return undefined;
  return path.slice(2);
}

/** Git quotes unusual file names C-style: `\t`, `\n`, `\"`, `\\` and octal bytes. */
function unquoteC(text: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\' || i + 1 >= text.length) {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = text[++i]!;
    if (next in simple) bytes.push(simple[next]!);
    else if (/^[0-7]{3}$/.test(text.slice(i, i + 3))) {
      bytes.push(parseInt(text.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(...Buffer.from(next, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
