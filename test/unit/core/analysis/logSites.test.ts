import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprint } from '../../../../src/core/aggregate/fingerprint';
import { LogSites } from '../../../../src/core/analysis/logSites';
import type { LogStatement } from '../../../../src/core/logStatements/logStatement';

function statement(file: string, line: number): LogStatement {
  return { file, line, column: 2, endLine: line, endColumn: 30, language: 'typescript', level: 'info', method: 'info', templates: [{ constants: [`at ${line}`], holes: [] }] };
}

void test('a site is the statement file and line, with the log group fingerprint', () => {
  const site = new LogSites().of(statement('src/a.ts', 12));
  assert.deepEqual(site.location, { file: 'src/a.ts', line: 12 });
  assert.equal(site.fingerprint, fingerprint('log', 'src/a.ts', '12'));
});

void test('a statement seen again gets the same site back', () => {
  const sites = new LogSites();
  const s = statement('src/a.ts', 12);
  assert.equal(sites.of(s), sites.of(s));
  assert.equal(sites.size, 1);
});

void test('sites are bounded; an evicted statement gets an equal site again', () => {
  const sites = new LogSites(4);
  const statements = Array.from({ length: 20 }, (_, i) => statement(`src/m${i}.ts`, i + 1));
  const first = statements.map((s) => sites.of(s));
  assert.ok(sites.size <= 4);
  const again = sites.of(statements[0]!);
  assert.notEqual(again, first[0]);
  assert.deepEqual(again, first[0]);
});
