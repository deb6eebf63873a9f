/** "OpsLens: Restart Server": the status bar (server stopped) and the give-up notification run it. */
export const RESTART_SERVER_COMMAND = 'opslens.restartServer';

/** What the language server is doing, as the status bar and the integration tests see it. */
export type ServerState =
  | { kind: 'starting' }
  | { kind: 'running'; pid: number | undefined }
  /** It stopped without being asked to (or hung and was stopped); it starts again after delayMs. */
  | { kind: 'restarting'; reason: string; delayMs: number; crash: number }
  /** Given up after too many crashes, or never started: "Restart Server" starts it again. */
  | { kind: 'stopped'; reason: string };
