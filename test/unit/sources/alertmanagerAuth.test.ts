/**
 * Credentials against the REAL Alertmanager behind basic auth (its own
 * --web.config.file): the credential stored for its origin opens it, a request
 * without one is refused with a reason, and a credential stored for another origin
 * is not sent.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AlertmanagerSource } from '../../../src/sources/alertmanagerSource';
import type { CredentialProvider } from '../../../src/sources/http/credentials';
import { HttpSourceError } from '../../../src/sources/http/httpError';
import { startAlertmanager, TEST_PASSWORD, TEST_PASSWORD_BCRYPT, type AlertmanagerServer } from '../../support/alertmanagerServer';

let am: AlertmanagerServer;
const services = [{ name: 'payments', root: '', pathMappings: [], runbooks: [] }];
const WINDOW = { since: 0, until: Date.now() };

before(async () => {
  am = await startAlertmanager({ basicAuth: { user: 'opslens', bcryptHash: TEST_PASSWORD_BCRYPT } });
  await am.postAlerts([{ labels: { alertname: 'Payments5xx', service: 'payments' }, annotations: { summary: 'errors' }, startsAt: new Date().toISOString() }]);
});
after(async () => {
  await am?.close();
});

const storedFor = (origin: string): CredentialProvider => ({ get: async (_s, o) => (o === origin ? { user: 'opslens', token: TEST_PASSWORD } : undefined) });
const source = (credentials: CredentialProvider) => AlertmanagerSource.fromConfig({ type: 'alertmanager', name: 'alertmanager', url: am.url }, services, credentials);

void test('the credential stored for its origin opens a basic-auth Alertmanager', async () => {
  const { incidents } = await source(storedFor(am.url)).poll(WINDOW);
  assert.deepEqual(incidents.map((i) => i.labels.alertname), ['Payments5xx']);
});

void test('without a credential, or with one stored for another origin, it is refused and the reason says what to do', async () => {
  for (const credentials of [storedFor('https://alertmanager.example.com'), { get: async () => undefined }]) {
    const error = await source(credentials).poll(WINDOW).then(
      () => assert.fail('expected 401'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof HttpSourceError);
    assert.equal(error.kind, 'unauthorized');
    assert.match(error.reason, /refused access \(401\).*Set Credential/);
    assert.ok(!error.message.includes(TEST_PASSWORD));
  }
});
