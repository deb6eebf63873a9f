import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChangedSinceError, changedLinesSince, parseChangedLines } from '../../../../src/core/report/changedLines';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

const lines = (n: number, tag = 'v1'): string => Array.from({ length: n }, (_, i) => `line ${i + 1} ${tag}`).join('\n') + '\n';

/** A repository with a committed base, then a second commit and uncommitted edits on top. */
function repository(): { repo: string; base: string } {
  const repo = mkdtempSync(path.join(tmpdir(), 'opslens-changed-'));
  git(repo, 'init', '-q');
  mkdirSync(path.join(repo, 'svc/src'), { recursive: true });
  writeFileSync(path.join(repo, 'svc/src/a.ts'), lines(10));
  writeFileSync(path.join(repo, 'svc/src/gone.ts'), lines(3));
  writeFileSync(path.join(repo, 'top.ts'), lines(3));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  const base = git(repo, 'rev-parse', 'HEAD').trim();
  // committed change: line 2 edited, two lines inserted after line 5
  const a = lines(10).split('\n');
  a[1] = 'line 2 edited';
  a.splice(5, 0, 'new A', 'new B');
  writeFileSync(path.join(repo, 'svc/src/a.ts'), a.join('\n'));
  rmSync(path.join(repo, 'svc/src/gone.ts'));
  git(repo, 'commit', '-q', '-am', 'second');
  // uncommitted: line 10 (now 12) removed; an untracked file
  const b = a.slice();
  b.splice(11, 1);
  writeFileSync(path.join(repo, 'svc/src/a.ts'), b.join('\n'));
  writeFileSync(path.join(repo, 'svc/src/new file.ts'), 'x\n');
  return { repo, base };
}

void test('lines touched by committed and uncommitted changes since REV, relative to the scanned folder', async () => {
  const { repo, base } = repository();
  const changed = await changedLinesSince(path.join(repo, 'svc'), base);
  const touched = Array.from({ length: 14 }, (_, i) => i + 1).filter((l) => changed.has('src/a.ts', l));
  assert.deepEqual(touched, [2, 6, 7, 11]);
  assert.equal(changed.has('src/new file.ts', 1), true, 'untracked files are wholly new');
  assert.equal(changed.has('src/gone.ts', 1), false);
  assert.equal(changed.has('top.ts', 1), false, 'files outside the scanned folder are not listed');
  const fromRoot = await changedLinesSince(repo, 'HEAD');
  assert.equal(fromRoot.has('svc/src/a.ts', 11), true);
  assert.equal(fromRoot.has('svc/src/a.ts', 2), false, 'HEAD already has the committed edit');
});

void test('an unknown revision or a folder outside git is a clear error', async () => {
  const { repo } = repository();
  await assert.rejects(changedLinesSince(repo, 'no-such-branch'), (e: unknown) => e instanceof ChangedSinceError && /no-such-branch/.test(e.reason));
  await assert.rejects(changedLinesSince(repo, '--output=/tmp/x'), ChangedSinceError);
  await assert.rejects(changedLinesSince(mkdtempSync(path.join(tmpdir(), 'opslens-nogit-')), 'HEAD'), ChangedSinceError);
});

void test('diff text: quoted names, deleted files and malformed hunks', () => {
  const diff = [
    'diff --git "a/tab\\there.ts" "b/tab\\there.ts"',
    '--- "a/tab\\there.ts"',
    '+++ "b/tab\\there.ts"',
    '@@ -1 +1,2 @@',
    '+++ /dev/null',
    '@@ -1,3 +0,0 @@',
    '+++ b/caf\\303\\251.ts',
    '+++ "b/caf\\303\\251.ts"',
    '@@ -4,2 +3,0 @@',
    '@@ garbage @@',
  ].join('\n');
  const changed = parseChangedLines(diff);
  assert.equal(changed.has('tab\there.ts', 1), true);
  assert.equal(changed.has('tab\there.ts', 2), true);
  assert.equal(changed.has('café.ts', 3), true, 'a pure deletion touches the line above it');
  assert.equal(changed.fileCount, 2);
});
