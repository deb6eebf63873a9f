import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { cachePath } from '../../../../src/core/logStatements/indexCache';
import { LogStatementIndex } from '../../../../src/core/logStatements/statementIndex';

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opslens-statements-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const SERVICE = "const logger = require('pino')();\nfunction pay(id) {\n  logger.info(`payment ${id} captured`);\n}\n";

void test('a second build reads unchanged files from the cache, and a changed file is parsed again', async () => {
  const root = workspace({ 'src/pay.js': SERVICE, 'src/other.js': "console.log('other module loaded');\n" });
  const first = await new LogStatementIndex(root).build();
  assert.deepEqual([first.parsed, first.fromCache, first.statements], [2, 0, 2]);
  const second = new LogStatementIndex(root);
  const stats = await second.build();
  assert.deepEqual([stats.parsed, stats.fromCache], [0, 2]);
  assert.equal(second.match('payment 7 captured').kind, 'matched');
  writeFileSync(path.join(root, 'src/other.js'), "console.log('other module ready');\n");
  const third = await new LogStatementIndex(root).build();
  assert.deepEqual([third.parsed, third.fromCache], [1, 1]);
});

void test('a corrupt or foreign cache is discarded and rebuilt', async () => {
  const root = workspace({ 'src/pay.js': SERVICE });
  await new LogStatementIndex(root).build();
  writeFileSync(cachePath(root), '{"version":1,"receivers":"log,console,sugar,zap","files":{"src/pay.js":{"hash":1');
  const stats = await new LogStatementIndex(root).build();
  assert.deepEqual([stats.parsed, stats.statements], [1, 1]);
  assert.doesNotThrow(() => JSON.parse(readFileSync(cachePath(root), 'utf8')));
  writeFileSync(cachePath(root), JSON.stringify({ version: 1, receivers: 'log,console,sugar,zap', files: { 'src/pay.js': { hash: 'x', size: SERVICE.length, mtimeMs: 0, statements: [{ line: 'one' }] } } }));
  const again = await new LogStatementIndex(root).build();
  assert.equal(again.parsed, 1);
});

void test('one changed file is re-indexed on its own and wins over its old statements', async () => {
  const root = workspace({ 'src/pay.js': SERVICE, 'src/refund.js': "const log = require('pino')();\nlog.warn('refund %s queued', id);\n" });
  const index = new LogStatementIndex(root, { cacheFile: false });
  await index.build();
  writeFileSync(path.join(root, 'src/pay.js'), "const logger = require('pino')();\n\nlogger.error(`payment ${id} failed`);\n");
  await index.updateFile('src/pay.js');
  assert.equal(index.match('payment 7 captured').kind, 'none');
  const moved = index.match('payment 7 failed');
  assert.equal(moved.kind === 'matched' && moved.statement.line, 3);
  assert.equal(index.match('refund r-1 queued').kind, 'matched');
  index.removeFile('src/refund.js');
  assert.equal(index.match('refund r-1 queued').kind, 'none');
});

void test('.gitignore, generated and vendored trees, and files without a receiver word are not indexed', async () => {
  const root = workspace({
    '.gitignore': 'ignored/\n',
    'ignored/a.js': "logger.info('ignored file');\n",
    'dist/app.js': "logger.info('compiled copy');\n",
    'vendor/lib.go': 'package lib\nfunc f() { log.Printf("vendored") }\n',
    'web/app.min.js': "logger.info('minified');\n",
    'src/math.js': 'export const add = (a, b) => a + b;\n',
    'src/app.py': 'import logging\nlogging.getLogger().info("kept")\n',
  });
  const index = new LogStatementIndex(root, { cacheFile: false });
  const stats = await index.build();
  assert.deepEqual(index.statements().map((s) => `${s.file}:${s.line}`), ['src/app.py:2']);
  assert.equal(stats.files, 2, 'only src/math.js and src/app.py are candidates');
});

void test('a source file that is not valid code yields what tree-sitter recovers, never a crash', async () => {
  const root = workspace({ 'src/broken.ts': 'logger.info("still found %s", x\nfunction (( {\nlogger.warn(`second ${y}`);\n' });
  const index = new LogStatementIndex(root, { cacheFile: false });
  await index.build();
  assert.ok(index.statements().length >= 1);
});
