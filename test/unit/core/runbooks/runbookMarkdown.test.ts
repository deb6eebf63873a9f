import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRunbookMarkdown } from '../../../../src/core/runbooks/runbookMarkdown';

const runbooks = path.join(__dirname, '../../../fixtures/services/monorepo/docs/runbooks');
const read = (name: string): string => readFileSync(path.join(runbooks, name), 'utf8');

void test('front matter gives title, alerts, errors and services (string or list)', () => {
  const { runbook, problem } = parseRunbookMarkdown(read('payments-5xx.md'), 'docs/runbooks/payments-5xx.md');
  assert.equal(problem, undefined);
  assert.deepEqual(runbook, {
    title: 'Payments returning 5xx',
    alerts: ['Payments5xx', 'PaymentsLatencyHigh'],
    errors: ['com.acme.payments.GatewayTimeoutException'],
    services: ['payments'],
  });
});

void test('without a title the first heading names the runbook, else the file name', () => {
  assert.equal(parseRunbookMarkdown(read('high-latency.md'), 'x/high-latency.md').runbook.title, 'Checkout is slow');
  assert.equal(parseRunbookMarkdown(read('disk-full.md'), 'x/disk-full.md').runbook.title, 'Disk full');
  assert.equal(parseRunbookMarkdown('no heading here\n', 'docs/runbooks/db-failover.md').runbook.title, 'db-failover');
});

void test('broken front matter is reported with the file line, and the runbook is kept', () => {
  const { runbook, problem } = parseRunbookMarkdown(read('broken.md'), 'docs/runbooks/broken.md');
  assert.ok(problem);
  assert.equal(problem.file, 'docs/runbooks/broken.md');
  assert.ok(problem.line >= 3 && problem.line <= 4, `line ${problem.line}`);
  assert.equal(runbook.title, 'Broken');
});

void test('an unclosed fence, CRLF, a BOM and singular keys are handled', () => {
  assert.match(parseRunbookMarkdown('---\ntitle: x\n', 'r.md').problem?.message ?? '', /no closing ---/);
  const crlf = parseRunbookMarkdown('\uFEFF---\r\nalert: DiskFull\r\nerror: IOError\r\nservice: db\r\n---\r\n# Disk\r\n', 'r.md').runbook;
  assert.deepEqual(crlf, { title: 'Disk', alerts: ['DiskFull'], errors: ['IOError'], services: ['db'] });
  assert.match(parseRunbookMarkdown('---\n- a\n---\n', 'r.md').problem?.message ?? '', /must be a mapping/);
  assert.deepEqual(parseRunbookMarkdown('---\nalerts: [A, 3, null, {x: 1}]\n---\n', 'r.md').runbook.alerts, ['A', '3']);
});
