import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatText } from '../../../src/cli/scan';
import type { Annotation } from '../../../src/core/annotations';

const base: Annotation = {
  file: 'src/pay.ts',
  line: 12,
  kind: 'error',
  service: 'payments',
  title: 'TypeError: boom',
  count: 132,
  firstSeen: '2026-11-25T10:00:00.000Z',
  lastSeen: '2026-11-26T09:00:00.000Z',
  fingerprint: 'f',
  runbooks: [{ title: 'Payments 5xx', url: 'docs/runbooks/payments-5xx.md' }],
  changedSince: true,
};

void test('text lines: location, kind, count, title, service, drift and the first runbook', () => {
  assert.equal(formatText([base]), 'src/pay.ts:12: error 132× TypeError: boom [payments] (code changed since) · runbook: docs/runbooks/payments-5xx.md');
  const incident = { ...base, kind: 'incident' as const, count: 1, title: 'Payments5xx', runbooks: [], changedSince: false, file: '.opslens.yaml', line: 1 };
  assert.equal(formatText([incident]), '.opslens.yaml:1: incident firing since 2026-11-25T10:00:00.000Z Payments5xx [payments]');
});

void test('terminal escape sequences and newlines from production text are neutralised', () => {
  const line = formatText([{ ...base, title: 'boom\u001b]0;pwned\u0007\n\u001b[2Jnext', service: 'pay\u001b[31m' }]);
  assert.equal(line.includes('\u001b'), false);
  assert.equal(line.includes('\u0007'), false);
  assert.equal(line.includes('\n'), false);
});
