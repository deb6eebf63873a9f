import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProdEvent } from '../../../../src/core/events';
import { LogSites } from '../../../../src/core/analysis/logSites';
import { placeEvent, type StatementLookup } from '../../../../src/core/analysis/placeEvent';
import type { LogStatement } from '../../../../src/core/logStatements/logStatement';
import { FrameResolver } from '../../../../src/core/mapping/frameResolver';
import { StackTraceCache } from '../../../../src/core/stackTraces/stackTraceCache';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';

const FILES = ['src/orders.ts', 'src/pay.ts', 'src/main.ts'];
const STATEMENT: LogStatement = { file: 'src/orders.ts', line: 7, column: 2, endLine: 7, endColumn: 40, language: 'typescript', level: 'info', method: 'info', templates: [{ constants: ['order ', ' placed'], holes: ['any'] }] };
/** Stands in for the index: one statement writes `order … placed`. */
const statements: StatementLookup = {
  match: (message) => (message.startsWith('order ') && message.endsWith(' placed') ? { kind: 'matched', statement: STATEMENT } : { kind: 'none' }),
};

function events(): ProdEvent[] {
  const out: ProdEvent[] = [];
  for (let i = 0; i < 6; i++) {
    const stack = `TypeError: card ${i % 2} declined\n    at charge (/srv/app/src/pay.ts:${10 + (i % 2)}:5)\n    at main (/srv/app/src/main.ts:4:3)`;
    out.push({ timestamp: 1000 + i, message: `card ${i % 2} declined`, source: 'file', service: 'shop', level: 'error', exception: { stacktrace: stack } });
    out.push({ timestamp: 2000 + i, message: `order ${i} placed`, source: 'file', level: 'info' });
    out.push({ timestamp: 3000 + i, message: 'Error: no frames', source: 'file', exception: { stacktrace: 'Error: no frames' } });
    out.push({ timestamp: 4000 + i, message: 'unknown line', source: 'file' });
  }
  return out;
}

void test('events place the same with the caches as without, repeats (cache hits) included', () => {
  const resolver = new FrameResolver(new FileIndex(FILES));
  const caches = { stacks: new StackTraceCache(), logSites: new LogSites() };
  const plain = events().map((e) => placeEvent(e, resolver, statements));
  const cached = events().map((e) => placeEvent(e, resolver, statements, caches));
  assert.deepEqual(cached, plain);
  assert.ok(plain.some((p) => 'placed' in p && p.placed.kind === 'error'));
  assert.ok(plain.some((p) => 'placed' in p && p.placed.kind === 'log'));
  assert.equal(caches.stacks.size, 3); // two traces with frames and one without
  assert.equal(caches.logSites.size, 1);
});
