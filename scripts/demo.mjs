// `npm run demo`: the main job on the demo workspace. Builds, refreshes the demo's log if it has aged
// out of the window, prints `opslens scan examples/demo`, then opens the demo with the extension
// loaded: in desktop VS Code when a `code` binary exists, otherwise in the browser VS Code
// (code-server) from the test harness, whose URL it prints and which runs until Ctrl+C.
// Options: --browser (code-server even if `code` exists), --port N (default: a free port),
//          --once (start code-server, check it answers, stop it: for CI and scripts).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHarness } from '../test/integration/harness/harnessInstall.mjs';
import { freshState, startCodeServer, workbenchUrl } from '../test/integration/harness/codeServer.mjs';
import { ensureFreshDemoLogs } from '../examples/demo/scripts/generateLogs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const demo = path.join(root, 'examples', 'demo');
const args = process.argv.slice(2);
const once = args.includes('--once');
const portIndex = args.indexOf('--port');
const port = portIndex === -1 ? 0 : Number(args[portIndex + 1]);

execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (await ensureFreshDemoLogs()) console.log('Regenerated the demo log: it was over an hour old.');

console.log('\n$ opslens scan examples/demo');
execFileSync(process.execPath, [path.join(root, 'bin/opslens.js'), 'scan', demo], { stdio: 'inherit' });
console.log('');

const code = args.includes('--browser') ? undefined : findOnPath('code');
if (code) {
  // `code` hands the window to the running VS Code and returns.
  execFileSync(code, [demo, `--extensionDevelopmentPath=${root}`], { stdio: 'inherit' });
  console.log(`Opened ${demo} in VS Code with OpsLens loaded from ${root}.`);
} else {
  await runInBrowserVsCode();
}

function findOnPath(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

async function runInBrowserVsCode() {
  console.log('No `code` binary here: starting the browser VS Code (code-server) from the test harness.');
  const harness = ensureHarness();
  const state = freshState('demo');
  const server = await startCodeServer(harness, { state, port });
  const shutdown = async () => {
    await server.stop();
    rmSync(state, { recursive: true, force: true });
  };
  const url = workbenchUrl(server.url, demo, { extensionDevelopmentPath: root });
  try {
    const page = await fetch(url);
    if (!page.ok) throw new Error(`the workbench answered ${page.status}`);
  } catch (error) {
    await shutdown();
    throw error;
  }
  console.log(`OpsLens demo in VS Code (browser), listening on 127.0.0.1 only:\n\n  ${url}\n`);
  if (once) {
    await shutdown();
    console.log('--once: the workbench answered; code-server stopped.');
    return;
  }
  console.log('Press Ctrl+C to stop.');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => void shutdown().then(() => process.exit(0)));
}
