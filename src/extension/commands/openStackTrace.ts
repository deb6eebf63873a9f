import * as vscode from 'vscode';
import type { ResolvedFrameInfo, ResolvedStackTrace } from '../../protocol';
import type { CommandContext } from './commandContext';
import { openLocation } from './openLocation';
import { breakThemeIcons } from '../../core/text/themeIcons';

type FrameItem = vscode.QuickPickItem & { frame?: ResolvedFrameInfo };

/**
 * "OpsLens: Open Stack Trace…": a trace from the clipboard (when it holds one) or an
 * input box, resolved by the server with the same core as production events, its
 * frames listed to jump through: in-app frames first, the others greyed with why.
 * `text` is given by the URI handler (`…/open?trace=`).
 */
export function openStackTraceCommand(ctx: CommandContext) {
  return async (text?: string): Promise<ResolvedStackTrace | undefined> => {
    const server = ctx.runningServer();
    if (!server) {
      void vscode.window.showWarningMessage('OpsLens is still starting; try "Open Stack Trace…" again in a moment.');
      return undefined;
    }
    let trace = typeof text === 'string' ? text : undefined;
    let resolved: ResolvedStackTrace | null = null;
    if (trace === undefined) {
      // The clipboard first: the usual case is a trace just copied from Sentry, Slack or a terminal.
      // A browser may refuse to read the clipboard (code-server without permission): then ask.
      const clipboard = await vscode.env.clipboard.readText().then(undefined, () => '');
      resolved = clipboard.trim() ? await server.resolveStackTrace({ text: clipboard }) : null;
      if (!resolved) trace = await vscode.window.showInputBox({ title: 'OpsLens: Open Stack Trace', prompt: 'Paste a stack trace (the clipboard holds none)', ignoreFocusOut: true });
      if (!resolved && !trace) return undefined;
    }
    if (!resolved && trace) resolved = await server.resolveStackTrace({ text: trace });
    if (!resolved) {
      void vscode.window.showWarningMessage('OpsLens found no stack trace in that text (V8, Python, JVM, Go, Ruby, .NET, PHP and Firefox/Safari traces are read).');
      return undefined;
    }
    await pickFrame(resolved);
    return resolved;
  };
}

async function pickFrame(trace: ResolvedStackTrace): Promise<void> {
  const items: FrameItem[] = [];
  const inApp = trace.frames.filter((f) => f.inApp);
  const other = trace.frames.filter((f) => !f.inApp);
  if (inApp.length > 0) items.push({ label: 'In this workspace', kind: vscode.QuickPickItemKind.Separator });
  for (const frame of inApp) {
    const file = vscode.Uri.parse(frame.uri!);
    const cause = frame.exception > 0 ? `caused by ${breakThemeIcons(trace.exceptions[frame.exception]?.title ?? '')} · ` : '';
    items.push({ label: `$(symbol-method) ${breakThemeIcons(frame.label)}`, description: `${breakThemeIcons(vscode.workspace.asRelativePath(file))}:${frame.line! + 1}`, detail: `${cause}printed as ${breakThemeIcons(frame.printed)}`, frame });
  }
  if (other.length > 0) items.push({ label: 'Not resolved to this workspace', kind: vscode.QuickPickItemKind.Separator });
  // Unresolved frames are shown (greyed by the circle-slash icon, with the reason) but open nothing.
  for (const frame of other) items.push({ label: `$(circle-slash) ${breakThemeIcons(frame.label)}`, description: breakThemeIcons(frame.printed), detail: frame.reason === undefined ? undefined : breakThemeIcons(frame.reason) });
  const first = breakThemeIcons(trace.exceptions[0]?.title ?? 'Stack trace');
  const picked = await vscode.window.showQuickPick(items, {
    title: `${first} (${trace.runtime}: ${inApp.length} of ${trace.frames.length} frames in this workspace)`,
    placeHolder: inApp.length > 0 ? 'Frame to open' : 'No frame resolved to a workspace file: see why on each',
    matchOnDescription: true,
  });
  if (picked?.frame?.uri !== undefined && picked.frame.line !== undefined) await openLocation(picked.frame.uri, picked.frame.line);
}
