// With the statement index deferred (the server's start), a source file can change after the index
// has read it but before the index lands in the session (its landing waits for a poll in flight).
// The change must still reach the index: its log lines would otherwise stay unplaced, or land on
// the statement as it was, until the file changes again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CredentialLookup, CredentialProvider } from '../../../src/sources/http/credentials';
import { WorkspaceSession } from '../../../src/server/workspaceSession';

const OLD = "const logger = require('pino')();\n\nfunction ship() {\n  logger.info('order shipped to the warehouse');\n}\n";
const NEW = "const logger = require('pino')();\n\nfunction refund() {\n  logger.info('refund issued to the customer');\n}\n";

/** A credential lookup the test answers when it wants: the poll that asks for it holds the session's queue. */
function heldCredentials() {
  let asked: () => void = () => undefined;
  let answer: (lookup: CredentialLookup) => void = () => undefined;
  const wasAsked = new Promise<void>((resolve) => (asked = resolve));
  const provider: CredentialProvider = {
    get: () =>
      new Promise<CredentialLookup>((resolve) => {
        answer = resolve;
        asked();
      }),
  };
  return { provider, wasAsked, release: () => answer(undefined) };
}

void test('a file changed after the deferred index read it, before the index landed, is re-indexed', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opslens-index-change-'));
  mkdirSync(path.join(root, 'logs'));
  writeFileSync(path.join(root, 'app.js'), OLD);
  writeFileSync(path.join(root, 'logs', 'app.ndjson'), `${JSON.stringify({ level: 30, time: Date.now(), msg: 'refund issued to the customer', service: 'shop' })}\n`);
  // The loki source at a closed port only serves to hold the first poll (at its credential lookup).
  writeFileSync(path.join(root, '.opslens.yaml'), 'services:\n  - { name: shop, root: . }\nsources:\n  - { type: file, path: logs/*.ndjson }\n  - { type: loki, url: "http://127.0.0.1:9" }\nwindow: 24h\n');
  const credentials = heldCredentials();
  let indexBuilt: () => void = () => undefined;
  const built = new Promise<void>((resolve) => (indexBuilt = resolve));
  const log = {
    info: (message: string) => {
      if (message.includes('logging statement(s) in')) indexBuilt();
    },
    warn: () => undefined,
    error: () => undefined,
  };
  const session = new WorkspaceSession(root, log, { deferStatementIndex: true, credentials: credentials.provider });
  try {
    await session.start();
    const polling = session.poll();
    await credentials.wasAsked;
    const indexing = session.indexStatements();
    await built; // the index holds app.js as it was; its landing waits for the poll
    writeFileSync(path.join(root, 'app.js'), NEW);
    await session.fileChanged(path.join(root, 'app.js'), false);
    credentials.release();
    await polling;
    await indexing;
    const placed = session.groupsAtLine('app.js', 4);
    assert.equal(placed[0]?.kind, 'log', 'the log line of the changed statement lands on it');
    assert.equal(placed[0]?.count, 1);
  } finally {
    session.dispose();
    rmSync(root, { recursive: true, force: true });
  }
});
