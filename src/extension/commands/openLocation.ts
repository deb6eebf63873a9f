import * as vscode from 'vscode';

/** Opens a file at a 0-based line and selects that line. */
export async function openLocation(uri: string | vscode.Uri, line: number): Promise<void> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const editor = await vscode.window.showTextDocument(target, { preview: true });
  const lineNumber = Math.max(0, Math.min(line, editor.document.lineCount - 1));
  const range = editor.document.lineAt(lineNumber).range;
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
