import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import type { StatementLookup } from '../../../../src/core/analysis/placeEvent';
import type { ProdEvent } from '../../../../src/core/events';
import type { LogStatement } from '../../../../src/core/logStatements/logStatement';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';

const NOW = 1_764_150_000_000;
const CONFIG = { services: [], sources: [], windowMs: 3_600_000 };
const FILES = ['src/a.ts', 'src/b.ts'];

function statementAt(line: number): LogStatement {
  return { file: 'src/a.ts', line, column: 2, endLine: line, endColumn: 20, language: 'typescript', level: 'info', method: 'info', templates: [] };
}

/** `step N` lines come from the statement on line N; `boom` makes matching throw. */
const lookup: StatementLookup = {
  match(message) {
    if (message === 'boom') throw new Error('matcher failed');
    const n = Number(message.slice('step '.length));
    return Number.isInteger(n) ? { kind: 'matched', statement: statementAt(n) } : { kind: 'none' };
  },
};

function events(count: number): ProdEvent[] {
  return Array.from({ length: count }, (_, i): ProdEvent =>
    i % 3 === 0
      ? { timestamp: NOW - 1000 + i, message: 'bad', source: 'f', exception: { stacktrace: `Error: bad\n    at run (/srv/src/b.ts:${1 + (i % 7)}:3)` } }
      : { timestamp: NOW - 1000 + i, message: `step ${i % 11}`, source: 'f' },
  );
}

function analyzer(): Analyzer {
  const a = new Analyzer(CONFIG, new FileIndex(FILES), () => NOW);
  a.useStatements(lookup);
  return a;
}

void test('groups are the same whether events come in batches of thousands or one at a time', () => {
  const batched = analyzer();
  batched.ingest(events(2000));
  const single = analyzer();
  for (const e of events(2000)) single.ingest([e]);
  const summary = (a: Analyzer) => a.groups().map((g) => [g.fingerprint, g.count, g.location.line, g.lastSeen]).sort();
  assert.deepEqual(summary(batched), summary(single));
  assert.equal(batched.groups().length, 12); // eleven statements, and one error (fingerprinted by file and function, not line)
  assert.deepEqual(batched.placementStats().get('f'), single.placementStats().get('f'));
});

void test('when an event fails to place, the events placed before it still count', () => {
  const a = analyzer();
  const input = [...events(5), { timestamp: NOW, message: 'boom', source: 'f' }, ...events(5)];
  assert.throws(() => a.ingest(input), /matcher failed/);
  assert.equal(a.groups().reduce((n, g) => n + g.count, 0), 5);
});
