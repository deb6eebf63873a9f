import * as vscode from 'vscode';
import type { GroupInfo } from '../../protocol';
import type { CommandContext } from './commandContext';
import { openLocation } from './openLocation';
import { breakThemeIcons } from '../../core/text/themeIcons';

/**
 * A code lens's click: the function's error groups and log statements in a quick
 * pick, busiest first; picking one opens its line (and selects it in the Errors view).
 */
export function showGroupsCommand(ctx: CommandContext) {
  return async (_uri: string, functionName: string, fingerprints: string[]): Promise<void> => {
    const server = ctx.runningServer();
    if (!server) return;
    const wanted = new Set(fingerprints);
    const groups = (await server.groups({ limit: 10_000 })).filter((g) => wanted.has(g.fingerprint));
    const items = groups.map((g) => ({
      label: `$(${g.kind === 'error' ? 'error' : 'output'}) ${breakThemeIcons(g.title)}`,
      description: `${g.count.toLocaleString('en-US')}× · line ${g.line + 1}`,
      group: g,
    }));
    const picked = await vscode.window.showQuickPick<vscode.QuickPickItem & { group: GroupInfo }>(items, { title: `OpsLens: production activity in ${functionName}`, matchOnDescription: true });
    if (!picked) return;
    await openLocation(picked.group.uri, picked.group.line);
    await ctx.revealGroup(picked.group.fingerprint);
  };
}
