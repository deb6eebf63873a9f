import path from 'node:path';
import { Analyzer } from '../core/analysis/analyzer';
import type { Annotation } from '../core/annotations';
import { LineDrift } from '../core/lineDrift/lineDrift';
import { SourceMapStore } from '../core/sourceMaps/sourceMapStore';
import { buildFileIndex, loadConfig } from '../core/workspace/loadWorkspace';
import { EnvCredentialProvider } from '../sources/http/credentials';
import { SourceSet } from '../sources/sourceSet';
import type { SourceError } from '../sources/source';

export interface ScanOptions {
  dir: string;
  /** Overrides the config's window. */
  sinceMs?: number;
  configFile?: string;
  now?: number;
}

export interface ScanResult {
  annotations: Annotation[];
  failures: SourceError[];
}

/** Runs every configured source once over the window and returns what the editor would show. */
export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const root = path.resolve(options.dir);
  const { config } = await loadConfig(root, options.configFile);
  const windowMs = options.sinceMs ?? config.windowMs;
  const now = options.now ?? Date.now();
  const index = await buildFileIndex(root);
  const sources = new SourceSet(config, { root, credentials: new EnvCredentialProvider() });
  try {
    const outcome = await sources.pollAll(windowMs, now);
    const analyzer = new Analyzer({ ...config, windowMs }, index, () => now, new SourceMapStore(root));
    analyzer.ingest(outcome.events);
    const lineDrift = await LineDrift.discover(root);
    if (lineDrift) await analyzer.applyLineDrift(lineDrift);
    return { annotations: analyzer.annotations(), failures: [...sources.setupErrors, ...outcome.failures] };
  } finally {
    sources.dispose();
  }
}

export function formatText(annotations: Annotation[]): string {
  return annotations
    .map((a) => `${a.file}:${a.line}: ${a.kind} ${a.count}× ${a.title}${a.service ? ` [${a.service}]` : ''}${a.changedSince ? ' (code changed since)' : ''}`)
    .join('\n');
}
