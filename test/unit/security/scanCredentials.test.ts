/**
 * `opslens scan` run as a user runs it (a child process, tokens in OPSLENS_<SOURCE>_TOKEN)
 * against loopback backends that fail in the ways that tempt a tool to print a credential:
 * a 401 and a 500 whose bodies and headers echo the Authorization header back, a redirect to
 * another origin, a hang past the timeout, and an HTML page quoting the header. Whatever the
 * format (text, json, sarif), no token and no Authorization header value it was sent in
 * appears in stdout or stderr, and the other origin never receives a credential.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { startFaultServer, type FaultServer, type RecordedRequest, type Reply } from '../../support/faultServer';

const ROOT = path.join(__dirname, '..', '..', '..');
const run = promisify(execFile);

/** One source per failure, each with its own token and auth scheme (bearer, basic, ApiKey, Token token=). */
const SOURCES = [
  { name: 'am-echo-401', type: 'alertmanager', route: 'echo401', extra: '' },
  { name: 'sentry-echo-500', type: 'sentry', route: 'echo500', extra: '    organization: acme\n    project: payments\n' },
  { name: 'es-redirect', type: 'elasticsearch', route: 'redirect', extra: '    index: logs-*\n' },
  { name: 'loki-hang', type: 'loki', route: 'hang', extra: '' },
  { name: 'pd-html', type: 'pagerduty', route: 'html', extra: '    serviceIds: [PABC123]\n' },
] as const;
const tokenOf = (name: string): string => `tok_${name.replace(/-/g, '_')}_9f8e7d6c5b4a`;
const envName = (name: string): string => `OPSLENS_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_TOKEN`;

let backend: FaultServer;
let elsewhere: FaultServer;
let workspace: string;

/** The backend the token belongs to: fails by route, quoting whatever Authorization it got. */
function failing(req: RecordedRequest): Reply {
  const auth = String(req.headers.authorization ?? '');
  const route = req.path.split('/')[1];
  if (route === 'echo401') return { kind: 'json', status: 401, body: { error: 'invalid token', received: auth }, headers: { 'WWW-Authenticate': `Bearer realm="x", error="invalid_token", got="${auth}"` } };
  if (route === 'echo500') return { kind: 'text', status: 500, body: `upstream failed for ${auth}`, headers: { 'Content-Type': 'text/plain', 'X-Debug-Auth': auth } };
  if (route === 'redirect') return { kind: 'redirect', status: 307, location: `${elsewhere.url}/landing${req.path}` };
  if (route === 'hang') return { kind: 'hang' };
  return { kind: 'text', status: 200, body: `<html><body>Signed in as ${auth}</body></html>`, headers: { 'Content-Type': `${auth}; note="${auth}"` } };
}

before(async () => {
  backend = await startFaultServer(failing);
  // The other origin (another port) answers like the first would, echoing any credential it gets.
  elsewhere = await startFaultServer((req) => ({ kind: 'json', status: 401, body: { received: String(req.headers.authorization ?? '') } }));
  workspace = mkdtempSync(path.join(tmpdir(), 'opslens-scan-secrets-'));
  const sources = SOURCES.map((s) => `  - type: ${s.type}\n    name: ${s.name}\n    url: ${backend.url}/${s.route}\n    timeout: 1s\n${s.extra}`).join('');
  writeFileSync(path.join(workspace, '.opslens.yaml'), `services:\n  - name: payments\n    root: .\n    pagerduty: PABC123\nsources:\n${sources}`);
  writeFileSync(path.join(workspace, 'app.js'), "function charge() {\n  throw new Error('declined');\n}\nmodule.exports = { charge };\n");
});

after(async () => {
  await backend.close();
  await elsewhere.close();
  rmSync(workspace, { recursive: true, force: true });
});

async function scan(format: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPSLENS_')) env[k] = v;
  for (const s of SOURCES) env[envName(s.name)] = tokenOf(s.name);
  env.OPSLENS_LOKI_HANG_USER = 'tenant-42'; // basic auth: the token travels base64-encoded
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/opslensEntry.ts', 'scan', workspace, '--format', format], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: e.code ?? -1 };
  }
}

/** Every form a token could leak in: itself, and each Authorization value it was sent in (base64 for basic). */
function secrets(): string[] {
  const sent = backend.requests.map((r) => String(r.headers.authorization ?? '')).filter((a) => a !== '');
  const encoded = sent.filter((a) => a.startsWith('Basic ')).map((a) => a.slice('Basic '.length));
  return [...SOURCES.map((s) => tokenOf(s.name)), ...new Set(sent), ...new Set(encoded)];
}

void test('opslens scan prints no token in any format, whatever the backend echoes, and the other origin gets none', async () => {
  const runs = await Promise.all(['text', 'json', 'sarif'].map(async (format) => ({ format, ...(await scan(format)) })));
  // The backends really were asked with the tokens: otherwise nothing here could leak.
  for (const s of SOURCES) {
    const got = backend.requests.filter((r) => r.path.startsWith(`/${s.route}/`)).map((r) => String(r.headers.authorization ?? ''));
    assert.ok(got.length > 0, `${s.name} was contacted`);
    assert.ok(got.every((a) => a !== ''), `${s.name} sent its credential to its own origin`);
  }
  assert.ok(backend.requests.some((r) => String(r.headers.authorization).startsWith('Basic ')), 'basic auth was used');
  for (const { format, stdout, stderr, code } of runs) {
    assert.equal(code, 0, `${format}: exit 0 with the failures on stderr\n${stderr}`);
    for (const s of SOURCES) assert.match(stderr, new RegExp(`source ${s.name}: `), `${format}: stderr says ${s.name} failed`);
    for (const secret of secrets()) {
      assert.ok(!stdout.includes(secret), `${format}: stdout holds ${secret.slice(0, 12)}…`);
      assert.ok(!stderr.includes(secret), `${format}: stderr holds ${secret.slice(0, 12)}…\n${stderr}`);
    }
  }
  assert.ok(elsewhere.requests.length > 0, 'the redirect was followed to the other origin');
  for (const r of elsewhere.requests) {
    assert.equal(r.headers.authorization, undefined, 'no Authorization header off-origin');
    const headers = JSON.stringify(r.headers);
    for (const s of SOURCES) assert.ok(!headers.includes(tokenOf(s.name)), 'no token in any header off-origin');
  }
});
