// Starts code-server (VS Code in the browser, with the real Node extension host) on 127.0.0.1 with
// no auth, in its own process group and with all of its state in one folder, and stops the whole
// group again: extension hosts and language servers outlive the browser otherwise.
import { spawn, execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** Workbench settings that keep first-run UI, network look-ups and prompts out of the tests. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.hover.delay': 100,
};

/** code-server writes into ~/.config, ~/.local/share and /tmp even for --version: keep it all in `state`. */
export function isolatedEnv(state) {
  const home = path.join(state, 'home');
  const tmp = path.join(state, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    TMPDIR: tmp,
    XDG_RUNTIME_DIR: tmp,
  };
}

export function stateDirs(state) {
  const dirs = { state, userData: path.join(state, 'user-data'), extensions: path.join(state, 'extensions') };
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  return dirs;
}

/** A fresh state folder (user data, extensions, HOME) under the system temp dir. */
export function freshState(label) {
  return mkdtempSync(path.join(os.tmpdir(), `opslens-cs-${label}-`));
}

/** `code-server --install-extension VSIX` into the state's extensions folder. */
export async function installExtension(harness, state, vsix) {
  const dirs = stateDirs(state);
  const args = [harness.codeServerEntry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'];
  const { stdout } = await promisify(execFile)(harness.node, args, { env: isolatedEnv(state) });
  return stdout;
}

/**
 * Starts code-server and resolves once it reports the address it listens on (port 0, the default:
 * the kernel picks a free port, so parallel runs never collide). `--vscode-option enable-smoke-test-driver`
 * makes the workbench honour the URL payload (extensionDevelopmentPath / extensionTestsPath).
 */
export async function startCodeServer(harness, { state, env = {}, port = 0 }) {
  const dirs = stateDirs(state);
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  const config = path.join(state, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    harness.codeServerEntry,
    '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    // Dispose extension hosts 5 s after the browser goes, not after 3 h.
    '--reconnection-grace-time', '5',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const child = spawn(harness.node, args, { env: { ...isolatedEnv(state), ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // Kept for failure reports, bounded: a demo session can run for hours.
  let output = '';
  const record = (chunk) => (output = (output + chunk).slice(-64 * 1024));
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  let url;
  try {
    url = await listeningUrl(child, exited, () => output);
  } catch (error) {
    signalGroup(child.pid, 'SIGKILL');
    throw error;
  }
  return {
    url,
    pid: child.pid,
    dirs,
    /** Everything code-server printed so far (for failure reports). */
    output: () => output,
    /** SIGTERM to the whole process group; SIGKILL to what is left once code-server itself is gone. */
    async stop() {
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      signalGroup(child.pid, 'SIGKILL');
    },
  };
}

/** Resolves with the URL from code-server's "HTTP server listening on …" line; rejects if it exits or stalls first. */
function listeningUrl(child, exited, output, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const onData = () => {
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output()}`));
    });
  });
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

/** The workbench URL for `folder`, with an optional URL payload; code-server's remote authority is literally `remote`. */
export function workbenchUrl(base, folder, payload = {}) {
  const entries = Object.entries(payload).map(([key, file]) => [key, `vscode-remote://remote${path.resolve(file)}`]);
  let url = `${base}/?folder=${encodeURIComponent(path.resolve(folder))}`;
  if (entries.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
  return url;
}
