/**
 * Command ids the language server links to (hovers, code lenses, code actions) and OpsLens's VS
 * Code client registers. Apart from protocol.ts because that module builds its message types with
 * vscode-languageserver-protocol: the client's activation bundle needs these ids, not the library.
 */

/** Command ids the server's hovers may link to: the client trusts exactly these and no others. */
export const HOVER_COMMANDS = ['opslens.openRunbook', 'opslens.revealGroup', 'opslens.copyStackTrace', 'opslens.openLocation'] as const;

/** The command the server's code lenses and code actions use to list a function's groups. */
export const SHOW_GROUPS_COMMAND = 'opslens.showGroups';
