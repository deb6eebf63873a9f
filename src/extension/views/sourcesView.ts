import * as vscode from 'vscode';
import type { OpsLensServer } from '../client/opsLensServer';
import type { SourceHealthInfo } from '../../protocol';

const STATE_ICONS: Record<SourceHealthInfo['state'], [string, string | undefined]> = {
  ok: ['pass', 'testing.iconPassed'],
  idle: ['circle-outline', undefined],
  stale: ['warning', 'list.warningForeground'],
  failing: ['error', 'list.errorForeground'],
};

/** The Sources view: each configured source with its health, and the reason when it fails. */
export class SourcesView implements vscode.TreeDataProvider<SourceHealthInfo> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly server: () => OpsLensServer | undefined) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: SourceHealthInfo): Promise<SourceHealthInfo[]> {
    const server = this.server();
    if (element || !server) return [];
    return (await server.health()).sources;
  }

  getTreeItem(source: SourceHealthInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(source.name, vscode.TreeItemCollapsibleState.None);
    const [icon, color] = STATE_ICONS[source.state];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const latency = source.latencyMs !== undefined ? ` · ${source.latencyMs} ms` : '';
    const counts = source.incidents !== undefined ? `${source.incidents} incidents` : `${source.eventsFetched} events`;
    item.description =
      source.lastError && source.state !== 'ok' ? `${source.state}: ${source.lastError.reason}` : `${source.state} · ${counts}${latency}${source.notice ? ` · ${source.notice}` : ''}`;
    item.tooltip = [
      `${source.name} (${source.type}): ${source.state}${source.origin ? ` · ${source.origin}` : ''}`,
      source.lastSuccess ? `last success ${new Date(source.lastSuccess).toLocaleString()}` : 'never polled successfully',
      source.lastError ? `last error ${new Date(source.lastError.at).toLocaleString()}: ${source.lastError.reason}` : '',
      source.stale ? `showing the last good data${source.nextRetryAt ? `; next attempt ${new Date(source.nextRetryAt).toLocaleTimeString()}` : ''}` : '',
      source.notice ?? '',
    ]
      .filter(Boolean)
      .join('\n');
    // `.remote` offers the inline "Set Credential…" key on sources that talk to a backend.
    item.contextValue = `source.${source.state}${source.origin ? '.remote' : ''}`;
    return item;
  }
}
