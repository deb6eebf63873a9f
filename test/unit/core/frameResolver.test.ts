import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileIndex } from '../../../src/core/workspace/fileIndex';
import { FrameResolver, normaliseFramePath } from '../../../src/core/mapping/frameResolver';

const index = new FileIndex(['services/payments/src/pay.ts', 'services/orders/src/pay.ts', 'services/orders/src/orders.ts', 'lib/util.ts']);

void test('a unique file name resolves by suffix', () => {
  const r = new FrameResolver(index).resolve({ file: '/srv/app/src/orders.ts', line: 3 });
  assert.deepEqual(r, { kind: 'resolved', location: { file: 'services/orders/src/orders.ts', line: 3 }, via: 'suffix' });
});

void test('the longest suffix wins over a shorter one', () => {
  const r = new FrameResolver(index).resolve({ file: '/deploy/payments/src/pay.ts', line: 1 });
  assert.equal(r.kind, 'resolved');
  assert.equal(r.kind === 'resolved' && r.location.file, 'services/payments/src/pay.ts');
});

void test('a tie is reported as ambiguous, not guessed', () => {
  const r = new FrameResolver(index).resolve({ file: '/app/src/pay.ts', line: 1 });
  assert.equal(r.kind, 'ambiguous');
});

void test('the service root breaks a tie', () => {
  const services = [{ name: 'orders', root: 'services/orders', pathMappings: [], runbooks: [] }];
  const r = new FrameResolver(index, services).resolve({ file: '/app/src/pay.ts', line: 1 }, 'orders');
  assert.equal(r.kind === 'resolved' && r.location.file, 'services/orders/src/pay.ts');
});

void test('a configured path mapping comes first', () => {
  const services = [{ name: 'payments', root: 'services/payments', pathMappings: [{ from: '/app/', to: 'services/payments/' }], runbooks: [] }];
  const r = new FrameResolver(index, services).resolve({ file: '/app/src/pay.ts', line: 9 }, 'payments');
  assert.deepEqual(r, { kind: 'resolved', location: { file: 'services/payments/src/pay.ts', line: 9 }, via: 'mapping' });
});

void test('dependency and runtime frames are not in-app', () => {
  const resolver = new FrameResolver(index);
  assert.equal(resolver.resolve({ file: '/app/node_modules/express/lib/router.js', line: 1 }).kind, 'dependency');
  assert.equal(resolver.resolve({ file: 'node:internal/modules/cjs/loader', line: 1, native: true }).kind, 'dependency');
});

void test('frame paths are normalised from URLs and Windows paths', () => {
  assert.equal(normaliseFramePath('file:///app/src/x%20y.ts'), '/app/src/x y.ts');
  assert.equal(normaliseFramePath('webpack://shop/./src/x.ts'), '/src/x.ts');
  assert.equal(normaliseFramePath('C:\\app\\src\\x.cs'), '/app/src/x.cs');
});
