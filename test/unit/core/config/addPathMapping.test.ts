import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { addPathMapping, PathMappingEditError, serviceForFolder } from '../../../../src/core/config/addPathMapping';

const CONFIG = `# OpsLens config: keep me
services:
  - name: orders          # the orders API
    root: services/orders
  - name: payments
    root: services/payments
    pathMappings:
      - { from: /app/, to: services/payments/ }
sources:
  - { type: file, path: logs/*.ndjson }
`;

void test('adds a flow mapping to the named service and keeps every comment', () => {
  const out = addPathMapping(CONFIG, 'orders', '/srv/app/', 'services/orders/');
  assert.match(out, /# OpsLens config: keep me/);
  assert.match(out, /# the orders API/);
  assert.match(out, /\{ from: \/srv\/app\/, to: services\/orders\/ \}/);
  const parsed = parse(out) as { services: { name: string; pathMappings?: unknown[] }[] };
  assert.deepEqual(parsed.services[0]!.pathMappings, [{ from: '/srv/app/', to: 'services/orders/' }]);
  assert.equal(parsed.services[1]!.pathMappings!.length, 1);
});

void test('appends to an existing list and does not add a mapping twice', () => {
  const once = addPathMapping(CONFIG, 'payments', '/srv/pay/', 'services/payments/');
  assert.equal((parse(once) as { services: { pathMappings: unknown[] }[] }).services[1]!.pathMappings.length, 2);
  assert.equal(addPathMapping(once, 'payments', '/srv/pay/', 'services/payments/'), once);
});

void test('says why when the service or the services list is missing, or the YAML is broken', () => {
  assert.throws(() => addPathMapping(CONFIG, 'nope', '/a/', 'b/'), (e: unknown) => e instanceof PathMappingEditError && e.reason === 'noSuchService');
  assert.throws(() => addPathMapping('sources: []\n', 'orders', '/a/', 'b/'), (e: unknown) => e instanceof PathMappingEditError && e.reason === 'noServices');
  assert.throws(() => addPathMapping('services: [\n', 'orders', '/a/', 'b/'), (e: unknown) => e instanceof PathMappingEditError && e.reason === 'invalidYaml');
});

void test('the service for a target folder is the one whose root holds it, the deepest first', () => {
  const services = [
    { name: 'all', root: '' },
    { name: 'orders', root: 'services/orders' },
  ];
  assert.equal(serviceForFolder(services, 'services/orders/'), 'orders');
  assert.equal(serviceForFolder(services, 'services/orders/src/'), 'orders');
  assert.equal(serviceForFolder(services, 'lib/'), 'all');
  assert.equal(serviceForFolder([{ name: 'x', root: 'a' }, { name: 'y', root: 'b' }], 'c/'), undefined);
});
