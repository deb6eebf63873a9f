/**
 * The alertmanager source against the REAL Alertmanager (Debian's
 * prometheus-alertmanager, installed by test/support/installAlertmanager.sh when
 * missing), started on 127.0.0.1 for this file with alerts posted to its API.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ServiceConfig } from '../../../src/core/config/opslensConfig';
import { AlertmanagerSource } from '../../../src/sources/alertmanagerSource';
import { ResilientSource } from '../../../src/sources/resilientSource';
import { startAlertmanager, type AlertmanagerServer } from '../../support/alertmanagerServer';

let am: AlertmanagerServer;
const WINDOW = { since: 0, until: Date.now() };
const service = (name: string): ServiceConfig => ({ name, root: '', pathMappings: [], runbooks: [] });
const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();
const endsAt = new Date(Date.now() + 3_600_000).toISOString();

before(async () => {
  am = await startAlertmanager();
  await am.postAlerts([
    {
      labels: { alertname: 'Payments5xx', service: 'payments', severity: 'critical', app: 'pay-api' },
      annotations: { summary: 'Payments API error ratio above 5%', description: 'More than 5% of /charge calls fail', runbook_url: 'https://runbooks.example.com/payments-5xx' },
      startsAt,
      endsAt,
      generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=rate%28http_requests_total%5B5m%5D%29',
    },
    {
      labels: { alertname: 'PaymentsLatency', service: 'payments', severity: 'warning' },
      annotations: { summary: 'p99 above 2 s', runbook_url: 'docs/runbooks/payments-latency.md' },
      startsAt,
      endsAt,
    },
    { labels: { alertname: 'PaymentsNoisy', service: 'payments' }, annotations: {}, startsAt, endsAt },
    { labels: { alertname: 'OrdersDown', service: 'orders' }, annotations: { summary: 'orders is down' }, startsAt, endsAt },
    { labels: { alertname: 'Quoted', service: 'we"ird\\name' }, annotations: {}, startsAt, endsAt },
  ]);
  await am.silence([{ name: 'alertname', value: 'PaymentsNoisy' }]);
});

after(async () => {
  await am?.close();
});

function source(extra: Record<string, unknown> = {}, services = [service('payments')]): AlertmanagerSource {
  return AlertmanagerSource.fromConfig({ type: 'alertmanager', name: 'alertmanager', url: am.url, ...extra }, services, undefined);
}

void test('firing alerts of the workspace services, silenced ones left out, with labels, annotations, links and runbooks', async () => {
  const { incidents, events } = await source().poll(WINDOW);
  assert.deepEqual(events, []);
  assert.deepEqual(incidents.map((i) => i.labels.alertname).sort(), ['Payments5xx', 'PaymentsLatency']);
  const fivexx = incidents.find((i) => i.labels.alertname === 'Payments5xx')!;
  assert.equal(fivexx.source, 'alertmanager');
  assert.equal(fivexx.service, 'payments');
  assert.equal(fivexx.title, 'Payments5xx: Payments API error ratio above 5%');
  assert.equal(fivexx.description, 'More than 5% of /charge calls fail');
  assert.equal(fivexx.severity, 'critical');
  assert.equal(fivexx.status, 'firing');
  assert.equal(fivexx.startsAt, Date.parse(startsAt));
  assert.equal(fivexx.link, 'http://prometheus.example.com:9090/graph?g0.expr=rate%28http_requests_total%5B5m%5D%29');
  assert.deepEqual(fivexx.runbookUrls, ['https://runbooks.example.com/payments-5xx']);
  assert.match(fivexx.id, /^[0-9a-f]{16}$/, 'the fingerprint Alertmanager computed');
  const latency = incidents.find((i) => i.labels.alertname === 'PaymentsLatency')!;
  assert.deepEqual(latency.runbookUrls, ['docs/runbooks/payments-latency.md'], 'a repo path is kept as written for the runbook resolver');
  assert.equal(latency.link, undefined);
});

void test('silenced: true includes silenced alerts as suppressed', async () => {
  const { incidents } = await source({ silenced: true }).poll(WINDOW);
  const noisy = incidents.find((i) => i.labels.alertname === 'PaymentsNoisy');
  assert.equal(noisy?.status, 'suppressed');
});

void test('several services are each matched; a configured label and extra matchers narrow it', async () => {
  const both = await source({}, [service('payments'), service('orders')]).poll(WINDOW);
  assert.deepEqual(both.incidents.map((i) => i.labels.alertname).sort(), ['OrdersDown', 'Payments5xx', 'PaymentsLatency']);
  const byApp = await source({ serviceLabel: 'app' }, [service('pay-api')]).poll(WINDOW);
  assert.deepEqual(byApp.incidents.map((i) => i.labels.alertname), ['Payments5xx']);
  assert.equal(byApp.incidents[0]!.service, 'pay-api');
  const critical = await source({ filter: 'severity="critical"' }).poll(WINDOW);
  assert.deepEqual(critical.incidents.map((i) => i.labels.alertname), ['Payments5xx']);
});

void test('a service name with a quote and a backslash is escaped in the matcher the real parser reads', async () => {
  const { incidents } = await source({}, [service('we"ird\\name')]).poll(WINDOW);
  assert.deepEqual(incidents.map((i) => i.labels.alertname), ['Quoted']);
});

void test('Alertmanager going away: last alerts kept and the source stale with the reason; back when it returns', async () => {
  let now = Date.now();
  const resilient = new ResilientSource(source(), { now: () => now, random: () => 0, backoff: { baseMs: 1000, maxMs: 1000 } });
  assert.equal((await resilient.poll(WINDOW)).incidents.length, 2);
  await am.kill();
  const down = await resilient.poll(WINDOW);
  assert.equal(down.incidents.length, 2, 'last good alerts kept');
  assert.equal(down.failure && 'kind' in down.failure ? down.failure.kind : undefined, 'connection-refused');
  const health = resilient.health();
  assert.equal(health.state, 'stale');
  assert.match(health.lastError!.reason, /cannot connect to http:\/\/127\.0\.0\.1:\d+: connection refused/);
  await am.restart();
  now += 1000;
  // Alerts live in memory until the data dir snapshot; what matters is that polling recovers.
  const back = await resilient.poll(WINDOW);
  assert.equal(back.failure, undefined);
  assert.equal(resilient.health().state, 'ok');
});

void test('an Alertmanager served under a path prefix (behind a reverse proxy) is queried below it', async () => {
  const prefixed = await startAlertmanager({ routePrefix: '/alertmanager' });
  try {
    await prefixed.postAlerts([{ labels: { alertname: 'Prefixed', service: 'payments' }, annotations: {}, startsAt, endsAt }]);
    const { incidents } = await AlertmanagerSource.fromConfig({ type: 'alertmanager', name: 'am', url: prefixed.url }, [service('payments')], undefined).poll(WINDOW);
    assert.deepEqual(incidents.map((i) => i.labels.alertname), ['Prefixed']);
  } finally {
    await prefixed.close();
  }
});
