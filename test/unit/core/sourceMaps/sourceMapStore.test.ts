import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FrameResolver, type FrameResolution } from '../../../../src/core/mapping/frameResolver';
import { SourceMapStore } from '../../../../src/core/sourceMaps/sourceMapStore';
import { parseStackTrace } from '../../../../src/core/stackTraces/parseStackTrace';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';
import { walkWorkspace } from '../../../../src/core/workspace/walkWorkspace';

// Built by scripts/fixtures/buildSourceMapFixtures.mjs: real tsc and esbuild output, and the
// stacks the compiled programs printed when run.
const ws = path.resolve('test/fixtures/sourceMaps/ws');
const stacks = JSON.parse(readFileSync('test/fixtures/sourceMaps/stacks.json', 'utf8')) as Record<string, string[]>;

/** The 1-based line of a source file that carries a `@throws X` / `@calls X` marker comment. */
function marked(file: string, marker: string): number {
  const lines = readFileSync(path.join(ws, file), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`// ${marker}`));
  assert.ok(index >= 0, `no marker ${marker} in ${file}`);
  return index + 1;
}

async function resolverFor(store = new SourceMapStore(ws)): Promise<FrameResolver> {
  return new FrameResolver(new FileIndex(await walkWorkspace(ws)), [], store);
}

function frames(stack: string) {
  const parsed = parseStackTrace(stack);
  assert.ok(parsed, `unparsed stack: ${stack}`);
  return parsed.exceptions[0]!.frames.filter((f) => !f.native);
}

function at(r: FrameResolution): string {
  return r.kind === 'resolved' ? `${r.location.file}:${r.location.line} via ${r.via}` : r.kind;
}

for (const build of ['lib', 'lib-inline', 'lib-sibling']) {
  void test(`tsc output in ${build}/ maps every frame back to its TypeScript line`, async () => {
    const resolver = await resolverFor();
    const [rangeStack, typeStack] = stacks[`${build}/main.js`]!;
    assert.deepEqual(frames(rangeStack!).slice(0, 3).map((f) => at(resolver.resolve(f))), [
      `src/pay.ts:${marked('src/pay.ts', '@throws RangeError')} via sourceMap`,
      `src/pay.ts:${marked('src/pay.ts', '@calls validate')} via sourceMap`,
      `src/main.ts:${marked('src/main.ts', '@calls charge')} via sourceMap`,
    ]);
    assert.equal(at(resolver.resolve(frames(typeStack!)[0]!)), `src/pay.ts:${marked('src/pay.ts', '@throws TypeError')} via sourceMap`);
  });
}

void test('a broken map falls back to the JavaScript location instead of failing', async () => {
  const resolver = await resolverFor();
  const [rangeStack] = stacks['lib-broken/main.js']!;
  const [top, caller, main] = frames(rangeStack!);
  assert.equal(at(resolver.resolve(top!)), 'lib-broken/pay.js:9 via suffix');
  assert.equal(at(resolver.resolve(caller!)), 'lib-broken/pay.js:13 via suffix');
  assert.equal(at(resolver.resolve(main!)), 'lib-broken/main.js:8 via suffix');
});

void test('esbuild bundle: bundled dependency code is a dependency frame, app code maps to its source', async () => {
  const resolver = await resolverFor();
  const [depStack, payStack] = stacks['bundle/app.js']!;
  const [dep, refund] = frames(depStack!);
  assert.equal(at(resolver.resolve(dep!)), 'dependency');
  assert.equal(at(resolver.resolve(refund!)), `src/bundle.ts:${marked('src/bundle.ts', '@calls assertPositive')} via sourceMap`);
  assert.equal(at(resolver.resolve(frames(payStack!)[0]!)), `src/pay.ts:${marked('src/pay.ts', '@throws RangeError')} via sourceMap`);
});

void test('build output left out of the index (gitignored) is still read through the path mappings', async () => {
  const index = new FileIndex(['src/pay.ts', 'src/main.ts']);
  const services = [{ name: 'pay', root: '', pathMappings: [{ from: '/app/', to: '' }], runbooks: [] }];
  const resolver = new FrameResolver(index, services, new SourceMapStore(ws));
  const top = frames(stacks['lib/main.js']![0]!)[0]!;
  const deployed = { ...top, file: '/app/lib/pay.js' };
  assert.equal(at(resolver.resolve(deployed, 'pay')), `src/pay.ts:${marked('src/pay.ts', '@throws RangeError')} via sourceMap`);
});

