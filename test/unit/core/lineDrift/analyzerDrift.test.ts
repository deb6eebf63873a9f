import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import type { ProdEvent } from '../../../../src/core/events';
import { LineDrift } from '../../../../src/core/lineDrift/lineDrift';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@opslens.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd });
}

const body = ['function charge(card) {', '  if (!card) {', "    throw new TypeError('no card');", '  }', '}', ''];

/** v1: the throw on line 3; v2: two lines above it (line 5); working tree: one more (line 6). */
function repository(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'opslens-analyzer-drift-'));
  git(root, 'init', '-q');
  writeFileSync(path.join(root, 'pay.js'), body.join('\n'));
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'v1');
  git(root, 'tag', 'v1');
  writeFileSync(path.join(root, 'pay.js'), ["'use strict';", '', ...body].join('\n'));
  git(root, 'commit', '-q', '-am', 'v2');
  git(root, 'tag', 'v2');
  writeFileSync(path.join(root, 'pay.js'), ['// @ts-check', "'use strict';", '', ...body].join('\n'));
  return root;
}

function event(version: string, line: number, timestamp: number): ProdEvent {
  const stacktrace = `TypeError: no card\n    at charge (/srv/app/pay.js:${line}:11)\n    at main (/srv/app/node_modules/x/index.js:1:1)`;
  return { timestamp, version, message: 'failed', source: 'file', exception: { stacktrace } };
}

void test('one error raised by two releases lands on one working-tree line, whichever release was seen last', async () => {
  const root = repository();
  const now = Date.now();
  for (const order of [[event('1', 3, now - 2000), event('2', 5, now - 1000)], [event('2', 5, now - 2000), event('1', 3, now - 1000)]]) {
    const analyzer = new Analyzer({ services: [], sources: [], windowMs: 3_600_000 }, new FileIndex(['pay.js']), () => now);
    analyzer.ingest(order);
    const drift = await LineDrift.discover(root);
    assert.ok(drift);
    await analyzer.applyLineDrift(drift);
    const [group, ...others] = analyzer.groups();
    assert.equal(others.length, 0);
    assert.deepEqual(group!.location, { file: 'pay.js', line: 6, column: 11 });
    assert.equal(group!.changedSince, false);
    assert.equal(group!.count, 2);
    assert.equal(group!.changedSinceRelease, order[1]!.version);
  }
});

void test('without applyLineDrift, or for a release git does not know, lines stay as the release printed them', async () => {
  const root = repository();
  const now = Date.now();
  const analyzer = new Analyzer({ services: [], sources: [], windowMs: 3_600_000 }, new FileIndex(['pay.js']), () => now);
  analyzer.ingest([event('9.9.9', 3, now - 1000)]);
  assert.equal(analyzer.groups()[0]!.location.line, 3);
  await analyzer.applyLineDrift((await LineDrift.discover(root))!);
  assert.equal(analyzer.groups()[0]!.location.line, 3);
  assert.equal(analyzer.groups()[0]!.changedSinceRelease, undefined);
});

void test('one logging statement seen in two releases becomes one log group on its working-tree line', async () => {
  const root = repository();
  const now = Date.now();
  const log = (version: string, line: number, timestamp: number): ProdEvent => ({
    timestamp, version, level: 'warn', message: 'no card', source: 'file', code: { filepath: '/srv/app/pay.js', lineno: line },
  });
  const analyzer = new Analyzer({ services: [], sources: [], windowMs: 3_600_000 }, new FileIndex(['pay.js']), () => now);
  analyzer.ingest([log('1', 3, now - 3000), log('1', 3, now - 2500), log('2', 5, now - 1000)]);
  assert.equal(analyzer.groups().length, 2, 'two groups while each sits on its release line');
  await analyzer.applyLineDrift((await LineDrift.discover(root))!);
  const groups = analyzer.groups();
  assert.equal(groups.length, 1);
  assert.deepEqual([groups[0]!.location.line, groups[0]!.count, groups[0]!.levelCounts.warn], [6, 3, 3]);
  assert.deepEqual(groups[0]!.releases, ['1', '2']);
  assert.equal(groups[0]!.firstSeen, now - 3000);
  assert.equal(groups[0]!.samples[0]!.timestamp, now - 1000);
  assert.equal(groups[0]!.hourly.reduce((a, b) => a + b, 0), 3);
});
