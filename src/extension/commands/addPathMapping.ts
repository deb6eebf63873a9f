import * as vscode from 'vscode';
import type { PathMappingSuggestionInfo } from '../../protocol';
import { traceInfo } from '../log';
import type { CommandContext } from './commandContext';
import { notificationText } from '../notificationText';

/**
 * "OpsLens: Add Suggested Path Mapping…": writes a mapping the health report suggests
 * into the folder's `.opslens.yaml` (the server edits it with the YAML Document API, so
 * comments and layout stay), saves it, and the server reloads the folder. With no
 * argument it offers the current suggestions.
 */
export function addPathMappingCommand(ctx: CommandContext) {
  return async (suggestion?: PathMappingSuggestionInfo): Promise<boolean> => {
    const server = ctx.runningServer();
    const chosen = suggestion ?? (await pickSuggestion(ctx));
    if (!server || !chosen) return false;
    const result = await server.pathMappingEdit(chosen);
    if ('error' in result) {
      void vscode.window.showErrorMessage(`OpsLens: ${notificationText(result.error, 500)}`);
      return false;
    }
    const uri = vscode.Uri.parse(result.uri);
    // The server edited the text on disk; unsaved edits in an open editor would be overwritten, so ask for a save first.
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) {
      void vscode.window.showWarningMessage(`OpsLens: save ${vscode.workspace.asRelativePath(uri)} first, then add the path mapping again.`);
      return false;
    }
    try {
      // Written through the file system, not an editor save: a save can refuse when the editor's copy lags the disk.
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.text));
    } catch (error) {
      void vscode.window.showErrorMessage(`OpsLens: could not update ${notificationText(uri.fsPath)}: ${notificationText(error instanceof Error ? error.message : String(error), 500)}`);
      return false;
    }
    traceInfo(`pathMapping ${chosen.from} → ${chosen.to} added to service ${chosen.service} in ${uri.fsPath}`);
    // The paths come from frames in production logs: no link may be made of them.
    void vscode.window.showInformationMessage(`OpsLens: added a pathMapping from ${notificationText(chosen.from)} to ${notificationText(chosen.to || './')} for ${notificationText(chosen.service)}.`);
    return true;
  };
}

async function pickSuggestion(ctx: CommandContext): Promise<PathMappingSuggestionInfo | undefined> {
  const server = ctx.runningServer();
  if (!server) return undefined;
  const { suggestions } = await server.health();
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
