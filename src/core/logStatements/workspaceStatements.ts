import type { ServiceConfig } from '../config/opslensConfig';
import { LANGUAGES } from './languages/registry';
import { LogStatementIndex, type BuildStats } from './statementIndex';

/** Glob of the files the statement index reads, for file watchers. */
export const STATEMENT_FILES_GLOB = `**/*{${[...new Set(LANGUAGES.flatMap((l) => l.extensions))].join(',')}}`;

/** The service whose configured root holds a workspace file (the longest root wins). */
export function serviceOfFile(services: readonly ServiceConfig[], rel: string): string | undefined {
  let best: ServiceConfig | undefined;
  for (const s of services) {
    const root = s.root.replace(/\/+$/, '');
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
