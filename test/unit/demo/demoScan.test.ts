// The demo workspace's promise: every error its service really raised lands on the
// line that raised it. The log is the committed one (nothing is regenerated here),
// so the window is wide enough to cover however old it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../../src/cli/opslens';

const DEMO = path.resolve(__dirname, '../../../examples/demo');
const LOG = path.join(DEMO, 'logs/checkout.ndjson');

interface ScanAnnotation {
  file: string;
  line: number;
  kind: string;
  service: string | null;
  title: string;
  count: number;
}

/** Each failure the demo service has, and a text unique to the line that raises it. */
const EXPECTED = [
  { type: 'TypeError', file: 'src/orders/orderService.ts', raisedBy: 'request.shippingAddress.country ===' },
  { type: 'PaymentDeclinedError', file: 'src/payments/charge.ts', raisedBy: 'throw new PaymentDeclinedError(' },
  { type: 'WarehouseTimeoutError', file: 'src/inventory.ts', raisedBy: 'reject(new WarehouseTimeoutError(' },
  { type: 'OrderPersistenceError', file: 'src/orders/orderRepository.ts', raisedBy: 'throw new OrderPersistenceError(' },
  { type: 'SyntaxError', file: 'src/promotions/coupons.ts', raisedBy: 'JSON.parse(' },
];

function lineContaining(file: string, text: string): number {
  const lines = readFileSync(path.join(DEMO, file), 'utf8').split('\n');
  const hits = lines.flatMap((line, i) => (line.includes(text) ? [i + 1] : []));
  assert.equal(hits.length, 1, `${file} must contain "${text}" on exactly one line`);
  return hits[0]!;
}

/** How many log lines carry an error of each type: counted from the log itself, not from OpsLens. */
function errorCountsInLog(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(LOG, 'utf8').split('\n')) {
    if (line === '') continue;
    const type = (JSON.parse(line) as { err?: { type?: string } }).err?.type;
    if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

async function scanDemo(): Promise<ScanAnnotation[]> {
  let out = '';
  let err = '';
  const code = await main(['scan', DEMO, '--since', '3650d', '--format', 'json'], (t) => (out += t), (t) => (err += t));
  assert.equal(code, 0, err);
  assert.equal(err, '', 'no source failed');
  return JSON.parse(out) as ScanAnnotation[];
}

void test('every error of the demo service lands on the line that raised it, with its count from the log', async () => {
  const annotations = (await scanDemo()).filter((a) => a.kind === 'error');
  const inLog = errorCountsInLog();
  for (const expected of EXPECTED) {
    const found = annotations.filter((a) => a.title.startsWith(`${expected.type}:`));
    assert.equal(found.length, 1, `one ${expected.type} group, got ${JSON.stringify(found)}`);
    const [annotation] = found;
    assert.deepEqual(
      { file: annotation!.file, line: annotation!.line, service: annotation!.service, count: annotation!.count },
      { file: expected.file, line: lineContaining(expected.file, expected.raisedBy), service: 'checkout', count: inLog.get(expected.type) },
      expected.type,
    );
  }
  assert.deepEqual([...inLog.keys()].sort(), EXPECTED.map((e) => e.type).sort(), 'the log holds exactly the expected error types');
  assert.equal(annotations.length, EXPECTED.length, 'no error group beyond the expected ones');
});

void test('the demo log has one error firing 100+ times and rarer ones', () => {
  const counts = [...errorCountsInLog().values()].sort((a, b) => b - a);
  assert.ok(counts[0]! >= 100, `busiest error fired ${counts[0]} times`);
  assert.ok(counts.slice(1).every((c) => c > 0 && c < counts[0]! / 2), `others: ${counts.slice(1).join(', ')}`);
});

void test('--if-stale leaves a log alone whose newest line is within the allowed age', async () => {
  const generator = await import('../../../examples/demo/scripts/generateLogs.mjs');
  const newest = await generator.newestLogTime();
  assert.ok(newest !== undefined, 'the committed log has timestamped lines');
  const before = statSync(LOG).mtimeMs;
  assert.equal(await generator.ensureFreshDemoLogs({ maxAgeMs: 60_000, now: newest + 30_000 }), false);
  assert.equal(statSync(LOG).mtimeMs, before);
});
