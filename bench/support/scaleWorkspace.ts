// A generated workspace at the scale DESIGN.md section 5 asks for: `files` TypeScript
// modules holding `statementsPerFile` logging statements each (10k in all by default),
// and a pino NDJSON log whose errors fall on `errorGroups` distinct lines (100k by default).
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ScaleOptions {
  files: number;
  statementsPerFile: number;
  /** Distinct error lines (one group each); spread as 100 per file. With the 10k statements' log groups, 100k groups: the default group cap. */
  errorGroups: number;
  /** Events written to logs/app.ndjson (errors and matching log lines alternate). */
  events: number;
}

export const DEFAULT_SCALE: ScaleOptions = { files: 1000, statementsPerFile: 10, errorGroups: 90_000, events: 200_000 };
const ERROR_LINES_PER_FILE = 100;
const FIRST_ERROR_LINE = 20;

export function moduleSource(file: number, statements: number): string {
  const lines = [`import { logger } from './logger';`, '', `export function run${file}(id: string, n: number): void {`];
  for (let k = 0; k < statements; k++) lines.push(`  logger.info(\`mod${file} step ${k} done for \${id} after \${n} tries\`);`);
  while (lines.length < FIRST_ERROR_LINE + ERROR_LINES_PER_FILE) lines.push(`  n += ${lines.length};`);
  lines.push('}', '');
  return lines.join('\n');
}

/** The error group `g` sits on this file and line. */
export function errorSite(g: number): { file: string; line: number } {
  const file = g % 1000;
  return { file: `src/mod${file}.ts`, line: FIRST_ERROR_LINE + (Math.floor(g / 1000) % ERROR_LINES_PER_FILE) };
}

/** Line `i` of the log: an error on group `i % errorGroups` or a line written by a statement. */
export function logLine(i: number, time: number, opts: ScaleOptions): string {
  if (i % 2 === 0) {
    const g = (i / 2) % opts.errorGroups;
    const site = errorSite(g);
    const message = `order ${g} could not be priced`;
    const stack = `TypeError: ${message}\n    at step${site.line} (/srv/app/${site.file}:${site.line}:7)\n    at main (/srv/app/src/main.ts:4:3)`;
    return JSON.stringify({ level: 50, time, service: 'app', msg: message, err: { type: 'TypeError', message, stack } });
  }
  const file = Math.floor(i / 2) % opts.files;
  const k = Math.floor(i / 2 / opts.files) % opts.statementsPerFile;
  return JSON.stringify({ level: 30, time, service: 'app', msg: `mod${file} step ${k} done for u${i % 977} after ${i % 7} tries` });
}

/** Writes the workspace under `root` (replacing it) and returns the log file's path. */
export function writeScaleWorkspace(root: string, opts: ScaleOptions = DEFAULT_SCALE, now = Date.now()): string {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'src'), { recursive: true });
  mkdirSync(path.join(root, 'logs'), { recursive: true });
  writeFileSync(path.join(root, '.opslens.yaml'), 'sources:\n  - { type: file, path: logs/*.ndjson }\nwindow: 24h\n');
  writeFileSync(path.join(root, 'src', 'logger.ts'), 'export const logger = { info(message: string): void { void message; } };\n');
  writeFileSync(path.join(root, 'src', 'main.ts'), 'import { run0 } from "./mod0";\n\nexport function main(): void {\n  run0("a", 1);\n}\n');
  for (let f = 0; f < opts.files; f++) writeFileSync(path.join(root, 'src', `mod${f}.ts`), moduleSource(f, opts.statementsPerFile));
  const log = path.join(root, 'logs', 'app.ndjson');
  writeFileSync(log, '');
  const start = now - 3_600_000;
  const chunk: string[] = [];
  for (let i = 0; i < opts.events; i++) {
    chunk.push(logLine(i, start + Math.floor((i / opts.events) * 3_000_000), opts));
    if (chunk.length === 10_000) appendFileSync(log, `${chunk.splice(0).join('\n')}\n`);
  }
  if (chunk.length > 0) appendFileSync(log, `${chunk.join('\n')}\n`);
  return log;
}
