import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { LogStatementIndex } from '../../../../src/core/logStatements/statementIndex';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';

const root = mkdtempSync(path.join(os.tmpdir(), 'opslens-place-'));
after(() => rmSync(root, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'src/orders.js': "const logger = require('pino')();\nexports.place = (id) => {\n  logger.info(`order ${id} placed`);\n  logger.warn('retrying');\n};\n",
  'src/jobs.js': "const logger = require('pino')();\nexports.run = () => logger.warn('retrying');\n",
};
for (const [rel, text] of Object.entries(FILES)) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

void test('log lines without a location become log groups on their statement; ties are reported, not guessed', async () => {
  const statements = new LogStatementIndex(root, { cacheFile: false });
  await statements.build();
  const now = Date.now();
  const analyzer = new Analyzer({ services: [], sources: [], windowMs: 3_600_000 }, new FileIndex(Object.keys(FILES)), () => now);
  analyzer.useStatements(statements);
  analyzer.ingest([
    { timestamp: now - 1000, message: 'order 1 placed', level: 'info', source: 'file' },
    { timestamp: now - 500, message: 'order 2 placed', level: 'info', source: 'file' },
    { timestamp: now - 200, message: 'retrying', level: 'warn', source: 'file' },
    { timestamp: now - 100, message: 'order 3 placed', source: 'file', code: { filepath: 'src/jobs.js', lineno: 2 } },
  ]);
  const groups = analyzer.groups();
  const placed = groups.find((g) => g.location.file === 'src/orders.js');
  assert.equal(placed?.kind, 'log');
  assert.equal(placed?.location.line, 3);
  assert.equal(placed?.count, 2);
  assert.deepEqual(placed?.levelCounts, { info: 2 });
  // The explicit location wins over the text match.
  assert.equal(groups.find((g) => g.location.file === 'src/jobs.js')?.location.line, 2);
  const stats = analyzer.placementStats().get('file');
  assert.equal(stats?.unplaced.ambiguousStatement, 1);
});

void test('log lines ingested while the statement index is expected wait for it; errors and located lines are placed at once', async () => {
  const now = Date.now();
  const analyzer = new Analyzer({ services: [], sources: [], windowMs: 3_600_000 }, new FileIndex(Object.keys(FILES)), () => now);
  analyzer.expectStatements();
  analyzer.ingest([
    { timestamp: now - 1000, message: 'order 1 placed', level: 'info', source: 'file' },
    { timestamp: now - 900, message: 'order 9 placed', source: 'file', code: { filepath: 'src/jobs.js', lineno: 2 } },
    { timestamp: now - 800, message: 'boom', source: 'file', exception: { type: 'Error', message: 'boom', stacktrace: 'Error: boom\n    at place (/app/src/orders.js:3:10)' } },
  ]);
  assert.equal(analyzer.heldForStatements(), 1);
  assert.deepEqual(analyzer.groups().map((g) => `${g.kind} ${g.location.file}:${g.location.line}`).sort(), ['error src/orders.js:3', 'log src/jobs.js:2']);
  assert.equal(analyzer.placementStats().get('file')?.unplaced.noLocation, 0, 'a held line is not reported as unplaceable');

  analyzer.ingest([{ timestamp: now - 500, message: 'order 2 placed', level: 'info', source: 'file' }]);
  const statements = new LogStatementIndex(root, { cacheFile: false });
  await statements.build();
  analyzer.useStatements(statements);
  assert.equal(analyzer.heldForStatements(), 0);
  const placed = analyzer.groups().find((g) => g.kind === 'log' && g.location.file === 'src/orders.js');
  assert.equal(placed?.location.line, 3);
  assert.equal(placed?.count, 2, 'both held lines reach their statement');
  assert.equal(analyzer.placementStats().get('file')?.received, 4);

  // Without expectStatements (or once the index is there) nothing is held.
  analyzer.ingest([{ timestamp: now - 100, message: 'order 3 placed', level: 'info', source: 'file' }]);
  assert.equal(analyzer.heldForStatements(), 0);
  assert.equal(analyzer.groups().find((g) => g.kind === 'log' && g.location.file === 'src/orders.js')?.count, 3);
});
