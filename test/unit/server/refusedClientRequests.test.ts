// The server's own requests to the editor (workspace/codeLens/refresh when the statement index
// lands, client/registerCapability for file and settings changes) are fire-and-forget. An editor
// may answer one with an error: that must not be an unhandled rejection, which ends a Node
// process (and in VS Code starts a crash loop of the language server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { PingRequest } from '../../../src/protocol';
import { inProcessServer } from '../../support/inProcessServer';

void test('an editor that refuses the code lens refresh and the registrations leaves the server running', async () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  process.on('unhandledRejection', onRejection);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'opslens-refused-'));
  const client = inProcessServer();
  let refused!: () => void;
  const refreshRefused = new Promise<void>((resolve) => (refused = resolve));
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  client.onRequest('client/registerCapability', () => new ResponseError(-32603, 'registration refused'));
  client.onRequest('workspace/codeLens/refresh', () => {
    refused();
    return new ResponseError(-32603, 'refresh refused');
  });
  client.listen();
  try {
    const rootUri = pathToFileURL(folder).toString();
    const capabilities = {
      workspace: { codeLens: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
    };
    await client.sendRequest('initialize', { processId: null, rootUri, capabilities, workspaceFolders: [{ uri: rootUri, name: 'empty' }] });
    await client.sendNotification('initialized', {});
    await refreshRefused;
    // Messages are handled in order: once the ping is answered, the refusals have reached the server.
    assert.deepEqual(await client.sendRequest(PingRequest), { pid: process.pid });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(rejections, []);
  } finally {
    process.off('unhandledRejection', onRejection);
    await client.sendRequest('shutdown'); // stops the poll timer, so the test process can end
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});
