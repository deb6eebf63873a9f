// Runs a mocha suite INSIDE code-server's Node extension host, with the real `vscode` API: the
// workbench loads the extension under development and `extensionTestsPath` from the URL payload,
// and calls window.codeAutomationExit(code) when the suite's run() settles (as @vscode/test-web does).
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { workbenchUrl } from './codeServer.mjs';

/** Extension-host log lines that are expected on an offline machine and say nothing about the tests. */
const NOISE = /open-vsx|ENOTFOUND|^\s+at |authentication provider|Creating a socket|connection token|^\[(Service Worker|AgentHost|AccountPolicyGate|reconnection-grace-time)|^Updating additional builtin|^Creation of workbench contribution/;

export async function runExtensionHostSuites(harness, server, { extensionPath, testsPath, workspace, timeoutMs = 240_000 }) {
  const browser = await launchBrowser(harness);
  try {
    const { page } = browser;
    const finished = new Promise((resolve) => void page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...(args ?? []));
      if (!NOISE.test(line)) console.log(line);
    });
    await page.goto(workbenchUrl(server.url, workspace, { extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath }));
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timed out'), timeoutMs)));
    const code = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    return code;
  } finally {
    await browser.close();
  }
}
