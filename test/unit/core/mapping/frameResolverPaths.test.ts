import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FrameResolver, isDependencyPath, normaliseFramePath } from '../../../../src/core/mapping/frameResolver';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';

void test('dependency folders count only as whole path segments', () => {
  assert.equal(isDependencyPath('/app/node_modules/pg/lib/client.js'), true);
  assert.equal(isDependencyPath('node_modules/x.js'), true);
  assert.equal(isDependencyPath('/usr/lib/python3/dist-packages/yaml/__init__.py'), true);
  assert.equal(isDependencyPath('/src/vendor'), true);
  assert.equal(isDependencyPath('/src/my_node_modules/x.js'), false);
  assert.equal(isDependencyPath('/src/vendored/x.go'), false);
  assert.equal(isDependencyPath('/src/site-packages-tools/x.py'), false);
  assert.equal(isDependencyPath('/src/vendors/vendor.ts'), false);
});

void test('isDependencyPath agrees with a split into segments on random paths', () => {
  const segment = fc.constantFrom('node_modules', 'vendor', 'site-packages', 'src', 'a', 'vendorx', 'xvendor', '', '.yarn');
  fc.assert(
    fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
      const path = segments.join('/');
      const expected = segments.some((s) => ['node_modules', 'site-packages', 'dist-packages', 'vendor', 'bower_components', 'jspm_packages', '.yarn'].includes(s));
      assert.equal(isDependencyPath(path), expected, path);
    }),
  );
});

void test('`.` segments are dropped, other paths pass through unchanged', () => {
  assert.equal(normaliseFramePath('./src/./pay.ts'), 'src/pay.ts');
  assert.equal(normaliseFramePath('/app/src/pay.ts'), '/app/src/pay.ts');
  assert.equal(normaliseFramePath('C:\\app\\src\\pay.ts'), '/app/src/pay.ts');
  assert.equal(normaliseFramePath('webpack:///./src/pay.ts'), '/src/pay.ts');
});

void test('cached resolutions follow changes of the file index', () => {
  const index = new FileIndex(['src/a.ts']);
  const resolver = new FrameResolver(index, []);
  const frame = { file: '/app/src/pay.ts', line: 3 };
  assert.equal(resolver.resolve(frame).kind, 'unmatched');
  index.add('services/pay/src/pay.ts');
  assert.deepEqual(resolver.resolve(frame), { kind: 'resolved', location: { file: 'services/pay/src/pay.ts', line: 3 }, via: 'suffix' });
  index.delete('services/pay/src/pay.ts');
  assert.equal(resolver.resolve(frame).kind, 'unmatched');
});

void test('cached resolutions are kept per service: each service has its own mappings', () => {
  const index = new FileIndex(['web/src/main.ts', 'api/src/main.ts']);
  const services = [
    { name: 'web', root: 'web', pathMappings: [{ from: '/app/', to: 'web/' }], runbooks: [] },
    { name: 'api', root: 'api', pathMappings: [{ from: '/app/', to: 'api/' }], runbooks: [] },
  ];
  const resolver = new FrameResolver(index, services);
  const frame = { file: '/app/src/main.ts', line: 1 };
  const fileOf = (service?: string) => {
    const r = resolver.resolve(frame, service);
    return r.kind === 'resolved' ? r.location.file : r.kind;
  };
  assert.equal(fileOf('web'), 'web/src/main.ts');
  assert.equal(fileOf('api'), 'api/src/main.ts');
  assert.equal(fileOf('web'), 'web/src/main.ts');
  // a service without config: every service's mappings apply, the first that fits wins
  assert.equal(fileOf('unknown-service'), 'web/src/main.ts');
});

void test('longest suffix: two-segment narrowing gives the same answers as comparing every candidate', () => {
  const dirs = fc.constantFrom('a', 'b', 'src', 'lib', 'x');
  const pathArb = fc.tuple(fc.array(dirs, { maxLength: 4 }), fc.constantFrom('index.ts', 'pay.py', 'Main.java')).map(([d, f]) => [...d, f].join('/'));
  fc.assert(
    fc.property(fc.uniqueArray(pathArb, { maxLength: 30 }), pathArb, (files, query) => {
      const index = new FileIndex(files);
      const got = index.longestSuffixMatches(`/deploy/${query}`);
      const q = query.split('/');
      const shared = (f: string) => {
        const parts = f.split('/');
        let n = 0;
        while (n < q.length && n < parts.length && q[q.length - 1 - n] === parts[parts.length - 1 - n]) n++;
        return n;
      };
      const best = Math.max(0, ...files.map(shared));
      const expected = best === 0 ? [] : files.filter((f) => shared(f) === best);
      assert.deepEqual([...got.matches].sort(), [...expected].sort());
      assert.equal(got.segments, best);
    }),
  );
});
