// opslens/ping, the request the VS Code client's watchdog sends (extension/supervision): the
// server answers it from its event loop with its process id, also before any folder is loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PingRequest } from '../../../src/protocol';
import { inProcessServer } from '../../support/inProcessServer';

void test('opslens/ping answers with the server process id, right after initialize', async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'opslens-ping-'));
  const client = inProcessServer();
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  client.listen();
  try {
    const rootUri = pathToFileURL(folder).toString();
    await client.sendRequest('initialize', { processId: null, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: 'empty' }] });
    await client.sendNotification('initialized', {});
    assert.deepEqual(await client.sendRequest(PingRequest), { pid: process.pid });
  } finally {
    await client.sendRequest('shutdown'); // stops the poll timer, so the test process can end
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});
