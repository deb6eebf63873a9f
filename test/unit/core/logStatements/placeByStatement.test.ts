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
