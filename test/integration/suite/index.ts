// Entry point the extension host loads through `extensionTestsPath` (code-server's workbench payload
// or @vscode/test-electron): runs every *.test.js bundled next to this file with mocha, inside the
// extension host, against the real `vscode` API.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import path from 'node:path';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(`extension-host suites: ${mocha.suite.total() - failures} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
