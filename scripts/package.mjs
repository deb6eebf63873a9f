// `npm run package`: a production bundle, then a .vsix built by @vscode/vsce (from the cached test
// harness, installed on first use: vsce is a tool, not a dependency of the extension).
// .vscodeignore is a whitelist; the bundles carry their dependencies (--no-dependencies).
// Usage: node scripts/package.mjs [--out FILE.vsix]
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHarness } from '../test/integration/harness/harnessInstall.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex === -1 ? path.join(root, `${name}-${version}.vsix`) : process.argv[outIndex + 1]);

execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
const harness = ensureHarness();
// vsce runs `npm`/`node` from PATH: put the harness's Node first so it runs on the version it was installed with.
const env = { ...process.env, PATH: `${path.dirname(harness.node)}${path.delimiter}${process.env.PATH}` };
execFileSync(harness.node, [harness.vsce, 'package', '--no-dependencies', '--out', out], { cwd: root, stdio: 'inherit', env });
const files = execFileSync(harness.node, [harness.vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', env }).trim().split('\n');
const shown = path.relative(process.cwd(), out).startsWith('..') ? out : path.relative(process.cwd(), out);
console.log(`${shown}: ${(statSync(out).size / 1024).toFixed(0)} KB, ${files.length} files: ${files.join(', ')}`);
