import * as vscode from 'vscode';
import { HealthRequest, PathMappingEditRequest, type PathMappingSuggestionInfo } from '../../protocol';
import { traceInfo } from '../log';
import type { CommandContext } from './commandContext';

/**
 * "OpsLens: Add Suggested Path Mapping…": writes a mapping the health report suggests
 * into the folder's `.opslens.yaml` (the server edits it with the YAML Document API, so
 * comments and layout stay), saves it, and the server reloads the folder. With no
 * argument it offers the current suggestions.
 */
export function addPathMappingCommand(ctx: CommandContext) {
  return async (suggestion?: PathMappingSuggestionInfo): Promise<boolean> => {
    const client = ctx.runningClient();
    const chosen = suggestion ?? (await pickSuggestion(ctx));
    if (!client || !chosen) return false;
    const result = await client.sendRequest(PathMappingEditRequest, chosen);
    if ('error' in result) {
      void vscode.window.showErrorMessage(`OpsLens: ${result.error}`);
      return false;
    }
    const uri = vscode.Uri.parse(result.uri);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.getText() !== result.text) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), result.text);
      if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save())) {
        void vscode.window.showErrorMessage(`OpsLens: could not update ${uri.fsPath}.`);
        return false;
      }
    }
    traceInfo(`pathMapping ${chosen.from} → ${chosen.to} added to service ${chosen.service} in ${uri.fsPath}`);
    void vscode.window.showInformationMessage(`OpsLens: added a pathMapping from ${chosen.from} to ${chosen.to || './'} for ${chosen.service}.`);
    return true;
  };
}

async function pickSuggestion(ctx: CommandContext): Promise<PathMappingSuggestionInfo | undefined> {
  const client = ctx.runningClient();
  if (!client) return undefined;
  const { suggestions } = await client.sendRequest(HealthRequest);
  if (suggestions.length === 0) {
    void vscode.window.showInformationMessage('OpsLens has no path mapping to suggest: every frame matched one workspace file, or its file name is in no workspace file.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    suggestions.map((s) => ({ label: `${s.from} → ${s.to || './'}`, description: `${s.frames} frame(s) · service ${s.service}`, suggestion: s })),
    { title: 'OpsLens: Add Suggested Path Mapping' },
  );
  return picked?.suggestion;
}
