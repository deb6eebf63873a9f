import * as vscode from 'vscode';
import type { StatusParams } from '../../protocol';
import { RESTART_SERVER_COMMAND, type ServerState } from '../supervision/serverState';
import { breakThemeIcons } from '../../core/text/themeIcons';

/**
 * The one OpsLens status bar item: incidents and errors of the current file's
 * service (the workspace's when the file has none), and a warning with the reason
 * when a source fails or its data is stale. Click: the health report. While the
 * language server is not running, the item says so instead (click: restart it).
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('opslens.status', vscode.StatusBarAlignment.Left, 10);
  private last: StatusParams | undefined;
  private server: ServerState = { kind: 'starting' };

  constructor() {
    this.item.name = 'OpsLens';
    this.render();
    this.item.show();
  }

  /** The last state shown (tests read it rather than the DOM). */
  get current(): { text: string; tooltip: string; warning: boolean } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), warning: this.item.backgroundColor !== undefined };
  }

  update(status: StatusParams): void {
    this.last = status;
    this.render();
  }

  serverState(state: ServerState): void {
    this.server = state;
    this.render();
  }

  get lastStatus(): StatusParams | undefined {
    return this.last;
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    if (this.server.kind === 'restarting' || this.server.kind === 'stopped') this.renderServerDown(this.server);
    else if (this.last) this.renderStatus(this.last);
    else this.show('$(pulse) OpsLens', 'OpsLens: starting…', 'opslens.showHealth');
  }

  private renderServerDown(state: Extract<ServerState, { kind: 'restarting' | 'stopped' }>): void {
    if (state.kind === 'restarting') {
      this.show('$(sync~spin) OpsLens: restarting', `OpsLens: the language server ${state.reason}; restarting it (the OpsLens output has the details).`, 'opslens.showHealth', 'statusBarItem.warningBackground');
    } else {
      this.show('$(error) OpsLens: server stopped', `OpsLens: the language server ${state.reason} and is not restarted again.\nClick to restart it.`, RESTART_SERVER_COMMAND, 'statusBarItem.errorBackground');
    }
  }

  private renderStatus(status: StatusParams): void {
    const scope = status.service ? `${breakThemeIcons(status.service)}: ` : '';
    const summary = `${scope}${status.incidents} incident${status.incidents === 1 ? '' : 's'} · ${status.errors.toLocaleString('en-US')} error${status.errors === 1 ? '' : 's'}`;
    const forWhat = status.service ? `service ${status.service} (this file's)` : 'this workspace';
    if (status.warning) {
      this.show(`$(warning) ${summary}`, `OpsLens, ${forWhat}: ${status.warning}\nClick for the health report.`, 'opslens.showHealth', 'statusBarItem.warningBackground');
    } else {
      const tooltip = status.configured ? `OpsLens, ${forWhat}: all sources healthy. Click for the health report.` : 'OpsLens: no .opslens.yaml in this workspace yet.';
      this.show(`$(pulse) ${summary}`, tooltip, 'opslens.showHealth');
    }
  }

  private show(text: string, tooltip: string, command: string, background?: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
  }
}
