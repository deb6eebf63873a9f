/**
 * ServerSupervisor (src/extension/supervision/serverSupervisor.ts) with a stand-in for the `vscode`
 * module and for the library's LanguageClient, so what it does at deactivation and per incident is
 * checked without an editor (test/integration/suite/serverSupervision.test.ts kills real servers).
 */
import { test, mock, before, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import type { ErrorHandler, State as ClientState } from 'vscode-languageclient/node';
import type { ServerSupervisor as Supervisor } from '../../../src/extension/supervision/serverSupervisor';

/** Every notification the stand-in window showed, with its level. */
const shown: { level: string; message: string }[] = [];

class FakeEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of this.listeners) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

const notify = (level: string) => (message: string) => {
  shown.push({ level, message });
  return Promise.resolve(undefined);
};

/** `require('vscode')` answers with the stand-in (the real module exists only inside VS Code). */
function withFakeVscode(): void {
  // vscode-languageclient reads many names at load time: any name missing here is a harmless callable.
  const any: ProxyHandler<object> = {
    get: (target, name) => (name in target ? (target as Record<string | symbol, unknown>)[name] : new Proxy(function () {}, any)),
    construct: () => new Proxy({}, any),
  };
  const fake = new Proxy(
    { EventEmitter: FakeEmitter, window: { showErrorMessage: notify('error'), showWarningMessage: notify('warning') }, commands: { executeCommand: () => Promise.resolve() } },
    any,
  );
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  loader._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fake };
}
let State: typeof ClientState;
let ServerSupervisor: typeof Supervisor;
// Loaded once the stand-in is in place (static imports would load them before it).
before(async () => {
  withFakeVscode();
  ({ State } = await import('vscode-languageclient/node'));
  ({ ServerSupervisor } = await import('../../../src/extension/supervision/serverSupervisor'));
});

class FakeProcess extends EventEmitter {
  exitCode: number | null = null;
  signalCode: string | null = null;
  constructor(readonly pid: number) {
    super();
  }
  kill(signal: string): boolean {
    this.signalCode = signal;
    this.emit('exit');
    return true;
  }
}

/** The parts of LanguageClient the supervisor uses; the test drives its states and connection closes. */
class FakeClient {
  state: number = State.Stopped;
  serverProcess: FakeProcess | undefined;
  /** Whether start() forks at once (the library forks after an await: a stop may come first). */
  forks = true;
  starts = 0;
  stops = 0;
  pings = 0;
  private readonly changed = new FakeEmitter<{ oldState: number; newState: number }>();
  readonly onDidChangeState = this.changed.event;
  constructor(readonly errorHandler: ErrorHandler) {}
  setState(newState: number): void {
    const oldState = this.state;
    this.state = newState;
    this.changed.fire({ oldState, newState });
  }
  start(): Promise<void> {
    // Like the library: starting or running, start() only returns the start in progress.
    if (this.state === State.Starting || this.state === State.Running) return Promise.resolve();
    this.starts++;
    this.setState(State.Starting);
    if (this.forks) this.serverProcess = new FakeProcess(1000 + this.starts);
    return Promise.resolve();
  }
  stop(): Promise<void> {
    this.stops++;
    if (this.state !== State.Running) return Promise.reject(new Error(`Client is not running and can't be stopped`));
    this.setState(State.Stopped);
    return Promise.resolve();
  }
  sendRequest(): Promise<unknown> {
    this.pings++;
    return Promise.resolve({ pid: this.serverProcess?.pid });
  }
  /** The server went away: the library asks the close handler, then leaves the client stopped. */
  async close(): Promise<void> {
    await this.errorHandler.closed();
    this.setState(State.Stopped);
  }
}

const log = { info() {}, warn() {}, error() {}, show() {} };
/** Lets the promise callbacks queued by the supervisor run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function supervised() {
  let client: FakeClient | undefined;
  const supervisor = new ServerSupervisor((errorHandler) => (client = new FakeClient(errorHandler)) as never, log as never);
  return { supervisor, client: client! };
}

beforeEach(() => {
  shown.length = 0;
  mock.timers.enable({ apis: ['setTimeout'] });
});
afterEach(() => mock.timers.reset());

void test('stopped (deactivated) while the server starts: its process is killed, and it is neither restarted nor reported', async () => {
  const { supervisor, client } = supervised();
  supervisor.start();
  const process = client.serverProcess!;
  await supervisor.stop();
  assert.equal(process.signalCode, 'SIGKILL', 'the starting server does not outlive the extension');
  await client.close();
  mock.timers.tick(120_000);
  await settle();
  assert.equal(client.starts, 1, 'not started again');
  assert.deepEqual(shown, []);
});

void test('a server that finishes starting after stop() is stopped at once and never pinged', async () => {
  const { supervisor, client } = supervised();
  client.forks = false; // stop() comes before the library has forked: nothing to kill yet
  supervisor.start();
  await supervisor.stop();
  client.serverProcess = new FakeProcess(2000);
  client.setState(State.Running);
  await settle();
  assert.equal(client.stops, 1, 'the client is stopped once it is up');
  assert.equal(client.state, State.Stopped);
  mock.timers.tick(120_000);
  await settle();
  assert.equal(client.pings, 0, 'no watchdog left pinging after deactivation');
  assert.notEqual(supervisor.state.kind, 'running');
});

void test('stop() never rejects, also when the server does not answer shutdown', async () => {
  const { supervisor, client } = supervised();
  supervisor.start();
  client.setState(State.Running);
  client.stop = () => Promise.reject(new Error('Stopping the server timed out'));
  await supervisor.stop();
});

void test('a crash loop: one warning when it starts, restarts with back-off, one error when OpsLens gives up', async () => {
  const { supervisor, client } = supervised();
  supervisor.start();
  const delays: number[] = [];
  for (let crash = 1; crash <= 5; crash++) {
    client.setState(State.Running);
    client.serverProcess!.exitCode = 1;
    await client.close();
    const state = supervisor.state;
    if (state.kind === 'restarting') {
      delays.push(state.delayMs);
      mock.timers.tick(state.delayMs);
    }
  }
  assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000]);
  assert.equal(supervisor.state.kind, 'stopped');
  assert.equal(client.starts, 5);
  assert.deepEqual(
    shown.map((s) => s.level),
    ['warning', 'error'],
  );
  assert.match(shown[1]!.message, /not restarted again/);
  mock.timers.tick(600_000);
  assert.equal(client.starts, 5, 'given up: no further start');
});
