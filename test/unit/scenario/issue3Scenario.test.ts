import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/opslens';

// The issue-3 scenario, built by scripts/fixtures/buildScenario.sh from real runs: four
// services logged errors while running release 1.4.2 (commit A); the code then moved on
// (commit B, in repo.bundle) and has uncommitted edits (uncommitted/). Every line where
// an error must land in the working tree carries `@expect-error changedSince=…`.
const fixture = path.resolve('test/fixtures/scenario');
const recordedAt = Date.parse((JSON.parse(readFileSync(path.join(fixture, 'scenario.json'), 'utf8')) as { recordedAt: string }).recordedAt);

interface Placed {
  file: string;
  line: number;
  changedSince: boolean;
}

interface ScanAnnotation extends Placed {
  kind: string;
  title: string;
  count: number;
}

let workspace = '';
let annotations: ScanAnnotation[] = [];

/** The working tree: a clone of the bundle, the uncommitted edits on top, and the logs the services wrote. */
function checkOut(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'opslens-scenario-')), 'ws');
  execFileSync('git', ['clone', '-q', path.join(fixture, 'repo.bundle'), dir]);
  cpSync(path.join(fixture, 'uncommitted'), dir, { recursive: true });
  cpSync(path.join(fixture, 'logs'), path.join(dir, 'logs'), { recursive: true });
  return dir;
}

/** Every `@expect-error` (or other) marker of the service's source files (build output excluded). */
function expected(service: string, marker = '@expect-error'): Placed[] {
  const out: Placed[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(workspace, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'dist') walk(child);
        continue;
      }
      readFileSync(path.join(workspace, child), 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const at = text.indexOf(`${marker} changedSince=`);
          if (at >= 0) out.push({ file: child, line: i + 1, changedSince: text.startsWith('true', at + `${marker} changedSince=`.length) });
        });
    }
  };
  walk(`services/${service}`);
  return out.sort(byPlace);
}

function placedErrors(service: string): Placed[] {
  return annotations
    .filter((a) => a.kind === 'error' && a.file.startsWith(`services/${service}/`))
    .map(({ file, line, changedSince }) => ({ file, line, changedSince }))
    .sort(byPlace);
}

function byPlace(a: Placed, b: Placed): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

before(async () => {
  workspace = checkOut();
  // The window reaches back to when the fixture was recorded, so the test does not age.
  const hours = Math.ceil((Date.now() - recordedAt) / 3_600_000) + 24;
  let out = '';
  let err = '';
  const code = await main(['scan', workspace, '--format', 'json', '--since', `${hours}h`], (t) => (out += t), (t) => (err += t));
  assert.equal(code, 0, err);
  annotations = JSON.parse(out) as ScanAnnotation[];
});

void test('TypeScript service: compiled dist/*.js frames land on the TS working-tree lines through source maps and drift', () => {
  assert.deepEqual(placedErrors('web'), expected('web'));
  const typeError = annotations.find((a) => a.title === 'TypeError: card token missing');
  assert.equal(typeError?.count, 2);
});

void test('Python service (python-json-logger, and its cron job in plain text with a chained traceback): errors land on the working-tree lines', () => {
  assert.deepEqual(placedErrors('worker'), expected('worker'));
});

void test('a log statement with its location (python-json-logger pathname/lineno) moves with the code too', () => {
  const logs = expected('worker', '@expect-log');
  assert.ok(logs.length > 0);
  for (const want of logs) {
    const got = annotations.filter((a) => a.kind === 'log' && a.file === want.file && a.line === want.line);
    assert.equal(got.length, 1, `one log annotation at ${want.file}:${want.line}`);
    assert.equal(got[0]!.changedSince, want.changedSince);
  }
  const stray = annotations.filter((a) => a.kind === 'log' && logs.some((w) => w.file === a.file) && !logs.some((w) => w.line === a.line));
  assert.deepEqual(stray, []);
});

void test('JVM service (logback text, `\\tat` frames): errors land on the lines that threw', () => {
  assert.deepEqual(placedErrors('billing'), expected('billing'));
});

void test('Go service: the recovered panic (JSON) and the crash (stderr) land on the panicking lines', () => {
  assert.deepEqual(placedErrors('gateway'), expected('gateway'));
});

void test('nothing lands on dependency frames or outside the services', () => {
  const errors = annotations.filter((a) => a.kind === 'error');
  assert.ok(errors.length > 0);
  for (const a of errors) {
    assert.match(a.file, /^services\/(web|worker|billing|gateway)\//, `${a.file}:${a.line}`);
    assert.doesNotMatch(a.file, /(^|\/)(node_modules|site-packages|dist)\//, `${a.file}:${a.line}`);
  }
});
