// Waits on VS Code events (never on time) and reads hover Markdown as the extension produced it.
import * as vscode from 'vscode';

/** Resolves with the first event that `accept` takes, or with `current()` when it already qualifies. */
export function eventWhere<T>(event: vscode.Event<T>, accept: (value: T) => boolean, current?: () => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const listener = event((value) => {
      if (!accept(value)) return;
      listener.dispose();
      resolve(value);
    });
    const now = current?.();
    if (now !== undefined && accept(now)) {
      listener.dispose();
      resolve(now);
    }
  });
}

/** Resolves with the diagnostics of `uri` once they satisfy `accept` (now or at a later change). */
export async function diagnosticsWhere(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  const current = (): readonly vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri);
  if (accept(current())) return current();
  await eventWhere(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === uri.toString()) && accept(current()));
  return current();
}

/** The raw Markdown of the hovers at a position (what the renderer receives). */
export async function rawHover(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Every `command:` target in Markdown links (`](command:id…)`). */
export function commandLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(\s*command:([^?)\s]*)/gi)].map((m) => m[1]!);
}
