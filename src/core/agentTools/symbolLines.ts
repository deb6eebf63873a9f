import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findFunctions } from '../codeStructure/functionRanges';
import type { SymbolLines } from './agentAnswers';

/** Files larger than this are not parsed for a symbol (an agent may name anything). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Finds a named function in a workspace file as saved on disk (groups are placed
 * against the working tree on disk), with the tree-sitter grammars of the
 * logging-statement index. The outermost function of that name wins.
 */
export function fileSymbolLines(root: string): SymbolLines {
  return async (file, symbol) => {
    const absolute = path.join(root, file);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat?.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    const functions = await findFunctions(file, await fs.readFile(absolute, 'utf8'));
    const found = functions?.find((f) => f.name === symbol || f.name.endsWith(`.${symbol}`));
    return found && { startLine: found.startLine, endLine: found.endLine };
  };
}
