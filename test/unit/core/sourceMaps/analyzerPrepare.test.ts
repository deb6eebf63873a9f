import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import type { ProdEvent } from '../../../../src/core/events';
import { SourceMapStore } from '../../../../src/core/sourceMaps/sourceMapStore';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';
import { walkWorkspace } from '../../../../src/core/workspace/walkWorkspace';

const ws = path.resolve('test/fixtures/sourceMaps/ws');
const stacks = JSON.parse(readFileSync('test/fixtures/sourceMaps/stacks.json', 'utf8')) as Record<string, string[]>;

void test('Analyzer.prepare loads the maps the events need, then ingest places them on TypeScript lines without reading files', async () => {
  let syncReads = 0;
  const store = new SourceMapStore(ws, {
    readFile: () => (syncReads++, undefined),
    readFileAsync: async (f) => readFileSync(path.join(ws, f), 'utf8'),
  });
  const now = Date.now();
  const analyzer = new Analyzer({ services: [], sources: [], windowMs: 3_600_000 }, new FileIndex(await walkWorkspace(ws)), () => now, store);
  const events: ProdEvent[] = stacks['lib/main.js']!.map((stack, i) => ({ timestamp: now - i, message: 'failed', source: 'file', exception: { stacktrace: stack } }));
  await analyzer.prepare(events);
  analyzer.ingest(events);
  const placed = analyzer.groups().map((g) => `${g.location.file}:${g.location.line}`).sort();
  const marked = (marker: string) => readFileSync(path.join(ws, 'src/pay.ts'), 'utf8').split('\n').findIndex((l) => l.includes(marker)) + 1;
  assert.deepEqual(placed, [`src/pay.ts:${marked('@throws RangeError')}`, `src/pay.ts:${marked('@throws TypeError')}`].sort());
  assert.equal(syncReads, 0);
});
