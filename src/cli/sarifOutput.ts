import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../package.json';
import type { Annotation } from '../core/annotations';
import { runGit, type GitRunner } from '../core/lineDrift/git';
import { buildSarif } from '../core/report/sarif';

/**
 * The SARIF text for a scan of `dir`. Code scanning resolves result paths against
 * the repository root, while scan paths are relative to the scanned folder: when
 * that folder lies inside a git work tree, its path in the repository is prefixed.
 */
export async function sarifText(dir: string, annotations: readonly Annotation[], run: GitRunner = runGit): Promise<string> {
  const absolute = path.resolve(dir);
  const [prefix, top] = await Promise.all([run(absolute, ['rev-parse', '--show-prefix']), run(absolute, ['rev-parse', '--show-toplevel'])]);
  const root = top?.trim() || absolute;
  const srcRootUri = pathToFileURL(root.endsWith(path.sep) ? root : `${root}${path.sep}`).toString();
  return JSON.stringify(buildSarif(annotations, { toolVersion: version, pathPrefix: prefix?.trim() ?? '', srcRootUri }), null, 2);
}
