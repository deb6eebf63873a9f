import type { Node } from 'web-tree-sitter';
import { languageForFile } from '../logStatements/languages/registry';
import { createParser } from '../logStatements/treeSitterRuntime';

/** A function, method or closure of a source file, with 1-based inclusive lines. */
export interface FunctionRange {
  name: string;
  startLine: number;
  endLine: number;
}

/** Syntax node types that are a function body, per tree-sitter grammar (the same grammars the logging-statement index loads). */
const FUNCTION_TYPES: Record<string, ReadonlySet<string>> = {
  javascript: new Set(['function_declaration', 'generator_function_declaration', 'method_definition', 'arrow_function', 'function_expression', 'function']),
  typescript: new Set(['function_declaration', 'generator_function_declaration', 'method_definition', 'arrow_function', 'function_expression', 'function']),
  tsx: new Set(['function_declaration', 'generator_function_declaration', 'method_definition', 'arrow_function', 'function_expression', 'function']),
  python: new Set(['function_definition']),
  go: new Set(['function_declaration', 'method_declaration', 'func_literal']),
  java: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
  ruby: new Set(['method', 'singleton_method']),
  php: new Set(['function_definition', 'method_declaration']),
  'c-sharp': new Set(['method_declaration', 'constructor_declaration', 'local_function_statement']),
};

/**
 * Every function of a file, outermost first, found with tree-sitter. Undefined when no
 * grammar covers the file. Anonymous closures take the name of what they are assigned to.
 */
export async function findFunctions(file: string, text: string): Promise<FunctionRange[] | undefined> {
  const language = languageForFile(file);
  const types = language ? FUNCTION_TYPES[language.grammar] : undefined;
  if (!language || !types) return undefined;
  const { parser } = await createParser(language.grammar);
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    const out: FunctionRange[] = [];
    // An explicit stack: deeply nested code must not overflow the call stack.
    const stack: Node[] = [tree.rootNode];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (types.has(node.type)) out.push({ name: functionName(node), startLine: node.startPosition.row + 1, endLine: node.endPosition.row + 1 });
      for (let i = node.namedChildCount - 1; i >= 0; i--) {
        const child = node.namedChild(i);
        if (child) stack.push(child);
      }
    }
    return out;
  } finally {
    tree.delete();
    parser.delete();
  }
}

function functionName(node: Node): string {
  const own = node.childForFieldName('name')?.text;
  if (own) return own;
  // `const charge = async () => …`, `{ charge: function () … }`, `x.charge = () => …`
  const parent = node.parent;
  const target = parent?.childForFieldName('name') ?? parent?.childForFieldName('key') ?? parent?.childForFieldName('left');
  return target?.text.slice(0, 80) ?? '(anonymous)';
}

/**
 * The function a line belongs to: the innermost that contains it, except that a
 * closure passed inline (a callback) counts as part of the function around it, so a
 * code lens sits on the named function a reader would look for.
 */
export function enclosingFunction(functions: readonly FunctionRange[], line: number): FunctionRange | undefined {
  let best: FunctionRange | undefined;
  for (const f of functions) {
    if (f.startLine > line || f.endLine < line) continue;
    if (f.name === '(anonymous)' && best) continue;
    if (!best || f.endLine - f.startLine <= best.endLine - best.startLine) best = f;
  }
  return best;
}
