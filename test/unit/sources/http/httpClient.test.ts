import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { HttpClient } from '../../../../src/sources/http/httpClient';
import { HttpSourceError } from '../../../../src/sources/http/httpError';
import type { CredentialProvider } from '../../../../src/sources/http/credentials';
import { fault, json, startFaultServer, type FaultServer } from '../../../support/faultServer';

const TOKEN = 'sk-test-0123456789abcdef';

let server: FaultServer;
let other: FaultServer;

before(async () => {
  server = await startFaultServer(() => json({ ok: true }));
  other = await startFaultServer(() => json({ elsewhere: true }));
});
after(async () => {
  await server.close();
  await other.close();
});

/** A provider holding one credential for one origin, recording what it was asked. */
function providerFor(origin: string, user?: string): CredentialProvider & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    get: async (source, o) => {
      asked.push(`${source}@${o}`);
      return o === origin ? { token: TOKEN, user } : undefined;
    },
  };
}

function client(options: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient {
  return new HttpClient({ source: 'backend', baseUrl: `${server.url}/api`, credentials: providerFor(server.url), timeoutMs: 2000, ...options });
}

async function failure(promise: Promise<unknown>): Promise<HttpSourceError> {
  const error = await promise.then(
    () => assert.fail('expected the request to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof HttpSourceError, `expected HttpSourceError, got ${String(error)}`);
  assertNoToken(error);
  return error;
}

/** The token must not appear in the message, the reason, the cause or any serialisation. */
function assertNoToken(error: HttpSourceError): void {
  const everything = [error.message, error.reason, error.stack, String(error.cause), (error.cause as Error | undefined)?.stack, JSON.stringify(error), JSON.stringify(error.cause)].join('\n');
  assert.ok(!everything.includes(TOKEN), 'token leaked into the error');
  assert.ok(!everything.includes(Buffer.from(`u:${TOKEN}`).toString('base64')), 'basic credential leaked into the error');
}

void test('GET joins the base path, repeats array query keys and sends the bearer token to its own origin', async () => {
  const before = server.requests.length;
  const response = await client().getJson<{ ok: boolean }>('/v1/items', { query: { 'ids[]': ['a', 'b'], limit: 5, skip: undefined } });
  assert.deepEqual(response.data, { ok: true });
  const req = server.requests[before]!;
  assert.equal(req.path, '/api/v1/items');
  assert.deepEqual(req.query.getAll('ids[]'), ['a', 'b']);
  assert.equal(req.query.get('limit'), '5');
  assert.equal(req.query.has('skip'), false);
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(req.headers.accept, 'application/json');
});

void test('each auth scheme is spelled as its backend expects; a user turns it into basic auth', async () => {
  const cases = [
    { auth: 'token' as const, expected: `Token token=${TOKEN}` },
    { auth: 'apikey' as const, expected: `ApiKey ${TOKEN}` },
    { auth: 'bearer' as const, user: 'u', expected: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` },
  ];
  for (const c of cases) {
    const before = server.requests.length;
    await client({ auth: c.auth, credentials: providerFor(server.url, c.user) }).getJson('/x');
    assert.equal(server.requests[before]!.headers.authorization, c.expected);
  }
});

void test('the credential is looked up for the configured origin and never sent to another one', async () => {
  const credentials = providerFor(server.url);
  const before = other.requests.length;
  await client({ credentials }).getJson(`${other.url}/next-page`);
  assert.equal(other.requests[before]!.headers.authorization, undefined);
  assert.deepEqual(credentials.asked, []);
  // A config whose URL moved to another origin finds no credential stored for it.
  const moved = client({ baseUrl: other.url, credentials });
  await moved.getJson('/x');
  assert.equal(other.requests.at(-1)!.headers.authorization, undefined);
  assert.deepEqual(credentials.asked, [`backend@${other.url}`]);
});

void test('a same-origin redirect keeps the credential; a redirect to another origin drops it', async () => {
  server.inject({ kind: 'redirect', status: 302, location: '/api/moved' });
  const before = server.requests.length;
  await client().getJson('/old');
  assert.equal(server.requests[before + 1]!.path, '/api/moved');
  assert.equal(server.requests[before + 1]!.headers.authorization, `Bearer ${TOKEN}`);

  server.inject({ kind: 'redirect', status: 307, location: `${other.url}/steal` });
  const otherBefore = other.requests.length;
  const response = await client().getJson('/old');
  assert.deepEqual(response.data, { elsewhere: true });
  assert.equal(other.requests[otherBefore]!.path, '/steal');
  assert.equal(other.requests[otherBefore]!.headers.authorization, undefined);
});

void test('endless redirects stop with a reason', async () => {
  // The first answer and two followed hops: all three redirect again.
  server.inject({ kind: 'redirect', status: 302, location: '/api/a' }, 3);
  const error = await failure(client({ maxRedirects: 2 }).getJson('/a'));
  assert.equal(error.kind, 'too-many-redirects');
  assert.deepEqual((await client().getJson('/after')).data, { ok: true });
});

void test('429 with Retry-After in seconds or as an HTTP date gives the wait', async () => {
  server.inject(fault.rateLimited('7'));
  const seconds = await failure(client().getJson('/x'));
  assert.equal(seconds.kind, 'rate-limited');
  assert.equal(seconds.status, 429);
  assert.equal(seconds.retryAfterMs, 7000);
  assert.match(seconds.reason, /rate-limiting.*retry after 7 s/);

  server.inject(fault.rateLimited(new Date(Date.now() + 120_000).toUTCString()));
  const date = await failure(client().getJson('/x'));
  assert.ok(date.retryAfterMs! > 100_000 && date.retryAfterMs! <= 120_000, `retryAfterMs ${date.retryAfterMs}`);
});

void test('5xx, 401 and 4xx map to their kinds with the status', async () => {
  server.inject(fault.serverError(503));
  const e503 = await failure(client().getJson('/x'));
  assert.equal(e503.kind, 'server-error');
  assert.equal(e503.status, 503);
  server.inject(fault.unauthorized());
  const e401 = await failure(client().getJson('/x'));
  assert.equal(e401.kind, 'unauthorized');
  assert.match(e401.reason, /Set Credential/);
  server.inject(json({ error: 'bad' }, 400));
  assert.equal((await failure(client().getJson('/x'))).kind, 'client-error');
});

void test('a backend that hangs is cut off by the deadline', async () => {
  server.inject(fault.hang());
  const error = await failure(client({ timeoutMs: 300 }).getJson('/slow'));
  assert.equal(error.kind, 'timeout');
  assert.match(error.reason, /did not answer within 0.3 s/);
});

void test('a reset connection and a refused one are told apart', async () => {
  server.inject(fault.reset(), 2);
  assert.equal((await failure(client().getJson('/x'))).kind, 'connection-reset');
  const gone = await startFaultServer();
  await gone.stop();
  const error = await failure(client({ baseUrl: gone.url, credentials: providerFor(gone.url) }).getJson('/x'));
  assert.equal(error.kind, 'connection-refused');
  assert.match(error.reason, /connection refused/);
  assert.equal((error.cause as Error & { code?: string }).code, 'ECONNREFUSED');
});

void test('a GET reset once (a stale kept-alive socket) is sent again and succeeds; a POST is not', async () => {
  server.inject(fault.reset());
  assert.deepEqual((await client().getJson('/x')).data, { ok: true });
  server.inject(fault.reset());
  assert.equal((await failure(client().requestJson({ method: 'POST', path: '/x', body: {} }))).kind, 'connection-reset');
});

void test('a body that is not JSON is a clear error naming its content type', async () => {
  server.inject(fault.notJson());
  const error = await failure(client().getJson('/x'));
  assert.equal(error.kind, 'not-json');
  assert.match(error.reason, /not JSON \(text\/html/);
});

void test('a 50 MB body is refused, whether its length is declared or streamed', async () => {
  for (const declareLength of [true, false]) {
    server.inject(fault.huge(50 * 1024 * 1024, declareLength));
    const error = await failure(client({ maxBytes: 20 * 1024 * 1024 }).getJson('/big'));
    assert.equal(error.kind, 'too-large', `declareLength=${declareLength}`);
    assert.match(error.reason, /more than 20 MB/);
  }
  // The server is still usable afterwards.
  assert.deepEqual((await client().getJson('/x')).data, { ok: true });
});

void test('a small gzip body that inflates past the cap is refused as it inflates', async () => {
  server.inject(fault.gzipBomb());
  const error = await failure(client({ maxBytes: 20 * 1024 * 1024 }).getJson('/bomb'));
  assert.equal(error.kind, 'too-large');
});

void test('a caller that aborts gets an aborted error, not a timeout', async () => {
  server.inject(fault.hang());
  const controller = new AbortController();
  const pending = client().getJson('/slow', { signal: controller.signal });
  await server.waitForRequests(server.requests.length + 1);
  controller.abort();
  assert.equal((await failure(pending)).kind, 'aborted');
});

void test('POST sends a JSON body', async () => {
  const before = server.requests.length;
  await client().requestJson({ method: 'POST', path: '/alerts', body: [{ labels: { a: '1' } }] });
  assert.equal(server.requests[before]!.method, 'POST');
  assert.equal(server.requests[before]!.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(server.requests[before]!.body), [{ labels: { a: '1' } }]);
});

void test('a URL that is not http(s) is refused when the client is built', () => {
  assert.throws(() => client({ baseUrl: 'file:///etc/passwd' }), (e: unknown) => e instanceof HttpSourceError && e.kind === 'bad-url');
});
