import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ParsedStackTrace } from '../../../../src/core/events';

export const FIXTURES_DIR = path.resolve(__dirname, '../../../fixtures/stacktraces');

export interface StackFixture {
  /** `<runtime dir>/<name>`, e.g. `go/repanic`. */
  id: string;
  runtimeDir: string;
  text: string;
  expected: ParsedStackTrace | null;
}

/** Every `<runtime>/<name>.txt` with its `.expected.json`. */
export function loadStackFixtures(): StackFixture[] {
  const fixtures: StackFixture[] = [];
  for (const runtimeDir of readdirSync(FIXTURES_DIR).sort()) {
    const dir = path.join(FIXTURES_DIR, runtimeDir);
    if (runtimeDir === 'programs' || !statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const name = file.slice(0, -'.txt'.length);
      fixtures.push({
        id: `${runtimeDir}/${name}`,
        runtimeDir,
        text: readFileSync(path.join(dir, file), 'utf8'),
        expected: JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as ParsedStackTrace | null,
      });
    }
  }
  return fixtures;
}
