/**
 * The fault matrix every remote source is tested against. A source's test file
 * calls `defineFaultMatrix` with how to build the source and what a healthy backend
 * answers; this registers one test per fault, each checking that the failed poll
 * keeps the last good data, that the health says why (without the token), that
 * the backend is left alone while backing off (at least its Retry-After), and that
 * the source recovers by itself once the backend is healthy again.
 *
 *   defineFaultMatrix({
 *     type: 'loki',
 *     build: (url, credentials) => LokiSource.fromConfig({ type: 'loki', name: 'loki', url, timeout: '2s' }, services, credentials),
 *     healthy: (req) => json(queryRangeFixture),
 *   });
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CredentialProvider } from '../../src/sources/http/credentials';
import type { HttpErrorKind } from '../../src/sources/http/httpError';
import { ResilientSource } from '../../src/sources/resilientSource';
import type { PollResult, Source, TimeWindow } from '../../src/sources/source';
import { fault, startFaultServer, type FaultServer, type Reply, type Route } from './faultServer';

export const MATRIX_TOKEN = 'matrix-secret-token-7f3a9c';

export interface FaultMatrixSubject {
  /** Names the tests. */
  type: string;
  /**
   * Builds the source against the loopback URL. Give it a `timeout` of about '2s':
   * short enough for the hang case, long enough to read 20 MB on a busy machine before
   * the size cap refuses the 50 MB body; the credentials hold MATRIX_TOKEN for `url`'s origin.
   */
  build(url: string, credentials: CredentialProvider): Source;
  /** A healthy backend: answers every request of a poll. */
  healthy: Route;
  /**
   * The window polled (default: the last 24 h). An incremental source asks only for
   * what is newer than its last good poll, so give it a function of the test's clock:
   * the clock moves on a second after the good poll, and the window with it.
   */
  window?: TimeWindow | ((now: number) => TimeWindow);
  /** What must survive a failed poll, from a good result (default: the incidents). */
  kept?(result: PollResult): unknown;
}

interface FaultCase {
  name: string;
  kind: HttpErrorKind;
  reason: RegExp;
  /** Makes the backend fail; returns how to make it healthy again. */
  apply(server: FaultServer): Promise<() => Promise<void>> | (() => Promise<void>);
  minimumWaitMs?: number;
}

const inject = (reply: Reply) => (server: FaultServer) => {
  server.inject(reply, 1000);
  return async () => server.clearInjected();
};

export const FAULTS: FaultCase[] = [
  { name: '429 with Retry-After in seconds', kind: 'rate-limited', reason: /429.*retry after 120 s/, apply: inject(fault.rateLimited('120')), minimumWaitMs: 120_000 },
  { name: '429 with Retry-After as an HTTP date', kind: 'rate-limited', reason: /rate-limiting/, apply: (s) => inject(fault.rateLimited(new Date(Date.now() + 300_000).toUTCString()))(s), minimumWaitMs: 290_000 },
  { name: '500', kind: 'server-error', reason: /failed with 500/, apply: inject(fault.serverError(500)) },
  { name: '503 with Retry-After', kind: 'server-error', reason: /failed with 503, retry after 60 s/, apply: inject({ kind: 'text', status: 503, body: 'maintenance', headers: { 'Retry-After': '60' } }), minimumWaitMs: 60_000 },
  { name: 'a hanging backend', kind: 'timeout', reason: /did not answer within/, apply: inject(fault.hang()) },
  { name: 'a reset connection', kind: 'connection-reset', reason: /closed the connection/, apply: inject(fault.reset()) },
  { name: 'a refused connection', kind: 'connection-refused', reason: /connection refused/, apply: async (s) => (await s.stop(), () => s.restart()) },
  { name: 'a body that is not JSON', kind: 'not-json', reason: /not JSON \(text\/html/, apply: inject(fault.notJson()) },
  { name: 'a 50 MB body', kind: 'too-large', reason: /more than 20 MB/, apply: inject(fault.huge(50 * 1024 * 1024, false)) },
  { name: 'a gzip body inflating to 50 MB', kind: 'too-large', reason: /more than 20 MB/, apply: inject(fault.gzipBomb()) },
  { name: 'a rejected credential', kind: 'unauthorized', reason: /refused access \(401\)/, apply: inject(fault.unauthorized()) },
];

export function defineFaultMatrix(subject: FaultMatrixSubject): void {
  let server: FaultServer;
  before(async () => {
    server = await startFaultServer(subject.healthy);
  });
  after(async () => {
    await server.close();
  });
  const credentialsFor = (url: string): CredentialProvider => ({ get: async (_source, origin) => (origin === new URL(url).origin ? { token: MATRIX_TOKEN } : undefined) });
  const fixed = { since: Date.now() - 86_400_000, until: Date.now() };
  const windowAt = (now: number): TimeWindow => (typeof subject.window === 'function' ? subject.window(now) : (subject.window ?? fixed));
  const kept = subject.kept ?? ((r: PollResult) => r.incidents);

  for (const c of FAULTS) {
    void test(`${subject.type}: ${c.name} keeps the last good data, says why, backs off and recovers`, async () => {
      let now = Date.now();
      const source = new ResilientSource(subject.build(server.url, credentialsFor(server.url)), { now: () => now, random: () => 0, backoff: { baseMs: 10_000, maxMs: 60_000 } });
      server.route(subject.healthy);
      const good = await source.poll(windowAt(now));
      assert.equal(good.failure, undefined, `healthy poll failed: ${good.failure?.reason}`);
      assert.equal(source.health().state, 'ok');
      assert.equal(source.health().origin, server.url, 'the health names the origin: "Set Credential…" lists the source by it');

      const heal = await c.apply(server);
      now += 1000;
      const failed = await source.poll(windowAt(now));
      assert.ok(failed.failure, 'the poll should fail');
      assert.equal((failed.failure as { kind?: string }).kind, c.kind, failed.failure.reason);
      assert.deepEqual(kept(failed), kept(good), 'last good data kept');
      const health = source.health();
      assert.equal(health.state, 'stale');
      assert.equal(health.stale, true);
      assert.match(health.lastError?.reason ?? '', c.reason);
      assertNoSecret([JSON.stringify(health), failed.failure.message, failed.failure.stack, String(failed.failure.cause), JSON.stringify(failed.failure)]);

      const wait = health.nextRetryAt! - health.lastError!.at;
      assert.ok(wait >= (c.minimumWaitMs ?? 5_000), `backs off ${wait} ms`);
      await heal();
      const requestsBefore = server.requests.length;
      now += wait - 1;
      const during = await source.poll(windowAt(now));
      assert.equal(server.requests.length, requestsBefore, 'no request while backing off');
      assert.deepEqual(kept(during), kept(good));

      now += 1;
      const recovered = await source.poll(windowAt(now));
      assert.equal(recovered.failure, undefined, `did not recover: ${recovered.failure?.reason}`);
      assert.equal(source.health().state, 'ok');
      assert.equal(source.health().stale, false);
      source.dispose();
    });
  }
}

export function assertNoSecret(texts: Array<string | undefined>): void {
  for (const text of texts) assert.ok(!(text ?? '').includes(MATRIX_TOKEN), `token leaked: ${text?.slice(0, 200)}`);
}
