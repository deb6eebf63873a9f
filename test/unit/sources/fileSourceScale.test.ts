/**
 * A log with more records than a call can take as arguments (about 120k on Node 20), read on
 * first sight in one poll: every record arrives. `events.push(...many)` overflowed the stack
 * here and the poll failed with nothing read (found by bench/scale.bench.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { FileSource } from '../../../src/sources/fileSource';

void test('a first poll of a log holding 200k records delivers all of them', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opslens-scale-'));
  try {
    const now = Date.now();
    const lines = Array.from({ length: 200_000 }, (_, i) => `{"level":30,"time":${now - 1000},"msg":"m${i}"}`);
    writeFileSync(path.join(dir, 'app.ndjson'), `${lines.join('\n')}\n`);
    const source = new FileSource({ name: 'app', path: '*.ndjson', root: dir });
    const result = await source.poll({ since: now - 3_600_000, until: now + 1000 });
    source.dispose();
    assert.equal(result.events.length, 200_000);
    assert.equal(result.events[199_999]!.message, 'm199999');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
