/**
 * A workspace session wired as the server wires it: credentials from a provider,
 * a watched log folder asking for polls, remote incidents kept while a backend
 * fails, and no token in the session's log or health.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { WorkspaceSession } from '../../../src/server/workspaceSession';
import type { CredentialProvider } from '../../../src/sources/http/credentials';
import { fault, json, startFaultServer, type FaultServer } from '../../support/faultServer';

const TOKEN = 'session-token-5e4d3c2b1a';
let server: FaultServer;
let root: string;

const alert = { labels: { alertname: 'Payments5xx', service: 'payments' }, annotations: { summary: 'errors' }, startsAt: '2026-01-01T00:00:00Z', fingerprint: 'aa11bb22cc33dd44', status: { state: 'active' } };
const incidents = { incidents: [{ id: 'PT4KHLK', type: 'incident', title: 'The server is on fire.', created_at: '2026-01-01T00:00:00Z', status: 'triggered', service: { id: 'PIJ90N7' } }], limit: 100, offset: 0, more: false, total: null };

before(async () => {
  server = await startFaultServer((req) => json(req.path === '/api/v2/alerts' ? [alert] : incidents));
  root = mkdtempSync(path.join(tmpdir(), 'opslens-session-'));
  mkdirSync(path.join(root, 'logs'));
  writeFileSync(
    path.join(root, '.opslens.yaml'),
    `services:\n  - name: payments\n    pagerduty: PIJ90N7\nsources:\n  - { type: alertmanager, url: '${server.url}' }\n  - { type: pagerduty, url: '${server.url}', timeout: 2s }\n  - { type: file, path: 'logs/*.log' }\n`,
  );
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

void test('a failing backend keeps its incidents in the session, logs the reason, never the token; a log write asks for a poll', async () => {
  const logged: string[] = [];
  const log = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
  const credentials: CredentialProvider = { get: async (_s, origin) => (origin === server.url ? { token: TOKEN } : undefined) };
  let sourceChanged: () => void = () => undefined;
  const session = new WorkspaceSession(root, log, { credentials, onSourceChange: () => sourceChanged() });
  await session.start();
  await session.poll();
  assert.deepEqual(session.firingIncidents().map((i) => i.id).sort(), ['PT4KHLK', 'aa11bb22cc33dd44']);
  assert.ok(server.requests.every((r) => r.headers.authorization === (r.path === '/incidents' ? `Token token=${TOKEN}` : `Bearer ${TOKEN}`)));

  server.inject(fault.serverError(502), 10);
  session.retrySources();
  await session.poll();
  assert.deepEqual(session.firingIncidents().map((i) => i.id).sort(), ['PT4KHLK', 'aa11bb22cc33dd44'], 'kept while the backend fails');
  const health = session.health();
  const stale = health.filter((h) => h.state === 'stale').map((h) => h.name).sort();
  assert.deepEqual(stale, ['alertmanager', 'pagerduty']);
  assert.ok(logged.some((m) => m.includes('failed with 502')), logged.join('\n'));
  const everything = logged.join('\n') + JSON.stringify(health);
  assert.ok(!everything.includes(TOKEN), 'token in the log or health');

  const changed = new Promise<void>((resolve) => (sourceChanged = resolve));
  appendFileSync(path.join(root, 'logs', 'app.log'), `${JSON.stringify({ level: 50, time: Date.now(), msg: 'written now' })}\n`);
  await changed;
  server.clearInjected();
  session.dispose();
});
