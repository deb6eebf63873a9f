/**
 * opslens/runbooks and opslens/incidents against a real workspace session: the
 * services fixture (config, Backstage catalog files, Markdown runbooks) with the
 * REAL Alertmanager (test/support/alertmanagerServer.ts) as its incident source.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { URI } from 'vscode-uri';
import type { RunbookInfo } from '../../../src/protocol';
import { listIncidents, listRunbooks, type FileUri } from '../../../src/server/runbookRequests';
import { WorkspaceSession } from '../../../src/server/workspaceSession';
import { startAlertmanager, type AlertmanagerServer } from '../../support/alertmanagerServer';

const fixture = path.join(__dirname, '../../fixtures/services/monorepo');
let am: AlertmanagerServer;
let session: WorkspaceSession;
let root: string;
const warnings: string[] = [];
const fileUri: FileUri = (s, rel) => URI.file(`${s.root}/${rel}`).toString();

before(async () => {
  am = await startAlertmanager();
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const ago = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
  await am.postAlerts([
    { labels: { alertname: 'Payments5xx', service: 'payments' }, annotations: { summary: 'error ratio above 5%', runbook_url: 'docs/runbooks/payments-5xx.md' }, startsAt: ago(5), endsAt },
    { labels: { alertname: 'HighLatency', service: 'checkout' }, annotations: {}, startsAt: ago(20), endsAt },
    { labels: { alertname: 'CartErrors', service: 'checkout' }, annotations: { runbook: 'javascript:alert(1)' }, startsAt: ago(30), endsAt },
    { labels: { alertname: 'Noisy', service: 'payments' }, annotations: {}, startsAt: ago(1), endsAt },
  ]);
  await am.silence([{ name: 'alertname', value: 'Noisy' }]);

  root = mkdtempSync(path.join(tmpdir(), 'opslens-session-'));
  cpSync(fixture, root, { recursive: true });
  const config = readFileSync(path.join(root, '.opslens.yaml'), 'utf8').replace(
    'sources: []',
    `sources:\n  - { type: alertmanager, url: "${am.url}", silenced: true }\n  - { type: file, path: logs/*.ndjson }`,
  );
  writeFileSync(path.join(root, '.opslens.yaml'), config);
  // A pino record of an error thrown in the checkout service's code (no service field: the catalog file decides).
  const stack = 'CartValidationError: empty cart\n    at addToCart (/srv/checkout/src/cart.ts:1:17)\n    at handle (/srv/node_modules/express/lib/router.js:10:3)';
  mkdirSync(path.join(root, 'logs'));
  writeFileSync(path.join(root, 'logs/app.ndjson'), `${JSON.stringify({ level: 50, time: Date.now() - 1000, msg: 'cart failed', err: { type: 'CartValidationError', message: 'empty cart', stack } })}\n`);
  session = new WorkspaceSession(root, { info: () => {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
  await session.start();
  await session.poll();
});

after(async () => {
  session?.dispose();
  await am?.close();
});

const cart = () => ({ session, rel: 'services/checkout/src/cart.ts' });
const brief = (r: RunbookInfo) => [r.reason, r.title, r.target.startsWith('file://') ? path.relative(root, URI.parse(r.target).fsPath) : r.target];

void test('runbooks: the file service first, then those of open incidents, then all others, each once', () => {
  assert.deepEqual(listRunbooks([session], cart(), fileUri).map(brief), [
    ['service', 'Checkout Runbook', 'https://wiki.example.com/checkout/runbook'],
    ['service', 'Cart errors', 'services/checkout/docs/runbooks/cart-errors.md'],
    ['service', 'Checkout is slow', 'docs/runbooks/high-latency.md'],
    ['service', 'Checkout general triage', 'services/checkout/docs/runbooks/general.md'],
    ['incident', 'Payments 5xx', 'docs/runbooks/payments-5xx.md'],
    ['other', 'Payments on-call handbook', 'https://wiki.example.com/payments/on-call'],
    ['other', 'Broken', 'docs/runbooks/broken.md'],
    ['other', 'Disk full', 'docs/runbooks/disk-full.md'],
  ]);
  const targets = listRunbooks([session], undefined, fileUri).map((r) => r.target);
  for (const t of targets) assert.match(t, /^(https:\/\/|file:\/\/\/)/);
  assert.equal(listRunbooks([session], undefined, fileUri)[0]!.reason, 'incident', 'without a file the incidents come first');
});

void test('from a hover: the runbooks matching the error group lead the list', () => {
  const group = session.groups().find((g) => g.type === 'CartValidationError');
  assert.ok(group, 'the error landed on cart.ts');
  assert.equal(group.service, 'checkout', 'the owning service from the catalog file');
  const list = listRunbooks([session], undefined, fileUri, group.fingerprint).map(brief);
  assert.deepEqual(list.slice(0, 4), [
    ['error', 'Cart errors', 'services/checkout/docs/runbooks/cart-errors.md'],
    ['error', 'Checkout Runbook', 'https://wiki.example.com/checkout/runbook'],
    ['error', 'Checkout general triage', 'services/checkout/docs/runbooks/general.md'],
    ['incident', 'Payments 5xx', 'docs/runbooks/payments-5xx.md'],
  ]);
  assert.equal(listRunbooks([session], undefined, fileUri, 'no-such-group')[0]!.reason, 'incident');
});

void test('incidents: open ones of the file service first, each with its runbooks; silenced ones left out', () => {
  const incidents = listIncidents([session], cart(), fileUri);
  assert.deepEqual(
    incidents.map((i) => [i.service, i.title, i.status, i.runbooks.map((r) => r.title)]),
    [
      ['checkout', 'HighLatency', 'firing', ['Checkout is slow']],
      ['checkout', 'CartErrors', 'firing', []],
      ['payments', 'Payments5xx: error ratio above 5%', 'firing', ['Payments 5xx']],
    ],
  );
  assert.equal(incidents[2]!.runbooks[0]!.target, URI.file(path.join(root, 'docs/runbooks/payments-5xx.md')).toString());
  assert.deepEqual(listIncidents([session, session], undefined, fileUri).length, 3, 'two folders on one backend list each incident once');
});

void test('catalog components count as services of the session and their problems are logged', () => {
  assert.deepEqual(session.serviceConfig()?.services.map((s) => s.name).sort(), ['checkout', 'checkout-worker', 'payments', 'search']);
  assert.ok(warnings.some((w) => /services\/search\/catalog-info\.yaml:11:1: a Component needs `metadata.name`/.test(w)), warnings.join('\n'));
  assert.ok(warnings.some((w) => /docs\/runbooks\/broken\.md:\d+/.test(w)));
});

void test('a runbook written or deleted while the server runs is picked up', async () => {
  const file = path.join(root, 'services/checkout/docs/runbooks/cart-alert.md');
  const cartErrors = () => listIncidents([session], undefined, fileUri).find((i) => i.title === 'CartErrors')!;
  writeFileSync(file, '---\nalerts: [CartErrors]\n---\n# Cart alert\n');
  await session.fileChanged(file, false);
  assert.deepEqual(cartErrors().runbooks.map((r) => [r.title, r.service]), [['Cart alert', 'checkout']]);
  rmSync(file);
  await session.fileChanged(file, true);
  assert.deepEqual(cartErrors().runbooks, []);
});
