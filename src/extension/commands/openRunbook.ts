import * as vscode from 'vscode';
import type { RunbookInfo } from '../../protocol';
import type { CommandContext } from './commandContext';
import { breakThemeIcons } from '../../core/text/themeIcons';

const REASON_LABELS: Record<RunbookInfo['reason'], string> = {
  error: 'This error',
  service: "This file's service",
  incident: 'Firing incidents',
  other: 'All runbooks',
};

/** Opens a runbook: a repository Markdown file in the preview, another file in the editor, a URL in the browser. */
export async function openRunbookTarget(target: string): Promise<void> {
  const uri = vscode.Uri.parse(target);
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    await vscode.env.openExternal(uri);
  } else if (uri.path.toLowerCase().endsWith('.md')) {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } else {
    await vscode.window.showTextDocument(uri);
  }
}

/**
 * "OpsLens: Open Runbook…": the current file's service first, then firing incidents, then all;
 * from a hover's "Runbook" link (argument `{ fingerprint }`), the runbooks matching that error lead.
 */
export function openRunbookCommand(ctx: CommandContext) {
  return async (arg?: { fingerprint?: unknown }): Promise<void> => {
    const server = ctx.runningServer();
    if (!server) {
      void vscode.window.showWarningMessage('OpsLens is not running yet: open a workspace with an .opslens.yaml.');
      return;
    }
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const params: { uri?: string; fingerprint?: string } = uri ? { uri } : {};
    if (typeof arg?.fingerprint === 'string') params.fingerprint = arg.fingerprint;
    const runbooks = await server.runbooks(params);
    if (runbooks.length === 0) {
      void vscode.window.showInformationMessage('No runbooks found: add `runbooks:` to a service in .opslens.yaml or put Markdown files in docs/runbooks/.');
      return;
    }
    type Item = vscode.QuickPickItem & { target?: string };
    const items: Item[] = [];
    let section: RunbookInfo['reason'] | undefined;
    for (const r of runbooks) {
      if (r.reason !== section) {
        section = r.reason;
        items.push({ label: REASON_LABELS[r.reason], kind: vscode.QuickPickItemKind.Separator });
      }
      items.push({ label: `$(book) ${breakThemeIcons(r.title)}`, description: r.service ? breakThemeIcons(r.service) : undefined, detail: vscode.Uri.parse(r.target).scheme === 'file' ? vscode.workspace.asRelativePath(vscode.Uri.parse(r.target)) : r.target, target: r.target });
    }
    const picked = await vscode.window.showQuickPick(items, { title: 'OpsLens: Open Runbook', placeHolder: 'Runbook to open', matchOnDetail: true });
    if (picked?.target) await openRunbookTarget(picked.target);
  };
}
