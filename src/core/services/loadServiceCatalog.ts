import path from 'node:path';
import { ConfigError, type ServiceConfig } from '../config/opslensConfig';
import { baseName } from '../workspace/fileIndex';
import { readSmallFile } from '../workspace/readSmallFile';
import { parseCatalogInfo } from './catalogInfo';
import { ServiceCatalog, type CatalogFile } from './serviceCatalog';

const CATALOG_FILE_NAMES = new Set(['catalog-info.yaml', 'catalog-info.yml']);
const MAX_CATALOG_BYTES = 1024 * 1024;

export function isCatalogFile(relativePath: string): boolean {
  return CATALOG_FILE_NAMES.has(baseName(relativePath));
}

/**
 * Reads every Backstage catalog file among the workspace's files and merges them with
 * the configured services. A broken catalog file is reported, never fatal: the
 * config's own services and the other catalog files still count.
 */
export async function loadServiceCatalog(
  root: string,
  configServices: readonly ServiceConfig[],
  workspaceFiles: Iterable<string>,
): Promise<{ catalog: ServiceCatalog; problems: ConfigError[] }> {
  const files: CatalogFile[] = [];
  const problems: ConfigError[] = [];
  for (const rel of workspaceFiles) {
    if (!isCatalogFile(rel)) continue;
    let text: string;
    try {
      text = await readSmallFile(path.join(root, rel), MAX_CATALOG_BYTES);
    } catch (cause) {
      problems.push(new ConfigError(rel, 1, 1, `cannot read: ${(cause as Error).message}`));
      continue;
    }
    const parsed = parseCatalogInfo(text, rel);
    problems.push(...parsed.problems);
    files.push({ path: rel, components: parsed.components });
  }
  return { catalog: new ServiceCatalog(configServices, files), problems };
}
