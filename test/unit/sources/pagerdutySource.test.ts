/**
 * The pagerduty source against a loopback server answering with the documented
 * `GET /incidents` shape (test/fixtures/pagerduty/README.md), checking the
 * requests it sends and what it makes of the answers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ServiceConfig, SourceConfig } from '../../../src/core/config/opslensConfig';
import type { CredentialProvider } from '../../../src/sources/http/credentials';
import { MAX_RANGE_MS, PagerDutySource, type PagerDutyIncidentPage } from '../../../src/sources/pagerdutySource';
import { SourceError } from '../../../src/sources/source';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/pagerduty');
const fixture = <T>(name: string): T => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
const TOKEN = 'u+pd-read-only-abcdef123456';
const NOW = Date.parse('2015-10-07T00:00:00Z');
const WINDOW = { since: NOW - 86_400_000, until: NOW };
const payments: ServiceConfig = { name: 'payments', root: 'services/payments', pathMappings: [], runbooks: [], pagerduty: 'PIJ90N7' };

let server: FaultServer;
before(async () => {
  server = await startFaultServer();
});
after(async () => {
  await server.close();
});

function source(extra: Partial<SourceConfig> = {}, services = [payments]): PagerDutySource {
  const credentials: CredentialProvider = { get: async (_s, origin) => (origin === server.url ? { token: TOKEN } : undefined) };
  return PagerDutySource.fromConfig({ type: 'pagerduty', name: 'pagerduty', url: server.url, serviceIds: ['PSVC2XY'], ...extra }, services, credentials);
}

/** Serves page 1 at offset 0 and page 2 at offset 100, as the documented paging does. */
function pagedRoute() {
  const page1 = fixture<PagerDutyIncidentPage>('list-incidents-page1.json');
  const page2 = fixture<PagerDutyIncidentPage>('list-incidents-page2.json');
  return (req: { query: URLSearchParams }) => json(req.query.get('offset') === '100' ? page2 : page1);
}

void test('open incidents of the services, followed through `more` pages, become incidents with links', async () => {
  server.route(pagedRoute());
  const first = server.requests.length;
  const result = await source().poll(WINDOW);
  assert.deepEqual(result.incidents, fixture('list-incidents.expected.json'));
  assert.deepEqual(result.events, []);

  const sent = server.requests.slice(first);
  assert.equal(sent.length, 2);
  for (const [i, req] of sent.entries()) {
    assert.equal(req.method, 'GET');
    assert.equal(req.path, '/incidents');
    assert.deepEqual(req.query.getAll('statuses[]'), ['triggered', 'acknowledged']);
    assert.deepEqual(req.query.getAll('service_ids[]'), ['PIJ90N7', 'PSVC2XY']);
    assert.equal(req.query.get('limit'), '100');
    assert.equal(req.query.get('offset'), String(i * 100));
    assert.equal(req.query.get('time_zone'), 'UTC');
    assert.equal(req.query.get('until'), new Date(NOW).toISOString());
    assert.equal(req.query.get('since'), new Date(NOW - 30 * 86_400_000).toISOString(), 'open incidents of the last 30 days, not only the log window');
    assert.equal(req.headers.authorization, `Token token=${TOKEN}`);
    assert.equal(req.headers.accept, 'application/vnd.pagerduty+json;version=2');
  }
});

void test('a lookback longer than the documented 6 months is clamped', async () => {
  server.route(pagedRoute());
  const first = server.requests.length;
  await source({ lookback: '365d' }).poll(WINDOW);
  const req = server.requests[first]!;
  assert.equal(Date.parse(req.query.get('until')!) - Date.parse(req.query.get('since')!), MAX_RANGE_MS);
});

void test('paging stops at the documented offset cap of 10,000 and the health says so', async () => {
  const page = fixture<PagerDutyIncidentPage>('list-incidents-page1.json');
  server.route((req) => json({ ...page, offset: Number(req.query.get('offset')), more: true }));
  const first = server.requests.length;
  const pd = source();
  const result = await pd.poll(WINDOW);
  const offsets = server.requests.slice(first).map((r) => Number(r.query.get('offset')));
  assert.equal(offsets.length, 100);
  assert.equal(Math.max(...offsets) + 100, 10_000, 'the last page asked for ends exactly at the cap');
  assert.equal(result.incidents.length, 100);
  assert.match(pd.health().notice ?? '', /more than 10000 open incidents/);
  assert.ok(!JSON.stringify(pd.health()).includes(TOKEN));
});

void test('a workspace without any PagerDuty service id gets a setup error saying where to put one', () => {
  assert.throws(
    () => source({ serviceIds: undefined }, [{ ...payments, pagerduty: undefined }]),
    (e: unknown) => e instanceof SourceError && /pagerduty.com\/service-id/.test(e.reason),
  );
});

void test('an answer that is not an incident list is reported, not crashed on', async () => {
  server.route(() => json({ error: { message: 'Not Found', code: 2100 } }));
  await assert.rejects(source().poll(WINDOW), (e: unknown) => e instanceof SourceError && /did not answer with a list of incidents/.test(e.reason));
});
