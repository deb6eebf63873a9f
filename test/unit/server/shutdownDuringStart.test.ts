// A shutdown that arrives while the server is still starting (the client gave up, or the editor
// closed right away) must leave no poll timer behind: an interval armed after shutdown keeps the
// server process alive forever after the client has gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataChangedNotification } from '../../../src/protocol';
import { inProcessServer } from '../../support/inProcessServer';

const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

void test('a shutdown during start-up arms no poll timer once the start-up goes on', async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'opslens-shutdown-'));
  const timersBefore = timers();
  const client = inProcessServer();
  // Settings answers are held until after shutdown: the start-up waits for them right before it arms the timer.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  client.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
    await held;
    return p.items.map(() => null);
  });
  let dataChanged = 0;
  let startUpDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (startUpDone = resolve));
  // The first publish follows the first poll; the second ends the start-up (after the statement index).
  client.onNotification(DataChangedNotification, () => {
    if (++dataChanged === 2) startUpDone();
  });
  client.listen();
  try {
    const rootUri = pathToFileURL(folder).toString();
    await client.sendRequest('initialize', { processId: null, rootUri, capabilities: { workspace: { configuration: true } }, workspaceFolders: [{ uri: rootUri, name: 'empty' }] });
    await client.sendNotification('initialized', {});
    await client.sendRequest('shutdown');
    release();
    await done;
    assert.equal(timers(), timersBefore, 'no timer left running after shutdown');
  } finally {
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});
