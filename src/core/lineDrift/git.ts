import { execFile } from 'node:child_process';

/** Runs git with arguments in a folder; resolves to stdout, or undefined when git fails or is missing. */
export type GitRunner = (cwd: string, args: readonly string[]) => Promise<string | undefined>;

const TIMEOUT_MS = 15_000;
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

/**
 * Options that keep a read-only git call from running anything the repository's
 * own config names (a workspace is not necessarily trusted): no fsmonitor hook, no
 * external diff or textconv driver, pathspecs taken literally, no pager.
 */
const HARDENING = ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', '--literal-pathspecs', '--no-pager'];

/** The default runner: the `git` on PATH through execFile (no shell), bounded in time and output. */
export const runGit: GitRunner = (cwd, args) =>
  new Promise((resolve) => {
    execFile(
      'git',
      [...HARDENING, ...args],
      { cwd, timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });

/** The top folder of the git work tree holding `dir`, or undefined outside one (or without git). */
export async function findGitRoot(dir: string, run: GitRunner = runGit): Promise<string | undefined> {
  const out = await run(dir, ['rev-parse', '--show-toplevel']);
  const root = out?.trim();
  return root ? root : undefined;
}
