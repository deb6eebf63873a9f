// What the integration suites need to know about the opened workspace, taken from the real CLI at
// test time (`opslens scan … --format json`) rather than hard-coded, so the suites follow the demo.
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export const EXTENSION_ID = 'opslens.opslens';

/** One annotation as `opslens scan --format json` prints it (DESIGN.md section 4). */
export interface ScanAnnotation {
  file: string;
  line: number;
  kind: 'error' | 'log' | 'incident';
  title: string;
  count: number;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suites need a workspace folder (open examples/demo)');
  return folder;
}

/** Runs the built CLI over the workspace folder, with the extension host's own runtime. */
export async function scanWorkspace(extensionPath: string): Promise<ScanAnnotation[]> {
  const cli = path.join(extensionPath, 'bin', 'opslens.js');
  // Under Electron (test-electron) execPath is the Electron binary: this makes it behave as Node.
  const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'scan', workspaceFolder().uri.fsPath, '--format', 'json'], { env });
  return JSON.parse(stdout) as ScanAnnotation[];
}

/** The error the demo is about: the error annotation with the highest count. */
export function hottestError(annotations: readonly ScanAnnotation[]): ScanAnnotation {
  const errors = annotations.filter((a) => a.kind === 'error').sort((a, b) => b.count - a.count);
  if (!errors[0]) throw new Error(`opslens scan found no error annotation in ${workspaceFolder().uri.fsPath}`);
  return errors[0];
}

/** The error's message as the hover shows it: the title without its `Type: ` prefix. */
export function messageOf(annotation: ScanAnnotation): string {
  const colon = annotation.title.indexOf(': ');
  return colon === -1 ? annotation.title : annotation.title.slice(colon + 2);
}
