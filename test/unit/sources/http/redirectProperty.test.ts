/**
 * Property: along any chain of redirects between the credential's origin (A) and
 * another one (B), with any 3xx status, every request to B goes without the
 * credential and every request to A carries it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { HttpClient } from '../../../../src/sources/http/httpClient';
import { json, startFaultServer, type FaultServer, type RecordedRequest, type Reply } from '../../../support/faultServer';

const TOKEN = 'redirect-secret-31415';
let a: FaultServer;
let b: FaultServer;

/** `/hop/<statuses>/<servers>`: redirect with the first status to the first server, and so on; empty: answer. */
function hop(req: RecordedRequest): Reply {
  const [, , statuses = '', servers = ''] = req.path.split('/');
  if (servers === '' || servers === '-') return json({ done: true });
  const next = servers[0] === 'A' ? a.url : b.url;
  const status = Number(statuses.slice(0, 3));
  return { kind: 'redirect', status, location: `${next}/hop/${statuses.slice(3) || '-'}/${servers.slice(1) || '-'}` };
}

before(async () => {
  a = await startFaultServer(hop);
  b = await startFaultServer(hop);
});
after(async () => {
  await a.close();
  await b.close();
});

void test('a credential never follows a redirect to another origin, whatever the chain', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('A', 'B'), fc.constantFrom(301, 302, 303, 307, 308)), { maxLength: 3 }), async (chain) => {
      const fromA = a.requests.length;
      const fromB = b.requests.length;
      const client = new HttpClient({ source: 's', baseUrl: a.url, credentials: { get: async (_s, origin) => (origin === a.url ? { token: TOKEN } : undefined) }, maxRedirects: 5 });
      const path = `/hop/${chain.map(([, s]) => s).join('') || '-'}/${chain.map(([server]) => server).join('') || '-'}`;
      assert.deepEqual((await client.getJson(path)).data, { done: true });
      for (const r of a.requests.slice(fromA)) assert.equal(r.headers.authorization, `Bearer ${TOKEN}`);
      for (const r of b.requests.slice(fromB)) assert.equal(r.headers.authorization, undefined);
      assert.equal(a.requests.length - fromA + (b.requests.length - fromB), chain.length + 1);
    }),
    { numRuns: 50 },
  );
});
