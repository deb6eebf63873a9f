import path from 'node:path';
import type { Group } from '../core/aggregate/groups';
import { Analyzer } from '../core/analysis/analyzer';
import type { OpsLensConfig, ServiceConfig } from '../core/config/opslensConfig';
import type { Incident } from '../core/events';
import { LineDrift } from '../core/lineDrift/lineDrift';
import type { LogStatementIndex } from '../core/logStatements/statementIndex';
import { openStatementIndex } from '../core/logStatements/workspaceStatements';
import { withOwningService } from '../core/services/groupServices';
import { loadServiceContext, type ServiceContext } from '../core/services/serviceContext';
import { SourceMapStore } from '../core/sourceMaps/sourceMapStore';
import type { FileIndex } from '../core/workspace/fileIndex';
import { buildFileIndex, loadConfig } from '../core/workspace/loadWorkspace';
import { EnvCredentialProvider } from '../sources/http/credentials';
import type { SourceError } from '../sources/source';
import { SourceSet } from '../sources/sourceSet';

export interface AnalyzeOptions {
  dir: string;
  /** Overrides the config's window. */
  sinceMs?: number;
  configFile?: string;
  now?: number;
  /** Runs after the config and file index are read, before any backend is contacted (scan checks its revision here). */
  beforePoll?: (root: string) => Promise<void>;
}

/** One pass of every source over the window, placed on the workspace's code. */
export interface WorkspaceAnalysis {
  root: string;
  now: number;
  config: OpsLensConfig;
  /** The config file read, when there is one. */
  configFile?: string;
  index: FileIndex;
  services: ServiceContext;
  /** Groups with their owning service filled in. */
  groups: Group[];
  incidents: Incident[];
  failures: SourceError[];
  /** Problems that did not stop the analysis: catalog or runbook files, logging statements not indexed. */
  warnings: string[];
}

/**
 * The pipeline `opslens scan` and `opslens mcp` share: config, file index, services
 * and runbooks, one poll of every source (credentials from the environment), then
 * frame resolution, logging-statement matching and line drift.
 */
export async function analyzeWorkspace(options: AnalyzeOptions): Promise<WorkspaceAnalysis> {
  const root = path.resolve(options.dir);
  const loaded = await loadConfig(root, options.configFile);
  const now = options.now ?? Date.now();
  const index = await buildFileIndex(root);
  await options.beforePoll?.(root);
  const services = await loadServiceContext(root, loaded.config, index.paths());
  // Catalog components join the configured services: their roots break path ties, their PagerDuty ids are polled.
  const config = { ...loaded.config, windowMs: options.sinceMs ?? loaded.config.windowMs, services: services.catalog.services() };
  const warnings = services.problems.map((p) => p.message);
  const sources = new SourceSet(config, { root, credentials: new EnvCredentialProvider() });
  try {
    const outcome = await sources.pollAll(config.windowMs, now);
    const analyzer = new Analyzer(config, index, () => now, new SourceMapStore(root));
    analyzer.useStatements(await statementIndex(root, config.services, warnings));
    analyzer.ingest(outcome.events);
    const lineDrift = await LineDrift.discover(root);
    if (lineDrift) await analyzer.applyLineDrift(lineDrift);
    const analysis: WorkspaceAnalysis = {
      root,
      now,
      config,
      index,
      services,
      groups: analyzer.groups().map((g) => withOwningService(g, services)),
      incidents: outcome.incidents,
      failures: [...sources.setupErrors, ...outcome.failures],
      warnings,
    };
    if (loaded.file) analysis.configFile = loaded.file;
    return analysis;
  } finally {
    sources.dispose();
  }
}

/** The workspace's logging statements, so log lines without a location land on the call that wrote them. */
async function statementIndex(root: string, services: readonly ServiceConfig[], warnings: string[]): Promise<LogStatementIndex | undefined> {
  try {
    return (await openStatementIndex(root, services)).index;
  } catch (error) {
    warnings.push(`logging statements not indexed: ${String(error)}`);
    return undefined;
  }
}
