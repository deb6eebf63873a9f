import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Group } from '../../../../src/core/aggregate/groups';
import { LineDrift, driftGroups, withDrift } from '../../../../src/core/lineDrift/lineDrift';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=OpsLens Test', '-c', 'user.email=test@opslens.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

const releaseLines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);

/**
 * A repository whose release commit (tag v1.4.2) has pay.ts = "line 1" … "line 20";
 * the next commit inserts 3 lines at the top and edits line 10; the working tree
 * then deletes line 2 and edits line 15 without committing.
 */
function repository(): { root: string; release: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'opslens-drift-'));
  git(root, 'init', '-q');
  writeFileSync(path.join(root, 'pay.ts'), `${releaseLines.join('\n')}\n`);
  writeFileSync(path.join(root, 'other.ts'), 'unchanged\n');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'release');
  git(root, 'tag', 'v1.4.2');
  const release = git(root, 'rev-parse', 'HEAD');
  const later = ['import a;', 'import b;', '', ...releaseLines.map((l) => (l === 'line 10' ? 'line 10 fixed' : l))];
  writeFileSync(path.join(root, 'pay.ts'), `${later.join('\n')}\n`);
  git(root, 'commit', '-q', '-am', 'later');
  const worktree = later.filter((l) => l !== 'line 2').map((l) => (l === 'line 15' ? 'line 15 edited' : l));
  writeFileSync(path.join(root, 'pay.ts'), `${worktree.join('\n')}\n`);
  return { root, release };
}

/** The working-tree line number holding the text a release line had (or its edited form). */
function lineOf(root: string, text: string): number {
  return readFileSync(path.join(root, 'pay.ts'), 'utf8').split('\n').indexOf(text) + 1;
}

void test('lines move through committed and uncommitted changes; edited lines are changedSince', async () => {
  const { root, release } = repository();
  const drift = new LineDrift(root, root);
  const at = async (line: number) => drift.move(release, { file: 'pay.ts', line });
  assert.deepEqual(await at(1), { location: { file: 'pay.ts', line: lineOf(root, 'line 1') }, changed: false });
  assert.deepEqual(await at(5), { location: { file: 'pay.ts', line: lineOf(root, 'line 5') }, changed: false });
  assert.deepEqual(await at(10), { location: { file: 'pay.ts', line: lineOf(root, 'line 10 fixed') }, changed: true });
  assert.deepEqual(await at(15), { location: { file: 'pay.ts', line: lineOf(root, 'line 15 edited') }, changed: true });
  assert.deepEqual(await at(20), { location: { file: 'pay.ts', line: lineOf(root, 'line 20') }, changed: false });
  assert.equal((await at(2))?.changed, true);
  assert.deepEqual(await drift.move(release, { file: 'other.ts', line: 1, column: 3 }), { location: { file: 'other.ts', line: 1, column: 3 }, changed: false });
});

void test('a version resolves through the tag vNAME or NAME; a short sha works too', async () => {
  const { root, release } = repository();
  const drift = new LineDrift(root, root);
  assert.equal(await drift.commitFor('1.4.2'), release);
  assert.equal(await drift.commitFor('v1.4.2'), release);
  assert.equal(await drift.commitFor('payments@1.4.2'), release);
  assert.equal(await drift.commitFor(release.slice(0, 10)), release);
  assert.equal(await drift.commitFor('9.9.9'), undefined);
  assert.equal(await drift.commitFor('0000000000000000000000000000000000000000'), undefined);
  assert.equal(await drift.move('9.9.9', { file: 'pay.ts', line: 5 }), undefined);
});

void test('release names that git could read as options or expressions are never passed to it', async () => {
  const { root } = repository();
  const calls: string[][] = [];
  const drift = new LineDrift(root, root, { run: async (_cwd, args) => (calls.push([...args]), undefined) });
  const target = path.join(root, 'leak.txt');
  for (const name of [`--output=${target}`, 'HEAD~1', 'v1..v2', 'a b', '@{-1}', ':/fix', '-1.4.2']) assert.equal(await drift.commitFor(name), undefined);
  assert.deepEqual(calls, []);
  assert.equal(existsSync(target), false);
});

void test('the cached diff follows edits of the working tree', async () => {
  const { root, release } = repository();
  const drift = new LineDrift(root, root);
  const before = await drift.move(release, { file: 'pay.ts', line: 20 });
  writeFileSync(path.join(root, 'pay.ts'), `inserted\n${readFileSync(path.join(root, 'pay.ts'), 'utf8')}`);
  const after = await drift.move(release, { file: 'pay.ts', line: 20 });
  assert.equal(after!.location.line, before!.location.line + 1);
  assert.equal(after!.location.line, lineOf(root, 'line 20'));
});

