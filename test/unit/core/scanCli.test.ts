import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/opslens';

function workspace(config: string, log: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'opslens-scan-'));
  mkdirSync(path.join(dir, 'src'));
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(path.join(dir, '.opslens.yaml'), config);
  writeFileSync(path.join(dir, 'src/pay.js'), 'function charge() {\n  throw new TypeError("boom");\n}\n');
  writeFileSync(path.join(dir, 'logs/app.ndjson'), log);
  return dir;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (t) => (out += `${t}\n`), (t) => (err += `${t}\n`));
  return { code, out, err };
}

const stack = 'TypeError: boom\n    at charge (/deploy/app/src/pay.js:2:9)\n    at main (/deploy/app/node_modules/x/index.js:1:1)';

void test('scan --format json prints the error on the throwing line', async () => {
  const now = Date.now();
  const line = (t: number) => JSON.stringify({ level: 50, time: t, msg: 'failed', err: { type: 'TypeError', message: 'boom', stack } });
  const dir = workspace('sources:\n  - { type: file, path: logs/*.ndjson }\n', `${line(now - 1000)}\n${line(now - 500)}\nnot json\n`);
  const { code, out } = await run(['scan', dir, '--format', 'json', '--since', '1h']);
  assert.equal(code, 0);
  const annotations = JSON.parse(out) as { file: string; line: number; kind: string; count: number; title: string }[];
  assert.equal(annotations.length, 1);
  assert.deepEqual(
    { file: annotations[0]!.file, line: annotations[0]!.line, kind: annotations[0]!.kind, count: annotations[0]!.count, title: annotations[0]!.title },
    { file: 'src/pay.js', line: 2, kind: 'error', count: 2, title: 'TypeError: boom' },
  );
});

void test('scan --since excludes older events', async () => {
  const old = JSON.stringify({ level: 50, time: Date.now() - 3 * 3_600_000, msg: 'x', err: { stack } });
  const dir = workspace('sources:\n  - { type: file, path: logs/*.ndjson }\n', `${old}\n`);
  const { code, out } = await run(['scan', dir, '--format', 'json', '--since', '1h']);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(out), []);
});

void test('an invalid config exits 2 and names the file and line', async () => {
  const dir = workspace('sources:\n  - { type: nosuch }\n', '');
  const { code, err } = await run(['scan', dir]);
  assert.equal(code, 2);
  assert.match(err, /\.opslens\.yaml:2:\d+: a source needs a `type`/);
});

void test('bad usage exits 2', async () => {
  assert.equal((await run(['scan', '--since', 'yesterday'])).code, 2);
  assert.equal((await run(['frobnicate'])).code, 2);
  assert.equal((await run(['scan', '--format', 'xml'])).code, 2);
});
