import assert from 'node:assert/strict';
import { test } from 'node:test';
import { credentialEnvName, EnvCredentialProvider } from '../../../../src/sources/http/credentials';
import { parseRetryAfter } from '../../../../src/sources/http/retryAfter';

void test('environment variable names upper-case the source name and turn the rest into _', () => {
  assert.equal(credentialEnvName('sentry', 'TOKEN'), 'OPSLENS_SENTRY_TOKEN');
  assert.equal(credentialEnvName('loki-eu.prod', 'USER'), 'OPSLENS_LOKI_EU_PROD_USER');
});

void test('the CLI provider reads token and user, and honours an origin binding', async () => {
  const env = { OPSLENS_LOKI_EU_TOKEN: 'secret', OPSLENS_LOKI_EU_USER: '1234', OPSLENS_PD_TOKEN: 'pd' };
  const provider = new EnvCredentialProvider(env);
  assert.deepEqual(await provider.get('loki-eu', 'https://logs.example.com'), { token: 'secret', user: '1234' });
  assert.deepEqual(await provider.get('pd', 'https://api.pagerduty.com'), { token: 'pd' });
  assert.equal(await provider.get('sentry', 'https://sentry.io'), undefined);

  const bound = new EnvCredentialProvider({ ...env, OPSLENS_PD_ORIGIN: 'https://api.pagerduty.com/' });
  assert.deepEqual(await bound.get('pd', 'https://api.pagerduty.com'), { token: 'pd' });
  const elsewhere = await bound.get('pd', 'https://evil.example.com');
  assert.ok(elsewhere && 'withheld' in elsewhere);
  assert.ok(!elsewhere.withheld.includes('pd"') && !JSON.stringify(elsewhere).includes('"pd"'));
});

void test('Retry-After: delay-seconds, an HTTP date, or nothing usable', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter('-5', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});
