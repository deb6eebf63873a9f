import * as vscode from 'vscode';
import type { OpsLensServer } from '../client/opsLensServer';
import type { LineAnnotationInfo } from '../../protocol';
import { affects, clientSettings } from '../settings';
import { traceWarn } from '../log';

/** Visible-editor changes and data changes arrive in bursts (a poll, a split): one update per burst. */
const DEBOUNCE_MS = 150;

/**
 * Error Lens style line-end text on the hot lines of the visible editors. One
 * decoration type for the extension's lifetime; the text is per range (renderOptions),
 * plain text the server has sanitised, never Markdown.
 */
export class LineAnnotations implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: false,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly listeners: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Resolved after each update with what was applied, for tests to wait on instead of sleeping. */
  private readonly applied = new vscode.EventEmitter<{ uri: string; annotations: LineAnnotationInfo[] }>();
  readonly onDidApply = this.applied.event;

  constructor(private readonly server: () => OpsLensServer | undefined) {
    this.listeners.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'inlineAnnotations.enabled', 'inlineAnnotations.minimumLevel', 'minimumCount')) this.schedule();
      }),
    );
  }

  /** The data changed (server notification) or an editor appeared: update soon, once. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, DEBOUNCE_MS);
  }

  private async update(): Promise<void> {
    const server = this.server();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.scheme !== 'file') continue;
      const uri = editor.document.uri.toString();
      let annotations: LineAnnotationInfo[] = [];
      if (server && clientSettings(editor.document.uri).inlineAnnotationsEnabled) {
        annotations = await server.fileAnnotations({ uri }).catch((error: unknown) => {
          traceWarn(`line annotations for ${editor.document.uri.fsPath}: ${String(error)}`);
          return [];
        });
      }
      editor.setDecorations(this.decoration, annotations.filter((a) => a.line < editor.document.lineCount).map((a) => this.option(editor.document, a)));
      this.applied.fire({ uri, annotations });
    }
  }

  private option(document: vscode.TextDocument, a: LineAnnotationInfo): vscode.DecorationOptions {
    const end = document.lineAt(a.line).range.end;
    return {
      range: new vscode.Range(end, end),
      renderOptions: {
        after: {
          contentText: `  ${a.text}`,
          color: new vscode.ThemeColor(a.kind === 'error' ? 'editorError.foreground' : 'editorInfo.foreground'),
          fontStyle: 'italic',
          margin: '0 0 0 2em',
          textDecoration: 'none; opacity: 0.6',
        },
      },
    };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const l of this.listeners) l.dispose();
    this.decoration.dispose();
    this.applied.dispose();
  }
}
