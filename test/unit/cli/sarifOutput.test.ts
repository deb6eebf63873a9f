import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sarifText } from '../../../src/cli/sarifOutput';
import type { Annotation } from '../../../src/core/annotations';

const annotation: Annotation = {
  file: 'src/a.ts',
  line: 3,
  kind: 'error',
  service: null,
  title: 'Error: x',
  count: 1,
  firstSeen: '2026-01-01T00:00:00.000Z',
  lastSeen: '2026-01-01T00:00:00.000Z',
  fingerprint: 'f',
  runbooks: [],
  changedSince: false,
};

type Run = { originalUriBaseIds: Record<string, { uri: string }>; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] };
const firstRun = (text: string): Run => (JSON.parse(text) as { runs: Run[] }).runs[0]!;
const uriOf = (run: Run): string => run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;

void test('outside a git work tree, paths stay relative to the scanned folder, which is %SRCROOT%', async () => {
  const dir = path.resolve('some/folder');
  const run = firstRun(await sarifText(dir, [annotation], async () => undefined));
  assert.equal(uriOf(run), 'src/a.ts');
  assert.equal(run.originalUriBaseIds['%SRCROOT%']!.uri, pathToFileURL(`${dir}${path.sep}`).toString());
});

void test('in a subfolder of a repository, paths are prefixed with its place in the repository', async () => {
  const git = async (_cwd: string, args: readonly string[]) => (args.includes('--show-prefix') ? 'services/pay/\n' : '/repo\n');
  const run = firstRun(await sarifText('/repo/services/pay', [annotation], git));
  assert.equal(uriOf(run), 'services/pay/src/a.ts');
  assert.equal(run.originalUriBaseIds['%SRCROOT%']!.uri, 'file:///repo/');
});
