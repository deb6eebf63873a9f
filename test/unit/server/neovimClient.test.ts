// The language server in an editor other than VS Code: Debian's Neovim, headless, with its
// built-in LSP client (test/support/neovimLspClient.lua) starting `opslens-language-server
// --stdio` on a copy of the demo workspace. Neovim has no SecretStorage and does not
// answer opslens/credential; it must still get diagnostics, hovers and code lenses.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Annotation } from '../../../src/core/annotations';
import { copyDemo, hottestError, REPO, scanAnnotations } from '../../support/demoCopy';
const SERVER_BIN = path.join(REPO, 'bin/opslens-language-server.js');
const LUA = path.join(REPO, 'test/support/neovimLspClient.lua');

interface NeovimResult {
  initialized?: boolean;
  hoverProvider?: boolean;
  diagnostics: { lnum: number; message: string; severity: number; source: string }[];
  hover: { contents: { kind: string; value: string } } | null;
  codeLens: unknown;
  errors: string[];
  log: string[];
  configurationAsked?: boolean;
}

let workspace: string;
let hottest: Annotation;

before(async () => {
  execFileSync('sh', [path.join(REPO, 'test/support/installNeovim.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  // The bin entry loads the bundle; a unit run on its own (without `npm test`'s build) makes it.
  if (!existsSync(path.join(REPO, 'dist/server.js'))) execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO, stdio: 'inherit' });
  workspace = copyDemo('opslens-nvim-');
  hottest = hottestError(await scanAnnotations(workspace));
});

async function runNeovim(mode: 'configuration' | 'initOptions', settings: object): Promise<NeovimResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'opslens-nvim-out-'));
  const outFile = path.join(dir, 'result.json');
  const env = {
    ...process.env,
    OPSLENS_NVIM_SERVER: JSON.stringify([process.execPath, SERVER_BIN, '--stdio']),
    OPSLENS_NVIM_ROOT: workspace,
    OPSLENS_NVIM_FILE: hottest.file,
    OPSLENS_NVIM_LINE: String(hottest.line),
    OPSLENS_NVIM_MODE: mode,
    OPSLENS_NVIM_SETTINGS: JSON.stringify(settings),
    OPSLENS_NVIM_OUT: outFile,
    XDG_STATE_HOME: dir,
    XDG_CACHE_HOME: dir,
  };
  // The Lua script bounds every wait; the timeout only stops a Neovim that would hang anyway.
  await promisify(execFile)('nvim', ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${LUA}`], { env, timeout: 90_000 }).catch((error: unknown) => {
    if (!existsSync(outFile)) throw error;
  });
  return JSON.parse(readFileSync(outFile, 'utf8')) as NeovimResult;
}

const messageOf = (title: string): string => title.slice(title.indexOf(': ') + 2);

void test('Neovim gets OpsLens diagnostics, a hover with the error and its count, and code lenses over --stdio', async () => {
  const result = await runNeovim('configuration', { diagnostics: { severity: 'Warning' } });
  const context = JSON.stringify({ errors: result.errors, log: result.log });
  assert.deepEqual(result.errors, [], context);
  assert.equal(result.initialized, true);
  assert.equal(result.hoverProvider, true);

  const onLine = result.diagnostics.filter((d) => d.lnum === hottest.line - 1);
  assert.equal(onLine.length, 1, context);
  assert.equal(onLine[0]!.source, 'OpsLens');
  assert.ok(onLine[0]!.message.includes(`${hottest.count}×`) && onLine[0]!.message.includes(messageOf(hottest.title)), onLine[0]!.message);
  // Severity 2 is Warning: the setting reached the server through workspace/configuration.
  assert.equal(onLine[0]!.severity, 2);

  assert.ok(result.hover, context);
  const hover = result.hover.contents.value;
  assert.equal(result.hover.contents.kind, 'markdown');
  assert.match(hover, new RegExp(`\\*\\*${hottest.count}×\\*\\*`));
  // The hover escapes Markdown punctuation from production text; compare without the escapes.
  assert.ok(hover.replace(/\\(.)/g, '$1').includes(messageOf(hottest.title)), hover);
  // Neovim draws neither VS Code theme icons nor runs opslens.* command links: the hover has none.
  assert.doesNotMatch(hover, /\$\([a-z-]+\)|\]\(command:/, hover);
  // The code lens above the function that raised it counts its errors.
  const lenses = result.codeLens as { range: { start: { line: number } }; command?: { title: string } }[];
  const above = lenses.filter((l) => l.range.start.line <= hottest.line - 1).pop();
  assert.ok(above?.command?.title.includes(`${hottest.count} errors`), JSON.stringify(lenses));
});

void test('without workspace/configuration the settings come from initializationOptions', async () => {
  const result = await runNeovim('initOptions', { diagnostics: { severity: 'Error' } });
  assert.deepEqual(result.errors, [], JSON.stringify(result.log));
  const onLine = result.diagnostics.find((d) => d.lnum === hottest.line - 1);
  assert.ok(onLine, JSON.stringify(result.diagnostics));
  // Severity 1 is Error, as the initialization options asked.
  assert.equal(onLine.severity, 1);
  assert.equal(result.configurationAsked, undefined, 'the server did not ask for workspace/configuration');
  assert.ok(result.hover?.contents.value.includes(`${hottest.count}×`));
});
