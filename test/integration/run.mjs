// The integration run (`npm run test:integration`, after the build): installs the harness if
// needed, then against a real VS Code (code-server) runs
//   1. the extension-host mocha suites (out/test/integration/suite, real `vscode` API),
//   2. the Playwright UI tests with the extension under development,
//   3. the packaged .vsix installed with --install-extension, checked in the UI, activation timed,
//   4. the README's main command, `npm run demo -- --once` (demo workspace only).
// code-server is always stopped, whatever fails.
// Usage: node test/integration/run.mjs [WORKSPACE] [--update-screenshot]
//   --update-screenshot copies the hover screenshot to docs/images/hover.png (the README's).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHarness } from './harness/harnessInstall.mjs';
import { freshState, installExtension, startCodeServer, workbenchUrl } from './harness/codeServer.mjs';
import { runExtensionHostSuites } from './harness/extensionHostTests.mjs';
import { prepareOpsWorkspace } from './harness/opsWorkspace.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const workspace = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(repoRoot, 'examples/demo'));
const shots = path.join(repoRoot, 'test/integration/.shots');
const suiteIndex = path.join(repoRoot, 'out/test/integration/suite/index.js');

const README_SHOTS = ['hover.png', 'hover-hostile.png', 'code-lens.png', 'status-warning.png', 'sidebar.png', 'health-quick-fix.png', 'stack-trace.png'];
const results = [];
const servers = new Set();
/** State folders of this run: removed when everything passed, kept (and named) for a look when not. */
const states = [];
// Ctrl+C or a CI kill still stops code-server's process group.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

async function stopAll() {
  await Promise.all([...servers].map((s) => s.stop()));
  servers.clear();
}

async function step(name, fn) {
  const started = Date.now();
  let ok = false;
  try {
    ok = await fn();
  } catch (error) {
    console.error(`[integration] ${name}: ${error.stack ?? error}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[integration] ${name}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s`);
  results.push({ name, ok });
}

function newState(label) {
  const state = freshState(label);
  states.push(state);
  return state;
}

/** Starts code-server (in `state`, or a fresh state folder); it is stopped by stopAll(). */
async function server(label, state = newState(label)) {
  const cs = await startCodeServer(harness, { state });
  servers.add(cs);
  console.log(`[integration] code-server (${label}) on ${cs.url}, pgid ${cs.pid}, state ${state}`);
  return cs;
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: repoRoot, env: { ...process.env, ...env } });
    child.once('exit', (code) => resolve(code === 0));
  });
}

const runNodeTests = (files, env) => run(harness.node, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...[files].flat()], env);

for (const required of [suiteIndex, path.join(repoRoot, 'dist/extension.js')]) {
  if (!existsSync(required)) throw new Error(`${required} is missing: run \`npm run build && node scripts/e2eBuild.mjs\` first`);
}
if (!existsSync(path.join(workspace, '.opslens.yaml'))) throw new Error(`${workspace} has no .opslens.yaml`);
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

// The demo's log is dated relative to when it was generated and the window is relative to now.
if (workspace === path.join(repoRoot, 'examples/demo')) {
  const { ensureFreshDemoLogs } = await import('../../examples/demo/scripts/generateLogs.mjs');
  if (await ensureFreshDemoLogs()) console.log('[integration] regenerated the demo log (it was over an hour old)');
}
const harness = ensureHarness();
try {
  const dev = await server('dev');
  await step('extension-host suites', async () => {
    const code = await runExtensionHostSuites(harness, dev, { extensionPath: repoRoot, testsPath: suiteIndex, workspace });
    return code === 0;
  });
  await step('UI tests (extension under development)', () =>
    runNodeTests([path.join(repoRoot, 'test/integration/ui/demo.test.mjs'), path.join(repoRoot, 'test/integration/ui/surfaces.test.mjs')], {
      OPSLENS_E2E_ROOT: harness.root,
      OPSLENS_WORKBENCH_URL: workbenchUrl(dev.url, workspace, { extensionDevelopmentPath: repoRoot }),
      OPSLENS_WORKSPACE: workspace,
      OPSLENS_SHOTS: shots,
    }),
  );
  // The ops fixture (hostile text, a source down, a path-mapping suggestion) on the same code-server:
  // one fresh copy for the extension-host suites and one for the UI, since both write its .opslens.yaml.
  if (workspace === path.join(repoRoot, 'examples/demo')) {
    await step('ops fixture: extension-host suites', async () => {
      const ops = await prepareOpsWorkspace();
      try {
        return (await runExtensionHostSuites(harness, dev, { extensionPath: repoRoot, testsPath: suiteIndex, workspace: ops.dir })) === 0;
      } finally {
        await ops.close();
      }
    });
    await step('ops fixture: UI tests', async () => {
      const ops = await prepareOpsWorkspace();
      try {
        return await runNodeTests(path.join(repoRoot, 'test/integration/ui/ops.test.mjs'), {
          OPSLENS_E2E_ROOT: harness.root,
          OPSLENS_WORKBENCH_URL: workbenchUrl(dev.url, ops.dir, { extensionDevelopmentPath: repoRoot }),
          OPSLENS_WORKSPACE: ops.dir,
          OPSLENS_SHOTS: shots,
        });
      } finally {
        await ops.close();
      }
    });
  }
  await stopAll();

  await step('packaged .vsix installs and activates', async () => {
    const state = newState('vsix');
    const vsix = path.join(state, 'opslens.vsix');
    if (!(await run(process.execPath, [path.join(repoRoot, 'scripts/package.mjs'), '--out', vsix]))) return false;
    console.log((await installExtension(harness, state, vsix)).trim());
    const installed = await server('vsix', state);
    return runNodeTests(path.join(repoRoot, 'test/integration/ui/installedVsix.test.mjs'), {
      OPSLENS_E2E_ROOT: harness.root,
      OPSLENS_WORKBENCH_URL: workbenchUrl(installed.url, workspace),
      OPSLENS_WORKSPACE: workspace,
      OPSLENS_SHOTS: shots,
      OPSLENS_EXTENSIONS_DIR: installed.dirs.extensions,
      OPSLENS_LOGS_DIR: path.join(installed.dirs.userData, 'logs'),
    });
  });

  if (workspace === path.join(repoRoot, 'examples/demo')) {
    await step('npm run demo -- --once --browser', () => run(process.execPath, [path.join(repoRoot, 'scripts/demo.mjs'), '--once', '--browser']));
  }
} catch (error) {
  // A failure outside a step (code-server did not start, say) fails the run like a failed step.
  console.error(`[integration] ${error.stack ?? error}`);
  results.push({ name: 'harness', ok: false });
} finally {
  await stopAll();
}

const failed = results.filter((r) => !r.ok);
if (failed.length > 0) {
  console.log(`[integration] code-server state and logs kept in: ${states.join(' ')}`);
} else {
  for (const state of states) rmSync(state, { recursive: true, force: true });
  if (args.includes('--update-screenshot')) {
    // The README shows these; every screenshot of the run stays in test/integration/.shots/.
    for (const name of README_SHOTS) copyFileSync(path.join(shots, name), path.join(repoRoot, 'docs/images', name));
    console.log(`[integration] docs/images updated: ${README_SHOTS.join(', ')}`);
  }
}
console.log(`[integration] ${results.length - failed.length}/${results.length} steps passed${failed.length ? `; failed: ${failed.map((r) => r.name).join(', ')}` : ''}`);
process.exitCode = failed.length ? 1 : 0;
