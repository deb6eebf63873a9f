import path from 'node:path';
import { ConfigError } from '../config/opslensConfig';
import type { ServiceCatalog } from '../services/serviceCatalog';
import { readSmallFile } from '../workspace/readSmallFile';
import type { Runbook } from './runbook';
import { RunbookIndex, serviceRunbooks } from './runbookIndex';
import { parseRunbookMarkdown } from './runbookMarkdown';

const MAX_RUNBOOK_BYTES = 512 * 1024;

/** `docs/runbooks/*.md`, at any depth (each service may keep its own `docs/runbooks`). */
export function isRunbookMarkdown(relativePath: string): boolean {
  if (!relativePath.toLowerCase().endsWith('.md')) return false;
  const slash = relativePath.lastIndexOf('/');
  const folder = slash < 0 ? '' : relativePath.slice(0, slash);
  return folder === 'docs/runbooks' || folder.endsWith('/docs/runbooks');
}

/**
 * Collects the workspace's runbooks: those the services declare, then the Markdown
 * runbooks with their front matter. A runbook file without `services:` belongs to
 * the service owning its folder, if any.
 */
export async function loadRunbooks(
  root: string,
  catalog: ServiceCatalog,
  workspaceFiles: Iterable<string>,
): Promise<{ runbooks: RunbookIndex; problems: ConfigError[] }> {
  const index = new RunbookIndex(serviceRunbooks(catalog.services()));
  const problems: ConfigError[] = [];
  const markdownFiles = [...workspaceFiles].filter(isRunbookMarkdown).sort();
  for (const rel of markdownFiles) {
    let text: string;
    try {
      text = await readSmallFile(path.join(root, rel), MAX_RUNBOOK_BYTES);
    } catch (cause) {
      // Deleted since the index was built: nothing to offer. Too large: say so, and still offer it by file name.
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push(new ConfigError(rel, 1, 1, `cannot read: ${(cause as Error).message}`));
      text = '';
    }
    const { runbook, problem } = parseRunbookMarkdown(text, rel);
    if (problem) problems.push(problem);
    index.add(markdownRunbook(rel, runbook, catalog));
  }
  return { runbooks: index, problems };
}

function markdownRunbook(rel: string, parsed: ReturnType<typeof parseRunbookMarkdown>['runbook'], catalog: ServiceCatalog): Runbook {
  const owner = catalog.serviceForFile(rel);
  const services = parsed.services.length > 0 ? parsed.services : owner ? [owner.name] : [];
  return { title: parsed.title, url: rel, services, alerts: parsed.alerts, errors: parsed.errors };
}
