import * as vscode from 'vscode';
import { openLocation } from '../commands/openLocation';
import { traceWarn } from '../log';
import { notificationText } from '../notificationText';

/**
 * `vscode://opslens.opslens/open?trace=…` resolves and lists a stack trace's frames;
 * `…/open?file=src/pay.ts&line=42` opens a line. A link comes from a web page, so the
 * file must stay inside a workspace folder (no `..` out of it, no absolute path elsewhere).
 */
export class OpsLensUriHandler implements vscode.UriHandler {
  constructor(private readonly openStackTrace: (text: string) => Promise<unknown>) {}

  async handleUri(uri: vscode.Uri): Promise<void> {
    if (uri.path !== '/open') {
      traceWarn(`unknown OpsLens link path ${uri.path}`);
      return;
    }
    const query = new URLSearchParams(uri.query);
    const trace = query.get('trace');
    if (trace) {
      await this.openStackTrace(trace);
      return;
    }
    const file = query.get('file');
    const target = file ? fileInWorkspace(file) : undefined;
    if (!target) {
      void vscode.window.showWarningMessage(`OpsLens: the link names no file inside this workspace${file ? ` (${notificationText(file)})` : ''}.`);
      return;
    }
    const line = Number.parseInt(query.get('line') ?? '1', 10);
    await openLocation(target, Number.isFinite(line) && line > 0 ? line - 1 : 0);
  }
}

/** The workspace file a link names (relative to a folder, or absolute inside one); undefined for any path outside every folder. */
export function fileInWorkspace(file: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const normalised = file.replace(/\\/g, '/');
  for (const folder of folders) {
    const root = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    const candidate = normalised.startsWith('/') ? folder.uri.with({ path: posixNormalise(normalised) }) : vscode.Uri.joinPath(folder.uri, normalised);
    if (candidate.path.startsWith(root)) return candidate;
  }
  return undefined;
}

function posixNormalise(p: string): string {
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return `/${out.join('/')}`;
}
