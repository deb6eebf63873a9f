// A throw-away copy of examples/demo for tests that start a real process on it (Neovim's
// LSP client, an MCP client). The committed log may be days old, so the copy's window is
// widened to cover it, as the demo scan test does; expectations come from `opslens scan`.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/opslens';
import type { Annotation } from '../../src/core/annotations';

export const REPO = path.resolve(__dirname, '../..');

/** Copies the demo; `extraSources` are YAML flow mappings appended to its `sources:`. */
export function copyDemo(prefix: string, extraSources: string[] = []): string {
  const workspace = path.join(mkdtempSync(path.join(tmpdir(), prefix)), 'demo');
  cpSync(path.join(REPO, 'examples/demo'), workspace, { recursive: true });
  const config = path.join(workspace, '.opslens.yaml');
  let text = readFileSync(config, 'utf8').replace(/^window: .*$/m, 'window: 3650d');
  text = text.replace(/^sources:\n/m, `sources:\n${extraSources.map((s) => `  - ${s}\n`).join('')}`);
  writeFileSync(config, text);
  return workspace;
}

/** What `opslens scan --format json` prints for the folder. */
export async function scanAnnotations(workspace: string): Promise<Annotation[]> {
  let out = '';
  let err = '';
  const code = await main(['scan', workspace, '--format', 'json'], (t) => (out += t), (t) => (err += t));
  assert.equal(code, 0, err);
  return JSON.parse(out) as Annotation[];
}

/** The busiest error of a scan. */
export function hottestError(annotations: readonly Annotation[]): Annotation {
  const errors = annotations.filter((a) => a.kind === 'error').sort((a, b) => b.count - a.count);
  assert.ok(errors[0], 'the demo has an error');
  return errors[0];
}
