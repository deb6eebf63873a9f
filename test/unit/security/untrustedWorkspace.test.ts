/**
 * The client side of "an untrusted workspace gets no credential": the answer to the server's
 * opslens/credential request (src/extension/credentials/secretCredentials.ts) under a stand-in
 * for the `vscode` module. Untrusted: the reason, and SecretStorage is not even read. Trusted:
 * the credential stored for that source and origin, and none for another origin.
 * (test/unit/server/clientCredentials.test.ts covers what the server does with the answer.)
 */
import assert from 'node:assert/strict';
import Module from 'node:module';
import { test } from 'node:test';

const fakeVscode = {
  workspace: { isTrusted: false, onDidGrantWorkspaceTrust: () => ({ dispose() {} }) },
  window: { createOutputChannel: () => ({ appendLine() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {}, dispose() {} }) },
};

/** `require('vscode')` answers with the stand-in (the real module exists only inside VS Code). */
function withFakeVscode(): void {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  loader._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fakeVscode };
}

void test('in an untrusted workspace the client answers with the reason and never reads a stored credential', async () => {
  withFakeVscode();
  const { credentialAnswer, SecretCredentials, UNTRUSTED_REASON } = await import('../../../src/extension/credentials/secretCredentials');
  const reads: string[] = [];
  const stored = new Map([[SecretCredentials.key('loki', 'https://logs.example.com'), JSON.stringify({ token: 'tok-untrusted-3c2b1a' })]]);
  const secrets = { get: async (key: string) => (reads.push(key), stored.get(key)), store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) };
  const answer = credentialAnswer(new SecretCredentials(secrets as never));

  fakeVscode.workspace.isTrusted = false;
  assert.deepEqual(await answer({ source: 'loki', origin: 'https://logs.example.com' }), { withheld: UNTRUSTED_REASON });
  assert.deepEqual(reads, [], 'SecretStorage is not read for an untrusted workspace');

  fakeVscode.workspace.isTrusted = true;
  assert.deepEqual(await answer({ source: 'loki', origin: 'https://logs.example.com' }), { token: 'tok-untrusted-3c2b1a' });
  assert.equal(await answer({ source: 'loki', origin: 'https://attacker.example' }), null, 'stored for one origin, never given for another');
});