void test('maps are parsed once, a file without a map is remembered, and the cache stays bounded', () => {
  const reads: string[] = [];
  const disk = new SourceMapStore(ws);
  const reader = (file: string): string | undefined => {
    reads.push(file);
    try {
      return readFileSync(path.join(ws, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  const store = new SourceMapStore(ws, { maxMaps: 2, readFile: reader });
  assert.deepEqual(store.originalPosition('lib/pay.js', 9, 15), disk.originalPosition('lib/pay.js', 9, 15));
  store.originalPosition('lib/pay.js', 13, 5);
  assert.deepEqual(reads, ['lib/pay.js', 'lib/pay.js.map']);
  assert.equal(store.originalPosition('src/nothing.js', 1), undefined);
  assert.equal(store.originalPosition('src/nothing.js', 1), undefined);
  assert.deepEqual(reads, ['lib/pay.js', 'lib/pay.js.map', 'src/nothing.js']);
  // capacity 2: two more files push pay.js out, so it is read again
  store.originalPosition('src/other.js', 1);
  store.originalPosition('lib/pay.js', 9, 15);
  assert.deepEqual(reads.slice(3), ['src/other.js', 'lib/pay.js', 'lib/pay.js.map']);
});

void test('positions outside the map and lines before 1 answer undefined', () => {
  const store = new SourceMapStore(ws);
  assert.equal(store.originalPosition('lib/pay.js', 10_000, 1), undefined);
  assert.equal(store.originalPosition('lib/pay.js', 0, 1), undefined);
  assert.equal(store.originalPosition('lib/pay.js', Number.NaN), undefined);
});

void test('a map reference that leaves the workspace is not followed', () => {
  const files: Record<string, string> = { 'a.js': 'x\n//# sourceMappingURL=../../etc/secret.map\n' };
  const asked: string[] = [];
  const store = new SourceMapStore(ws, { readFile: (f) => (asked.push(f), files[f]) });
  assert.equal(store.originalPosition('a.js', 1), undefined);
  assert.deepEqual(asked, ['a.js', 'a.js.map']);
});

void test('a rebuilt compiled file or map is read again after fileChanged', () => {
  const files: Record<string, string> = { 'a.js': 'x\n//# sourceMappingURL=maps/a.map\n', 'maps/a.map': '{"version":3,"sources":["a.ts"],"names":[],"mappings":"AAAA"}' };
  const store = new SourceMapStore(ws, { readFile: (f) => files[f] });
  assert.equal(store.originalPosition('a.js', 1)?.line, 1);
  files['maps/a.map'] = '{"version":3,"sources":["a.ts"],"names":[],"mappings":"AACA"}';
  assert.equal(store.originalPosition('a.js', 1)?.line, 1, 'cached until told');
  store.fileChanged('maps/a.map');
  assert.equal(store.originalPosition('a.js', 1)?.line, 2);
  files['a.js'] = 'x\n';
  store.fileChanged('a.js');
  assert.equal(store.originalPosition('a.js', 1), undefined);
});

void test('sourceRoot and sectioned (index) maps resolve their sources against the map file', () => {
  const files: Record<string, string> = {
    'web/out/a.js': 'a()\n//# sourceMappingURL=maps/a.js.map',
    'web/out/maps/a.js.map': JSON.stringify({ version: 3, sourceRoot: '../../src/', sources: ['a.ts'], names: [], mappings: 'AAAA;AACA' }),
    'web/out/b.js': 'b()\n//# sourceMappingURL=b.js.map',
    'web/out/b.js.map': JSON.stringify({
      version: 3,
      sections: [
        { offset: { line: 0, column: 0 }, map: { version: 3, sources: ['../src/one.ts'], names: [], mappings: 'AAAA' } },
        { offset: { line: 1, column: 0 }, map: { version: 3, sources: ['../src/two.ts'], names: [], mappings: 'AAEA' } },
      ],
    }),
  };
  const store = new SourceMapStore(ws, { readFile: (f) => files[f] });
  assert.deepEqual(store.originalPosition('web/out/a.js', 2, 1), { source: 'web/src/a.ts', line: 2, column: 1, ignored: false });
  assert.deepEqual(store.originalPosition('web/out/b.js', 1, 1), { source: 'web/src/one.ts', line: 1, column: 1, ignored: false });
  assert.deepEqual(store.originalPosition('web/out/b.js', 2, 1), { source: 'web/src/two.ts', line: 3, column: 1, ignored: false });
});

void test('ESM frames (file:// URLs) and frames without a column go through the map too', async () => {
  const resolver = await resolverFor();
  const throwLine = marked('src/pay.ts', '@throws RangeError');
  const esm = { file: `file://${ws}/lib/pay.js`, line: 9, column: 15 };
  assert.equal(at(resolver.resolve(esm)), `src/pay.ts:${throwLine} via sourceMap`);
  assert.equal(at(resolver.resolve({ file: '/srv/x/lib/pay.js', line: 9 })), `src/pay.ts:${throwLine} via sourceMap`);
});

void test('compiled paths from log text that leave the workspace are not read from disk', async () => {
  const inside = path.join(ws, 'lib');
  const store = new SourceMapStore(inside);
  // ../lib-sibling/pay.js exists on disk next to the folder, but outside this store's root
  assert.equal(store.originalPosition('../lib-sibling/pay.js', 9, 15), undefined);
  assert.equal(store.originalPosition('/etc/passwd', 1), undefined);
  assert.ok(store.originalPosition('pay.js', 9, 15));
  const resolver = new FrameResolver(new FileIndex([]), [], new SourceMapStore(inside));
  assert.equal(resolver.resolve({ file: '../lib-sibling/pay.js', line: 9, column: 15 }).kind, 'unmatched');
});

void test('preload reads maps asynchronously; the lookups after it touch no file', async () => {
  const syncReads: string[] = [];
  const asyncReads: string[] = [];
  const read = (f: string) => {
    try {
      return readFileSync(path.join(ws, f), 'utf8');
    } catch {
      return undefined;
    }
  };
  const store = new SourceMapStore(ws, { readFile: (f) => (syncReads.push(f), read(f)), readFileAsync: async (f) => (asyncReads.push(f), read(f)) });
  const resolver = new FrameResolver(new FileIndex(await walkWorkspace(ws)), [], store);
  const stackFrames = frames(stacks['lib-inline/main.js']![0]!);
  await store.preload(stackFrames.flatMap((f) => resolver.compiledFilesFor(f)));
  assert.deepEqual(asyncReads.sort(), ['lib-inline/main.js', 'lib-inline/pay.js']);
  assert.equal(at(resolver.resolve(stackFrames[0]!)), `src/pay.ts:${marked('src/pay.ts', '@throws RangeError')} via sourceMap`);
  assert.deepEqual(syncReads, []);
  assert.deepEqual(resolver.compiledFilesFor({ file: '/x/node_modules/a/b.js', line: 1 }), []);
  assert.deepEqual(resolver.compiledFilesFor({ file: '/x/src/a.py', line: 1 }), []);
});
