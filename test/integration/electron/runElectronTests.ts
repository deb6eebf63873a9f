// `npm run test:electron`: the same extension-host suites as the code-server harness, under a
// downloaded desktop VS Code (@vscode/test-electron). For machines that can reach the VS Code
// download servers; this project's own machines cannot, so `npm test` uses code-server instead.
import { runTests } from '@vscode/test-electron';
import path from 'node:path';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../../..');
  const code = await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/integration/suite/index.js'),
    launchArgs: [path.join(root, 'examples/demo'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
  });
  process.exitCode = code;
}

main().catch((error: unknown) => {
  console.error('test-electron run failed:', error);
  process.exitCode = 1;
});
