import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isRunbookLink, parseCatalogInfo } from '../../../../src/core/services/catalogInfo';

const fixtures = path.join(__dirname, '../../../fixtures/services/monorepo');
const read = (rel: string): string => readFileSync(path.join(fixtures, rel), 'utf8');

void test('reads the Component of a multi-document catalog file and skips the API entity', () => {
  const { components, problems } = parseCatalogInfo(read('services/checkout/catalog-info.yaml'));
  assert.deepEqual(problems, []);
  assert.equal(components.length, 1);
  const [checkout] = components;
  assert.equal(checkout!.name, 'checkout');
  assert.equal(checkout!.annotations['sentry.io/project-slug'], 'acme/checkout');
  assert.equal(checkout!.annotations['pagerduty.com/service-id'], 'PCHK42');
  assert.equal(checkout!.annotations['grafana/dashboard-selector'], "tags @> 'checkout'");
  assert.deepEqual(
    checkout!.links.map((l) => l.title),
    ['Checkout dashboard', 'Checkout Runbook', 'Cart errors'],
  );
});

void test('a broken document is reported with its line and the others still count', () => {
  const file = 'services/search/catalog-info.yaml';
  const { components, problems } = parseCatalogInfo(read(file), file);
  assert.deepEqual(components.map((c) => c.name), ['search']);
  assert.equal(problems.length, 2);
  assert.match(problems[0]!.message, /^services\/search\/catalog-info\.yaml:11:\d+: a Component needs `metadata.name`/);
  assert.equal(problems[1]!.file, file);
  assert.equal(problems[1]!.line, 20);
});

void test('empty files, empty documents and non-mapping documents never throw', () => {
  assert.deepEqual(parseCatalogInfo('').components, []);
  assert.deepEqual(parseCatalogInfo('---\n---\n').components, []);
  const scalar = parseCatalogInfo('just text');
  assert.equal(scalar.components.length, 0);
  assert.equal(scalar.problems.length, 1);
});

void test('links without a url are dropped and non-string annotations ignored', () => {
  const text = 'kind: Component\nmetadata:\n  name: a\n  annotations: { n: 3, o: { x: 1 } }\n  links: [ { title: Runbook }, { url: "https://x.example/r", type: runbook } ]\n';
  const [c] = parseCatalogInfo(text).components;
  assert.deepEqual(c!.annotations, { n: '3' });
  assert.deepEqual(c!.links, [{ url: 'https://x.example/r', type: 'runbook' }]);
});

void test('a link is a runbook when its title or type says so', () => {
  assert.equal(isRunbookLink({ url: 'u', title: 'Checkout Runbook' }), true);
  assert.equal(isRunbookLink({ url: 'u', type: 'runbook' }), true);
  assert.equal(isRunbookLink({ url: 'u', title: 'RUNBOOKS index' }), true);
  assert.equal(isRunbookLink({ url: 'u', title: 'Dashboard', type: 'dashboard' }), false);
  assert.equal(isRunbookLink({ url: 'https://wiki/runbook' }), false);
});
