import * as vscode from 'vscode';

const TEMPLATE = `# OpsLens: production errors, logs and incidents in the editor. Never put secrets here:
# use "OpsLens: Set Credential…" (or OPSLENS_<SOURCE>_TOKEN for the CLI).
services:
  - name: my-service          # service.name in your telemetry
    root: .                   # folder of this service in the repository
    pathMappings:
      - { from: /app/, to: ./ }
sources:
  - { type: file, path: logs/*.ndjson }
window: 24h
`;

/** "OpsLens: Open Configuration": opens the folder's .opslens.yaml, creating it from a template if absent. */
export async function openConfiguration(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Open a folder first: OpsLens reads .opslens.yaml at the root of a workspace folder.');
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.opslens.yaml');
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEMPLATE));
  }
  await vscode.window.showTextDocument(uri);
}
