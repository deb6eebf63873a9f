import * as vscode from 'vscode';
import type { ChildProcess } from 'node:child_process';
import { CloseAction, ErrorAction, State, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type LanguageClient } from 'vscode-languageclient/node';
import { PingRequest } from '../../protocol';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restartPolicy';
import { DEFAULT_WATCHDOG_TIMES, ServerWatchdog } from './serverWatchdog';
import { RESTART_SERVER_COMMAND, type ServerState } from './serverState';

/** A server still not initialised after this long is treated as hung (initialize itself answers at once). */
const START_DEADLINE_MS = 60_000;
const RESTART_ACTION = 'Restart OpsLens Server';
const SHOW_OUTPUT = 'Show Output';

/**
 * Keeps the language server running: restarts it with back-off when it exits or hangs (the
 * client's own errorHandler, RestartPolicy for the delays), notices a hang with a ping watchdog,
 * and tells the user once when an incident starts (its further restarts are silent) and once more
 * if it gives up, with the action that brings the server back; the details go to the OpsLens output.
 */
export class ServerSupervisor implements vscode.Disposable {
  readonly client: LanguageClient;
  private readonly policy = new RestartPolicy(DEFAULT_RESTART_POLICY);
  private readonly watchdog: ServerWatchdog;
  private readonly stateChanged = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeState = this.stateChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.stateChanged];
  private current: ServerState = { kind: 'starting' };
  private process: ChildProcess | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why the supervisor stopped the server itself (a hang): the close that follows reports it. */
  private killedFor: string | undefined;
  /** The user asked for a restart while the server was starting: the close that follows is no crash. */
  private restartAsked = false;
  private stopping = false;
  /** Every notification shown about the server, oldest first (tests check: one as an incident starts, one if it gives up). */
  readonly notifications: string[] = [];

  constructor(createClient: (errorHandler: ErrorHandler) => LanguageClient, private readonly log: vscode.LogOutputChannel) {
    this.client = createClient({ error: (error, _message, count) => this.connectionError(error, count), closed: () => this.closed() });
    this.watchdog = new ServerWatchdog(() => this.client.sendRequest(PingRequest), (ms) => this.hung(`answered no ping for ${ms / 1000} s`), DEFAULT_WATCHDOG_TIMES);
    this.disposables.push(
      this.client.onDidChangeState(({ newState }) => {
        if (newState === State.Running) this.up();
      }),
    );
  }

  get state(): ServerState {
    return this.current;
  }

  /** The server's process id while it runs (the integration tests kill and stop it by this). */
  get processId(): number | undefined {
    return this.current.kind === 'running' ? this.process?.pid : undefined;
  }

  /** Pings the server now rather than at the next interval (the hang deadline still applies). */
  checkNow(): void {
    this.watchdog.checkNow();
  }

  start(): void {
    // Stopped for good, or already up (a restart asked for while a crash was being handled also scheduled one).
    if (this.stopping || this.client.state === State.Running) return;
    clearTimeout(this.restartTimer);
    this.setState({ kind: 'starting' });
    clearTimeout(this.startTimer);
    this.startTimer = setTimeout(() => this.client.state === State.Starting && this.hung(`did not finish starting within ${START_DEADLINE_MS / 1000} s`), START_DEADLINE_MS);
    // A failed start also closes the connection: closed() decides what happens next.
    this.client.start().catch((error: unknown) => this.log.warn(`language server start failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** "Restart Server": a fresh start whatever the state, with the back-off and the incident forgotten. */
  async restart(): Promise<void> {
    this.log.info('restarting the language server (asked for)');
    clearTimeout(this.restartTimer);
    this.policy.reset();
    this.watchdog.stop();
    if (this.client.state === State.Running) {
      this.setState({ kind: 'starting' });
      await this.stopClient();
      this.start();
    } else if (this.client.state === State.Starting && this.kill()) {
      this.restartAsked = true;
    } else {
      this.start();
    }
  }

  /** For good (deactivation): never rejects, and leaves no server process or timer behind. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.watchdog.stop();
    clearTimeout(this.restartTimer);
    clearTimeout(this.startTimer);
    // The library refuses to stop a client still starting (no shutdown before initialize answers):
    // its process is killed instead, and one not forked yet is stopped when it comes up (up()).
    if (this.client.state === State.Starting) this.kill();
    else if (this.client.state === State.Running) await this.stopClient();
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) d.dispose();
  }

  /** A hung server does not answer shutdown: the client gives up after 2 s (and rejects) and kills the process. */
  private stopClient(): Promise<void> {
    return this.client.stop().catch((error: unknown) => this.log.warn(`stopping the language server: ${error instanceof Error ? error.message : String(error)}`));
  }

  private up(): void {
    clearTimeout(this.startTimer);
    if (this.stopping) {
      // It finished starting after stop(): stopped once the library has finished its start.
      void this.client.start().then(() => this.stopClient(), () => undefined);
      return;
    }
    this.policy.running(Date.now());
    this.process = this.client.serverProcess;
    this.watchdog.start();
    this.log.info(`language server running (pid ${this.process?.pid ?? 'unknown'})`);
    this.setState({ kind: 'running', pid: this.process?.pid });
  }

  /** No answer while the process is alive: kill it, and the close that follows restarts it. */
  private hung(reason: string): void {
    this.log.warn(`language server (pid ${this.client.serverProcess?.pid ?? 'unknown'}) ${reason}: stopping it`);
    if (this.kill()) this.killedFor = reason;
  }

  private kill(): boolean {
    const process = this.client.serverProcess;
    if (!process || process.exitCode !== null || process.signalCode !== null) return false;
    return process.kill('SIGKILL');
  }

  private connectionError(error: Error, count: number | undefined): ErrorHandlerResult {
    // A dead server also closes the connection and a hung one stops answering pings: both are handled there.
    return { action: ErrorAction.Continue, handled: true, message: `connection to the language server failed (${count ?? 1}×): ${error.message}` };
  }

  private async closed(): Promise<CloseHandlerResult> {
    this.watchdog.stop();
    clearTimeout(this.startTimer);
    if (this.stopping) return { action: CloseAction.DoNotRestart, handled: true, message: 'language server stopped' };
    if (this.restartAsked) {
      this.restartAsked = false;
      this.scheduleStart(0);
      return { action: CloseAction.DoNotRestart, handled: true, message: 'language server stopped for the restart asked for' };
    }
    const reason = this.killedFor ?? (await exitReason(this.process));
    this.killedFor = undefined;
    this.process = undefined;
    // Deactivated while the exit was awaited: no restart, and nothing to tell.
    if (this.stopping) return { action: CloseAction.DoNotRestart, handled: true, message: `language server ${reason}` };
    const decision = this.policy.crashed(Date.now());
    if (decision.action === 'giveUp') {
      const message = `OpsLens's language server ${reason}: ${decision.crashes} stops within ${DEFAULT_RESTART_POLICY.windowMs / 60_000} minutes, so it is not restarted again. Hovers, diagnostics and views stay empty until "OpsLens: Restart Server".`;
      this.setState({ kind: 'stopped', reason });
      this.notify('error', message, RESTART_ACTION);
      return { action: CloseAction.DoNotRestart, handled: true, message };
    }
    const message = `language server ${reason}; restarting it in ${decision.delayMs / 1000} s (stop ${decision.crash} of this incident)`;
    if (decision.newIncident) {
      this.notify('warning', `OpsLens's language server ${reason}. OpsLens restarts it (with back-off if it keeps stopping); the OpsLens output has the details.`);
    }
    this.setState({ kind: 'restarting', reason, delayMs: decision.delayMs, crash: decision.crash });
    this.scheduleStart(decision.delayMs);
    return { action: CloseAction.DoNotRestart, handled: true, message };
  }

  private scheduleStart(delayMs: number): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => this.start(), delayMs);
  }

  private notify(level: 'warning' | 'error', message: string, ...actions: string[]): void {
    this.notifications.push(message);
    const show = level === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void show(message, ...actions, SHOW_OUTPUT).then((choice) => {
      if (choice === SHOW_OUTPUT) this.log.show();
      else if (choice === RESTART_ACTION) void vscode.commands.executeCommand(RESTART_SERVER_COMMAND);
    });
  }

  private setState(state: ServerState): void {
    this.current = state;
    this.stateChanged.fire(state);
  }
}

/** Why a server process went away: its connection may close a moment before the exit is known, so wait for it briefly. */
async function exitReason(process: ChildProcess | undefined): Promise<string> {
  if (!process) return 'stopped before it finished starting';
  if (process.exitCode === null && process.signalCode === null) {
    await new Promise<void>((resolve) => {
      const exited = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        process.off('exit', exited);
        resolve();
      }, 1_000);
      process.once('exit', exited);
    });
  }
  if (process.signalCode) return `was stopped by ${process.signalCode}`;
  if (process.exitCode !== null) return `exited with code ${process.exitCode}`;
  return 'stopped unexpectedly';
}