void test('a workspace in a subfolder of the repository and discovery from it', async () => {
  const { root, release } = repository();
  execFileSync('mkdir', ['-p', path.join(root, 'svc')]);
  writeFileSync(path.join(root, 'svc/a.py'), 'x = 1\n');
  const drift = await LineDrift.discover(path.join(root, 'svc'));
  assert.ok(drift);
  assert.equal(drift.gitRoot, execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8' }).trim());
  // a file the release did not have: untracked, no diff, the line stays
  assert.deepEqual(await drift.move(release, { file: 'a.py', line: 1 }), { location: { file: 'a.py', line: 1 }, changed: false });
  assert.equal(await LineDrift.discover(mkdtempSync(path.join(tmpdir(), 'opslens-nogit-'))), undefined);
});

void test('groups get their working-tree lines; a group whose revision changed keeps its own', async () => {
  const { root, release } = repository();
  const group: Group = {
    fingerprint: 'f1', kind: 'error', message: 'boom', location: { file: 'pay.ts', line: 10 }, count: 1, firstSeen: 0, lastSeen: 0, hourly: [], releases: ['1.4.2'],
    levelCounts: {}, samples: [], calledFrom: [{ file: 'pay.ts', line: 20 }], causedBy: [{ type: 'E', message: 'm', location: { file: 'pay.ts', line: 5 } }],
    source: 'file', changedSince: false, revision: '1.4.2',
  };
  const unknown: Group = { ...group, fingerprint: 'f2', revision: 'not-a-release' };
  const drifts = await driftGroups(new LineDrift(root, root), [group, unknown, { ...group, fingerprint: 'f3', revision: undefined }]);
  assert.deepEqual([...drifts.keys()], ['f1']);
  const moved = withDrift(group, drifts.get('f1'));
  assert.deepEqual(moved.location, { file: 'pay.ts', line: lineOf(root, 'line 10 fixed') });
  assert.equal(moved.changedSince, true);
  assert.equal(moved.changedSinceRelease, '1.4.2');
  assert.deepEqual(moved.calledFrom, [{ file: 'pay.ts', line: lineOf(root, 'line 20') }]);
  assert.deepEqual(moved.causedBy[0]!.location, { file: 'pay.ts', line: lineOf(root, 'line 5') });
  assert.equal(group.location.line, 10, 'the aggregator-owned group is not modified');
  assert.equal(withDrift({ ...group, revision: release }, drifts.get('f1')).location.line, 10);
});

void test('many groups on one file cost one release lookup and one diff', async () => {
  const { root } = repository();
  const calls: string[] = [];
  const counting = async (cwd: string, args: readonly string[]) => {
    calls.push(args[0]!);
    return (await import('../../../../src/core/lineDrift/git')).runGit(cwd, args);
  };
  const base: Group = {
    fingerprint: '', kind: 'log', message: 'm', location: { file: 'pay.ts', line: 1 }, count: 1, firstSeen: 0, lastSeen: 0, hourly: [], releases: [],
    levelCounts: {}, samples: [], calledFrom: [], causedBy: [], source: 'file', changedSince: false, revision: '1.4.2',
  };
  const groups = Array.from({ length: 50 }, (_, i) => ({ ...base, fingerprint: `g${i}`, location: { file: 'pay.ts', line: 1 + (i % 20) } }));
  const drifts = await driftGroups(new LineDrift(root, root, { run: counting }), groups);
  assert.equal(drifts.size, 50);
  // the release is looked up once: tag 1.4.2 (absent), then v1.4.2
  assert.deepEqual(calls.sort(), ['diff', 'rev-parse', 'rev-parse']);
});

void test('a release unknown at first is asked about again later (a fetch or a new tag may bring it)', async () => {
  const { root, release } = repository();
  let now = 0;
  const drift = new LineDrift(root, root, { now: () => now, retryUnknownAfterMs: 60_000 });
  assert.equal(await drift.commitFor('2.0.0'), undefined);
  git(root, 'tag', 'v2.0.0', release);
  now = 59_000;
  assert.equal(await drift.commitFor('2.0.0'), undefined, 'still the remembered answer');
  now = 61_000;
  assert.equal(await drift.commitFor('2.0.0'), release);
  git(root, 'tag', '-d', 'v2.0.0');
  now = 1_000_000;
  assert.equal(await drift.commitFor('2.0.0'), release, 'a found commit is kept');
});

void test('a workspace opened through a symbolic link still drifts (git prints the resolved top folder)', async () => {
  const { root, release } = repository();
  const link = path.join(mkdtempSync(path.join(tmpdir(), 'opslens-link-')), 'ws');
  symlinkSync(root, link);
  const drift = await LineDrift.discover(link);
  assert.ok(drift);
  assert.deepEqual(await drift.move(release, { file: 'pay.ts', line: 10 }), { location: { file: 'pay.ts', line: lineOf(root, 'line 10 fixed') }, changed: true });
});
