import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import { ClientCredentialProvider } from '../../../src/server/clientCredentials';
import { EnvCredentialProvider } from '../../../src/sources/http/credentials';
import { renderHealthReport } from '../../../src/server/healthReport';
import { escapeMarkdown } from '../../../src/core/text/escapeMarkdown';
import { AlertmanagerSource } from '../../../src/sources/alertmanagerSource';
import { ResilientSource } from '../../../src/sources/resilientSource';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';

const TOKEN = 'client-secret-9d8c7b';
const UNTRUSTED = 'this workspace is not trusted: OpsLens sends no credentials to the URLs its .opslens.yaml declares';

/** A stand-in for the language server connection: answers opslens/credential as the client would. */
function fakeConnection(answer: (params: { source: string; origin: string }) => unknown) {
  const asked: Array<{ method: string; params: { source: string; origin: string } }> = [];
  const connection = {
    sendRequest: async (type: { method: string }, params: { source: string; origin: string }) => {
      asked.push({ method: type.method, params });
      return answer(params);
    },
  } as unknown as Connection;
  return { connection, asked };
}

let server: FaultServer;
before(async () => {
  server = await startFaultServer(() => json([]));
});
after(async () => {
  await server.close();
});

void test('the server asks the client once per source and origin until told the credentials changed', async () => {
  const { connection, asked } = fakeConnection(() => ({ token: TOKEN }));
  const provider = new ClientCredentialProvider(connection);
  assert.deepEqual(await provider.get('loki', 'https://logs.example.com'), { token: TOKEN });
  assert.deepEqual(await provider.get('loki', 'https://logs.example.com'), { token: TOKEN });
  await provider.get('loki', 'https://other.example.com');
  assert.deepEqual(asked.map((a) => [a.method, a.params.origin]), [
    ['opslens/credential', 'https://logs.example.com'],
    ['opslens/credential', 'https://other.example.com'],
  ]);
  provider.clear();
  await provider.get('loki', 'https://logs.example.com');
  assert.equal(asked.length, 3);
});

void test('a failed ask is not remembered, and the poll goes on without a credential', async () => {
  let fail = true;
  const { connection } = fakeConnection(() => {
    if (fail) throw new Error('client went away');
    return { token: TOKEN };
  });
  const provider = new ClientCredentialProvider(connection);
  const before = server.requests.length;
  const source = AlertmanagerSource.fromConfig({ type: 'alertmanager', name: 'am', url: server.url }, [], provider);
  await source.poll({ since: 0, until: 1 });
  assert.equal(server.requests[before]!.headers.authorization, undefined);
  fail = false;
  await source.poll({ since: 0, until: 1 });
  assert.equal(server.requests[before + 1]!.headers.authorization, `Bearer ${TOKEN}`);
});

void test('in an untrusted workspace nothing is sent and the health report says why', async () => {
  const { connection } = fakeConnection(() => ({ withheld: UNTRUSTED }));
  const before = server.requests.length;
  const source = new ResilientSource(AlertmanagerSource.fromConfig({ type: 'alertmanager', name: 'am', url: server.url }, [], new ClientCredentialProvider(connection)));
  await source.poll({ since: 0, until: 1 });
  assert.equal(server.requests[before]!.headers.authorization, undefined);
  const health = source.health();
  assert.equal(health.notice, UNTRUSTED);
  assert.equal(health.origin, server.url);
  const report = renderHealthReport([{ folder: '/ws', sources: [{ ...health, folder: '/ws' }], placement: undefined }], Date.now());
  assert.ok(report.includes(`- note: ${escapeMarkdown(UNTRUSTED)}`), report);
  assert.ok(report.includes(`- backend: ${server.url}`), report);
});

void test('an editor that does not answer opslens/credential (Neovim over --stdio) gets the environment variables', async () => {
  const { connection } = fakeConnection(() => {
    throw Object.assign(new Error('Unhandled method opslens/credential'), { code: -32601 });
  });
  const provider = new ClientCredentialProvider(connection, new EnvCredentialProvider({ OPSLENS_LOKI_TOKEN: TOKEN }));
  assert.deepEqual(await provider.get('loki', 'https://logs.example.com'), { token: TOKEN });
  assert.equal(await provider.get('sentry', 'https://sentry.io'), undefined);
});
