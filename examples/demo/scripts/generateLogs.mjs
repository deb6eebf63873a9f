#!/usr/bin/env node
// Regenerates examples/demo/logs/checkout.ndjson by really running the demo service:
// esbuild compiles the TypeScript with source maps, the output is copied to a
// "deployed" folder (<tmp>/opslens-demo-deploy/app/, like /app in a container), and
// `node --enable-source-maps` replays a day of traffic ending now through it, so the
// stack traces carry deployed paths and .ts line numbers, exactly as in production.
//
//   node examples/demo/scripts/generateLogs.mjs              always regenerate
//   node examples/demo/scripts/generateLogs.mjs --if-stale   only when the newest line is older than --max-age (default 1h)
//
// The timestamps age: OpsLens shows the last 24 h relative to now, so refresh them
// (`npm run demo:logs`) before a demo. Tests call ensureFreshDemoLogs() or --if-stale.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { promises as fs, openSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = path.resolve(DEMO_DIR, '../..');
export const DEMO_LOG = path.join(DEMO_DIR, 'logs', 'checkout.ndjson');
const DEFAULT_MAX_AGE_MS = 3_600_000;
/** The replay ends a little before now, so no line is "in the future" when it is read. */
const END_MARGIN_MS = 60_000;

/** Time (ms) of the newest line of the log, or undefined when there is no readable log. */
export async function newestLogTime(file = DEMO_LOG) {
  let text;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let newest;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const time = JSON.parse(line).time;
      if (typeof time === 'number' && (newest === undefined || time > newest)) newest = time;
    } catch {
      // a torn line is the same as no line: the freshness check must not crash on it
    }
  }
  return newest;
}

/** Compiles the service and its traffic replay into a deployed folder; returns that folder. */
async function buildAndDeploy() {
  const result = await esbuild.build({
    entryPoints: [path.join(DEMO_DIR, 'scripts/replayTraffic.ts')],
    outdir: path.join(DEMO_DIR, 'dist'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: ['pino'],
    write: false,
    logLevel: 'warning',
  });
  const app = path.join(os.tmpdir(), 'opslens-demo-deploy', 'app');
  await fs.rm(app, { recursive: true, force: true });
  await fs.mkdir(path.join(app, 'dist'), { recursive: true });
  // The maps name sources relative to dist/ (../src/…), so in the deployed folder they
  // resolve to <app>/src/…: the path a production stack trace shows.
  for (const out of result.outputFiles) await fs.writeFile(path.join(app, 'dist', path.basename(out.path)), out.contents);
  await fs.symlink(path.join(REPO_ROOT, 'node_modules'), path.join(app, 'node_modules'), 'junction');
  return app;
}

function runReplay(app, end, outFile) {
  const fd = openSync(outFile, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', 'dist/replayTraffic.js', '--end', String(end)], { cwd: app, stdio: ['ignore', fd, 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`the replay exited with ${signal ?? `code ${code}`}`))));
  }).finally(() => closeSync(fd));
}

/** Regenerates the demo log; the old log stays in place unless the run succeeds. */
export async function generateDemoLogs({ end = Date.now() - END_MARGIN_MS } = {}) {
  const app = await buildAndDeploy();
  const partial = `${DEMO_LOG}.partial`;
  await fs.mkdir(path.dirname(DEMO_LOG), { recursive: true });
  try {
    await runReplay(app, end, partial);
    await fs.rename(partial, DEMO_LOG);
  } finally {
    await fs.rm(partial, { force: true });
  }
  return DEMO_LOG;
}

/** Regenerates the demo log only when its newest line is older than maxAgeMs; true when it did. */
export async function ensureFreshDemoLogs({ maxAgeMs = DEFAULT_MAX_AGE_MS, now = Date.now() } = {}) {
  const newest = await newestLogTime();
  if (newest !== undefined && now - newest <= maxAgeMs) return false;
  await generateDemoLogs();
  return true;
}

function parseMaxAge(text) {
  const match = /^(\d+)(m|h|d)$/.exec(text ?? '');
  if (!match) throw new Error(`--max-age takes a duration such as 30m, 1h or 2d, not "${text}"`);
  return Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2]];
}

async function main(argv) {
  const ifStale = argv.includes('--if-stale');
  const maxAgeAt = argv.indexOf('--max-age');
  const maxAgeMs = maxAgeAt >= 0 ? parseMaxAge(argv[maxAgeAt + 1]) : DEFAULT_MAX_AGE_MS;
  const relative = path.relative(process.cwd(), DEMO_LOG);
  if (ifStale && !(await ensureFreshDemoLogs({ maxAgeMs }))) {
    console.log(`${relative} is fresh (newest line within ${maxAgeMs / 60_000} min); not regenerated`);
    return;
  }
  if (!ifStale) await generateDemoLogs();
  const lines = (await fs.readFile(DEMO_LOG, 'utf8')).split('\n').filter((l) => l !== '').length;
  console.log(`wrote ${relative}: ${lines} lines`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`generateLogs: ${error.message}`);
    process.exitCode = 1;
  });
}
