// Entry point the extension host loads through `extensionTestsPath` (code-server's workbench payload
// or @vscode/test-electron): runs the *.test.js bundled next to this file with mocha, inside the
// extension host, against the real `vscode` API. A fixture workspace (test/fixtures/workspaces/NAME,
// opened as a folder named NAME) runs the suites of suite/NAME/ instead of the demo's.
import Mocha from 'mocha';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

function suiteDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const own = folder ? path.join(__dirname, path.basename(folder.uri.fsPath)) : undefined;
  return own && existsSync(own) ? own : __dirname;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  const dir = suiteDir();
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(dir, file));
  }
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(`extension-host suites: ${mocha.suite.total() - failures} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
