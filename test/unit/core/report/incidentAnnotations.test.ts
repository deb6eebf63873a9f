import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Group } from '../../../../src/core/aggregate/groups';
import { parseOpsLensConfig } from '../../../../src/core/config/opslensConfig';
import type { Incident } from '../../../../src/core/events';
import { incidentAnnotations } from '../../../../src/core/report/incidentAnnotations';
import { annotateGroups } from '../../../../src/core/services/groupServices';
import { loadServiceContext } from '../../../../src/core/services/serviceContext';
import { walkWorkspace } from '../../../../src/core/workspace/walkWorkspace';

const root = path.join(__dirname, '../../../fixtures/services/monorepo');
const NOW = Date.UTC(2026, 10, 26, 12);

async function load() {
  const config = parseOpsLensConfig(readFileSync(path.join(root, '.opslens.yaml'), 'utf8'));
  const files = await walkWorkspace(root);
  const context = await loadServiceContext(root, config, files);
  const exists = (p: string): boolean => files.includes(p);
  return { context, exists };
}

function incident(fields: Partial<Incident>): Incident {
  return { id: 'x', source: 'alertmanager', title: 't', status: 'firing', startsAt: NOW - 60_000, labels: {}, runbookUrls: [], ...fields };
}

void test('an open incident stands on its repo runbook, else its catalog file, else the config declaring its service', async () => {
  const { context, exists } = await load();
  const incidents = [
    incident({ id: 'a', title: 'Payments5xx', service: 'payments', labels: { alertname: 'Payments5xx' } }),
    incident({ id: 'b', title: 'Worker stuck', service: 'checkout-worker', runbookUrls: ['https://wiki.example.com/worker'] }),
    incident({ id: 'c', title: 'Payments queue', service: 'payments' }),
    incident({ id: 'd', title: 'Unknown', service: 'billing' }),
    incident({ id: 'e', title: 'Silenced', service: 'payments', status: 'suppressed' }),
  ];
  const placed = incidentAnnotations(incidents, context, { exists, configFile: '.opslens.yaml', now: NOW });
  assert.deepEqual(
    placed.annotations.map((a) => [a.fingerprint, a.file, a.line, a.kind]),
    [
      ['alertmanager:a', 'docs/runbooks/payments-5xx.md', 1, 'incident'],
      ['alertmanager:b', 'services/checkout/worker/catalog-info.yaml', 1, 'incident'],
      ['alertmanager:c', '.opslens.yaml', 1, 'incident'],
    ],
  );
  assert.deepEqual(placed.unplaced.map((i) => i.id), ['d']);
  assert.equal(placed.annotations[0]!.firstSeen, new Date(NOW - 60_000).toISOString());
  assert.deepEqual(placed.annotations[1]!.runbooks, [{ title: 'Runbook: Worker stuck', url: 'https://wiki.example.com/worker' }]);
  // Without a config file in the folder the third one has nowhere to go.
  assert.equal(incidentAnnotations([incidents[2]!], context, { exists, now: NOW }).unplaced.length, 1);
});

void test('groups without a service take the owner of their file and list matching runbooks', async () => {
  const { context } = await load();
  const group = (fields: Partial<Group>): Group => ({
    fingerprint: 'g',
    kind: 'error',
    message: 'm',
    location: { file: 'services/checkout/src/cart.ts', line: 3 },
    count: 1,
    firstSeen: NOW,
    lastSeen: NOW,
    hourly: [],
    releases: [],
    levelCounts: {},
    samples: [],
    calledFrom: [],
    causedBy: [],
    source: 'file',
    changedSince: false,
    ...fields,
  });
  const [owned, named, log, orphan] = annotateGroups(
    [
      group({ type: 'CartValidationError' }),
      group({ type: 'com.acme.PaymentDeclinedError', service: 'payments' }),
      group({ kind: 'log' }),
      group({ location: { file: 'libs/shared/util.ts', line: 1 }, type: 'TypeError' }),
    ],
    context,
  );
  assert.equal(owned!.service, 'checkout');
  assert.deepEqual(owned!.runbooks.map((r) => r.url), [
    'services/checkout/docs/runbooks/cart-errors.md',
    'https://wiki.example.com/checkout/runbook',
    'services/checkout/docs/runbooks/general.md',
  ]);
  assert.equal(named!.service, 'payments', 'the service telemetry named wins over the file owner');
  assert.deepEqual(named!.runbooks.map((r) => r.url), ['docs/runbooks/payments-5xx.md', 'https://wiki.example.com/payments/on-call']);
  assert.deepEqual(log!.runbooks, []);
  assert.equal(orphan!.service, null);
  assert.deepEqual(orphan!.runbooks.map((r) => r.url), ['services/checkout/docs/runbooks/cart-errors.md'], 'a runbook scoped to one service still answers errors of unowned code');
});
