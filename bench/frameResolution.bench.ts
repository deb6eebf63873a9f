// Frames resolved per second against a 50,000-file workspace index, as a ratio to a
// baseline measured in the same run: one Map lookup per frame (the least any
// resolver must do). Paths come from real repositories' file lists when
// /work/shared/data/repo-trees is present, padded with generated ones to 50k.
// Run: node --import tsx bench/frameResolution.bench.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StackFrame } from '../src/core/events';
import { FrameResolver } from '../src/core/mapping/frameResolver';
import { SourceMapStore } from '../src/core/sourceMaps/sourceMapStore';
import { FileIndex } from '../src/core/workspace/fileIndex';
import { seededRandom as random } from '../test/support/seededRandom';

const FILES = 50_000;
const FRAMES = 200_000;
const TREES = '/work/shared/data/repo-trees';


function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Real repositories' paths, each under services/<repo>/, as in a monorepo. */
function realPaths(): string[] {
  if (!existsSync(TREES)) return [];
  return readdirSync(TREES).flatMap((name) =>
    readFileSync(path.join(TREES, name), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => `services/${name.replace(/\.txt$/, '')}/${l}`),
  );
}

/** Generated paths shaped like the usual layouts: src/…/x.ts, pkg/…/x.go, src/main/java/com/…/X.java, app/…/x.py. */
function generatedPaths(rand: () => number, count: number): string[] {
  const words = ['api', 'auth', 'billing', 'cart', 'core', 'db', 'events', 'http', 'jobs', 'mail', 'orders', 'pay', 'queue', 'search', 'users', 'util', 'web', 'admin', 'report', 'cache'];
  const layouts: ((s: string, d: string, f: string) => string)[] = [
    (s, d, f) => `services/${s}/src/${d}/${f}.ts`,
    (s, d, f) => `services/${s}/internal/${d}/${f}.go`,
    (s, d, f) => `services/${s}/src/main/java/com/acme/${s}/${d}/${f[0]!.toUpperCase()}${f.slice(1)}.java`,
    (s, d, f) => `services/${s}/${s}/${d}/${f}.py`,
    (s, d, f) => `packages/${s}/lib/${d}/${f}.js`,
  ];
  const out = new Set<string>();
  while (out.size < count) out.add(pick(rand, layouts)(`${pick(rand, words)}${Math.floor(rand() * 40)}`, pick(rand, words), `${pick(rand, words)}${Math.floor(rand() * 30)}`));
  return [...out];
}

/** A frame as a runtime prints it for a workspace file, or a dependency/unknown frame. */
function frameFor(rand: () => number, files: readonly string[]): StackFrame {
  const roll = rand();
  const line = 1 + Math.floor(rand() * 500);
  if (roll < 0.1) return { file: `/app/node_modules/${pick(rand, ['express', 'pg', 'axios'])}/lib/index.js`, line };
  if (roll < 0.15) return { file: `/usr/lib/python3.11/${pick(rand, ['json', 'http', 'asyncio'])}/client.py`, line };
  const file = pick(rand, files);
  if (file.endsWith('.java')) {
    const slash = file.lastIndexOf('/');
    return { file: file.slice(file.indexOf('com/acme/')), line, module: file.slice(file.indexOf('com/acme/'), slash).replaceAll('/', '.') };
  }
  // deployed under /app or /srv with the service folder as the root
  return { file: `${pick(rand, ['/app/', '/srv/deploy/'])}${file.split('/').slice(2).join('/')}`, line };
}

function measure(label: string, frames: readonly StackFrame[], resolve: (f: StackFrame) => unknown): number {
  const started = process.hrtime.bigint();
  let sink = 0;
  for (const f of frames) if (resolve(f) !== undefined) sink++;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rate = frames.length / seconds;
  console.log(`  ${label.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} frames/s  (${sink} answered)`);
  return rate;
}

/** Resolver vs one Map lookup per frame over the same frames; a fresh resolver each round, best of five (the first rounds warm the JIT). */
function compare(title: string, frames: readonly StackFrame[], makeResolver: () => FrameResolver): void {
  console.log(title);
  const byPath = new Map(frames.map((f) => [f.file!, f.file!]));
  let baseline = 0;
  let resolved = 0;
  for (let round = 0; round < 5; round++) {
    baseline = Math.max(baseline, measure('baseline: one Map lookup per frame', frames, (f) => byPath.get(f.file!)));
    const resolver = makeResolver();
    resolved = Math.max(resolved, measure('FrameResolver.resolve', frames, (f) => resolver.resolve(f)));
  }
  console.log(`  ratio resolve / Map lookup: ${(resolved / baseline).toFixed(3)} (best rounds)`);
}

function main(): void {
  const rand = random(42);
  const real = realPaths();
  const paths = [...new Set([...real, ...generatedPaths(rand, Math.max(0, FILES - real.length))])].slice(0, FILES);
  const index = new FileIndex(paths);
  console.log(`frame resolution against ${index.size.toLocaleString('en-US')} indexed files (${Math.min(real.length, FILES).toLocaleString('en-US')} real repository paths)`);

  // Every frame a different path: the suffix match itself, nothing cached.
  const distinct = [...new Map(Array.from({ length: FRAMES }, () => frameFor(rand, paths)).map((f) => [f.file!, f])).values()].slice(0, 50_000);
  compare(`cold: ${distinct.length.toLocaleString('en-US')} distinct frame paths`, distinct, () => new FrameResolver(index, []));

  // Production-like: stacks repeat; 200k frames over 2,000 hot paths.
  const hot = distinct.slice(0, 2_000);
  const repeated = Array.from({ length: FRAMES }, () => hot[Math.floor(hot.length * rand() * rand())]!);
  compare(`repeated: ${FRAMES.toLocaleString('en-US')} frames over ${hot.length.toLocaleString('en-US')} paths`, repeated, () => new FrameResolver(index, []));

  // Compiled-JS frames through a cached source map (real tsc output from the fixtures).
  const ws = path.resolve('test/fixtures/sourceMaps/ws');
  const withMaps = new FileIndex([...paths, 'lib/pay.js', 'lib/main.js', 'src/pay.ts', 'src/main.ts']);
  const jsFrames = Array.from({ length: FRAMES / 4 }, (_, i) => ({ file: `/srv/app/lib/${i % 2 ? 'pay' : 'main'}.js`, line: 1 + (i % 15), column: 5 }));
  const store = new SourceMapStore(ws);
  compare(`source-mapped: ${jsFrames.length.toLocaleString('en-US')} compiled-JS frames, maps cached`, jsFrames, () => new FrameResolver(withMaps, [], store));
}

main();
