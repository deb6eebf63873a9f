import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseOpsLensConfig } from '../../../../src/core/config/opslensConfig';
import type { Incident } from '../../../../src/core/events';
import { normaliseRunbookUrl, type Runbook } from '../../../../src/core/runbooks/runbook';
import { RunbookIndex, sameErrorType } from '../../../../src/core/runbooks/runbookIndex';
import { isRunbookMarkdown } from '../../../../src/core/runbooks/loadRunbooks';
import { loadServiceContext } from '../../../../src/core/services/serviceContext';
import { walkWorkspace } from '../../../../src/core/workspace/walkWorkspace';

const root = path.join(__dirname, '../../../fixtures/services/monorepo');

async function load() {
  const config = parseOpsLensConfig(readFileSync(path.join(root, '.opslens.yaml'), 'utf8'));
  return loadServiceContext(root, config, await walkWorkspace(root));
}

const urls = (runbooks: Runbook[]): string[] => runbooks.map((r) => r.url);

function incident(fields: Partial<Incident>): Incident {
  return { id: 'i1', source: 'alertmanager', title: 'x', status: 'firing', startsAt: 0, labels: {}, runbookUrls: [], ...fields };
}

void test('config, catalog links and Markdown front matter merge into one runbook per target', async () => {
  const { runbooks, problems } = await load();
  const expected = JSON.parse(readFileSync(path.join(root, '../monorepo.runbooks.expected.json'), 'utf8')) as Runbook[];
  assert.deepEqual(runbooks.all(), expected);
  assert.deepEqual(problems.map((p) => p.file), ['services/search/catalog-info.yaml', 'services/search/catalog-info.yaml', 'docs/runbooks/broken.md']);
});

void test('an error lists the runbooks matching its type, then its service general runbooks', async () => {
  const { runbooks } = await load();
  assert.deepEqual(urls(runbooks.forError('com.acme.PaymentDeclinedError', 'payments')), [
    'docs/runbooks/payments-5xx.md',
    'https://wiki.example.com/payments/on-call',
  ]);
  assert.deepEqual(urls(runbooks.forError('GatewayTimeoutException', 'payments')), ['docs/runbooks/payments-5xx.md', 'https://wiki.example.com/payments/on-call']);
  // A qualified name from another package does not match a qualified runbook entry.
  assert.deepEqual(urls(runbooks.forError('org.other.GatewayTimeoutException', 'payments')), ['https://wiki.example.com/payments/on-call']);
  assert.deepEqual(urls(runbooks.forError('TypeError', 'checkout')), [
    'services/checkout/docs/runbooks/cart-errors.md',
    'https://wiki.example.com/checkout/runbook',
    'services/checkout/docs/runbooks/general.md',
  ]);
  // A runbook scoped to checkout is not offered for the same error in payments.
  assert.deepEqual(urls(runbooks.forError('TypeError', 'payments')), ['https://wiki.example.com/payments/on-call']);
  assert.deepEqual(urls(runbooks.forError(undefined, undefined)), []);
});

void test('an incident lists its runbook_url first, then runbooks matching its alert name', async () => {
  const { runbooks } = await load();
  const alert = incident({ title: 'Payments5xx', service: 'payments', labels: { alertname: 'Payments5xx' }, runbookUrls: ['https://wiki.example.com/alerts/payments-5xx'] });
  assert.deepEqual(urls(runbooks.forIncident(alert)), ['https://wiki.example.com/alerts/payments-5xx', 'docs/runbooks/payments-5xx.md']);
  assert.equal(runbooks.forIncident(alert)[0]!.title, 'Runbook: Payments5xx');
  // A runbook_url that is a repo path resolves to the known runbook, with its title.
  const byPath = runbooks.forIncident(incident({ title: 'Checkout latency', runbookUrls: ['./docs/runbooks/high-latency.md'] }));
  assert.deepEqual(byPath.map((r) => r.title), ['Checkout is slow']);
  // Matched by title when there is no alertname label (PagerDuty incidents).
  assert.deepEqual(urls(runbooks.forIncident(incident({ title: 'HighLatency', service: 'checkout' }))), ['docs/runbooks/high-latency.md']);
  assert.deepEqual(urls(runbooks.forIncident(incident({ title: 'HighLatency', service: 'payments' }))), []);
});

void test('unsafe runbook targets are dropped', () => {
  const index = new RunbookIndex();
  const base = { title: 't', services: [], alerts: [], errors: [] };
  for (const url of ['javascript:alert(1)', 'command:workbench.action.terminal.new', '../../etc/passwd', 'C:\\runbooks\\x.md', '  ', 'https://']) index.add({ ...base, url });
  assert.deepEqual(index.all(), []);
  const alert = incident({ runbookUrls: ['file:///etc/passwd', 'command:x', 'https://ok.example/r'] });
  assert.deepEqual(urls(index.forIncident(alert)), ['https://ok.example/r']);
});

void test('runbook URLs normalise to http(s) URLs or workspace-relative paths', () => {
  assert.equal(normaliseRunbookUrl('https://wiki.example.com/a b'), 'https://wiki.example.com/a%20b');
  assert.equal(normaliseRunbookUrl('HTTP://wiki.example.com/x'), 'http://wiki.example.com/x');
  assert.equal(normaliseRunbookUrl('./docs//runbooks/../runbooks/x.md'), 'docs/runbooks/x.md');
  assert.equal(normaliseRunbookUrl('/docs/runbooks/x.md'), 'docs/runbooks/x.md');
  assert.equal(normaliseRunbookUrl('docs\\runbooks\\x.md'), 'docs/runbooks/x.md');
});

void test('simple class names match qualified ones in any runtime notation', () => {
  assert.equal(sameErrorType('PaymentDeclinedError', 'com.acme.PaymentDeclinedError'), true);
  assert.equal(sameErrorType('Acme::Payments::DeclinedError', 'DeclinedError'), true);
  assert.equal(sameErrorType('Outer$Inner', 'Inner'), true);
  assert.equal(sameErrorType('a.X', 'b.X'), false);
  assert.equal(sameErrorType('X', 'Y'), false);
});

void test('Markdown runbooks are the .md files of any docs/runbooks folder', () => {
  assert.equal(isRunbookMarkdown('docs/runbooks/a.md'), true);
  assert.equal(isRunbookMarkdown('services/x/docs/runbooks/a.MD'), true);
  assert.equal(isRunbookMarkdown('docs/runbooks/sub/a.md'), false);
  assert.equal(isRunbookMarkdown('mydocs/runbooks/a.md'), false);
  assert.equal(isRunbookMarkdown('docs/runbooks/a.txt'), false);
});
