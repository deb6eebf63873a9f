/**
 * Runs the real Alertmanager (Debian's prometheus-alertmanager) on 127.0.0.1 for a
 * test: installs it through test/support/installAlertmanager.sh when missing, starts
 * it on a free port with a temporary data dir and a minimal config (clustering off),
 * and waits until it says it is listening.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CONFIG = `route:
  receiver: blackhole
  group_wait: 1h
receivers:
  - name: blackhole
`;

export interface AlertmanagerServer {
  readonly url: string;
  readonly port: number;
  /** POST /api/v2/alerts */
  postAlerts(alerts: unknown[]): Promise<void>;
  /** POST /api/v2/silences; returns the silence id. */
  silence(matchers: Array<{ name: string; value: string; isRegex?: boolean }>): Promise<string>;
  /** Kills the process (the port then refuses connections). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data dir. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function ensureAlertmanagerInstalled(): string {
  execFileSync('sh', [path.join(import.meta.dirname, 'installAlertmanager.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  return '/usr/bin/prometheus-alertmanager';
}

export interface AlertmanagerOptions {
  /** Require basic auth (Alertmanager's --web.config.file `basic_auth_users`), as a proxy or web config would. */
  basicAuth?: { user: string; bcryptHash: string };
  /** Serve under a path (`--web.route-prefix`), as behind a reverse proxy; `url` then includes it. */
  routePrefix?: string;
}

/** The bcrypt hash (cost 4) of TEST_PASSWORD, made with python3's crypt.crypt(…, mksalt(METHOD_BLOWFISH, rounds=16)). */
export const TEST_PASSWORD = 'opslens-test-password';
export const TEST_PASSWORD_BCRYPT = '$2b$04$62K/ZK04R2QU0VtVihclV.lQ9r4R1xwqohI0o0WTRoD0y4DGA8Goe';

export async function startAlertmanager(options: AlertmanagerOptions = {}): Promise<AlertmanagerServer> {
  const binary = ensureAlertmanagerInstalled();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opslens-am-'));
  writeFileSync(path.join(dir, 'alertmanager.yml'), CONFIG);
  if (options.basicAuth) writeFileSync(path.join(dir, 'web.yml'), `basic_auth_users:\n  ${options.basicAuth.user}: '${options.basicAuth.bcryptHash}'\n`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}${options.routePrefix ?? ''}`;
  const webConfig = options.basicAuth ? path.join(dir, 'web.yml') : undefined;
  const extraArgs = [...(webConfig ? [`--web.config.file=${webConfig}`] : []), ...(options.routePrefix ? [`--web.route-prefix=${options.routePrefix}`] : [])];
  let child: ChildProcess | undefined = await launch(binary, dir, port, extraArgs);
  const auth: Record<string, string> = options.basicAuth ? { Authorization: `Basic ${Buffer.from(`${options.basicAuth.user}:${TEST_PASSWORD}`).toString('base64')}` } : {};
  const post = async (apiPath: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${url}${apiPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${apiPath}: ${response.status} ${await response.text()}`);
    return response.json().catch(() => undefined);
  };
  const kill = async (): Promise<void> => {
    if (!child) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    child = undefined;
  };
  return {
    url,
    port,
    postAlerts: async (alerts) => void (await post('/api/v2/alerts', alerts)),
    silence: async (matchers) => {
      const now = Date.now();
      const body = { matchers: matchers.map((m) => ({ isRegex: false, isEqual: true, ...m })), startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), createdBy: 'opslens-test', comment: 'test' };
      return ((await post('/api/v2/silences', body)) as { silenceID: string }).silenceID;
    },
    kill,
    restart: async () => {
      child = await launch(binary, dir, port, extraArgs);
    },
    close: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the binary and resolves once its log says it listens (no polling, no sleeping). */
function launch(binary: string, dir: string, port: number, extraArgs: string[]): Promise<ChildProcess> {
  const args = [
    `--config.file=${path.join(dir, 'alertmanager.yml')}`,
    `--storage.path=${path.join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
    '--log.level=info',
    ...extraArgs,
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`alertmanager did not start within 30 s:\n${log}`)), 30_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      log += chunk;
      if (log.includes('Listening on')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        log = '';
        resolve(child);
      }
    });
    const onExit = (code: number | null): void => fail(new Error(`alertmanager exited with ${code}:\n${log}`));
    child.once('exit', onExit);
    child.once('error', fail);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
