import type { ConfigError, OpsLensConfig } from '../config/opslensConfig';
import { loadRunbooks } from '../runbooks/loadRunbooks';
import type { RunbookIndex } from '../runbooks/runbookIndex';
import { loadServiceCatalog } from './loadServiceCatalog';
import type { ServiceCatalog } from './serviceCatalog';

/** The workspace's services and runbooks, as the analyzer, the scan and the server use them. */
export interface ServiceContext {
  catalog: ServiceCatalog;
  runbooks: RunbookIndex;
}

/**
 * Reads catalog files and Markdown runbooks found among the workspace's files.
 * Problems in them (not in `.opslens.yaml`, which fails earlier) are returned to be logged.
 */
export async function loadServiceContext(
  root: string,
  config: OpsLensConfig,
  workspaceFiles: Iterable<string>,
): Promise<ServiceContext & { problems: ConfigError[] }> {
  const files = [...workspaceFiles];
  const services = await loadServiceCatalog(root, config.services, files);
  const runbooks = await loadRunbooks(root, services.catalog, files);
  return { catalog: services.catalog, runbooks: runbooks.runbooks, problems: [...services.problems, ...runbooks.problems] };
}
