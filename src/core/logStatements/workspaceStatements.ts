import type { ServiceConfig } from '../config/opslensConfig';
import { LANGUAGES } from './languages/registry';
import { LogStatementIndex, type BuildStats } from './statementIndex';

/** Glob of the files the statement index reads, for file watchers. */
export const STATEMENT_FILES_GLOB = `**/*{${[...new Set(LANGUAGES.flatMap((l) => l.extensions))].join(',')}}`;

/** The service whose configured root holds a workspace file (the longest root wins). */
export function serviceOfFile(services: readonly ServiceConfig[], rel: string): string | undefined {
  let best: ServiceConfig | undefined;
  for (const s of services) {
    const root = withoutTrailingSlashes(s.root);
    const inside = root === '' || rel === root || rel.startsWith(`${root}/`);
    if (inside && (!best || root.length > best.root.length)) best = s;
  }
  return best?.name;
}

/** Builds the workspace's statement index (cache first), with services from the config for tie-breaks. */
export async function openStatementIndex(root: string, services: readonly ServiceConfig[], exclude?: string[]): Promise<{ index: LogStatementIndex; stats: BuildStats }> {
  const options = exclude ? { exclude, serviceOf: (f: string) => serviceOfFile(services, f) } : { serviceOf: (f: string) => serviceOfFile(services, f) };
  const index = new LogStatementIndex(root, options);
  const stats = await index.build();
  return { index, stats };
}

/**
 * `root.replace(/\/+$/, '')` without the regex: unanchored at the start, that regex retries
 * every run of slashes from each of its positions, quadratic in a long run (a root comes
 * from the workspace's .opslens.yaml or catalog-info.yaml, which need not be trusted).
 */
function withoutTrailingSlashes(root: string): string {
  let end = root.length;
  while (end > 0 && root.charCodeAt(end - 1) === 47) end--;
  return root.slice(0, end);
}
