import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Language as LanguageType, Parser as ParserType } from 'web-tree-sitter';
// `require`, not `import`: bundlers resolve an import to the package's ESM build, whose
// `import.meta.url` is empty in our CommonJS bundles; the CJS build locates itself.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CJS build, on purpose (see above)
import TreeSitter = require('web-tree-sitter');

const { Language, Parser, Query } = TreeSitter;
export { Query };

/**
 * Loads the tree-sitter runtime and grammars.
 *
 * Runtime: `web-tree-sitter` 0.27 (its own `web-tree-sitter.wasm`). The grammars come
 * from `@vscode/tree-sitter-wasm` (the ones VS Code ships), built with tree-sitter
 * 0.25 at ABI 14 (TypeScript, TSX, Java, Ruby) and 15 (the rest). Both runtimes load
 * all ten grammars (0.27 accepts ABI 13–15; probed in this repository); we use
 * `web-tree-sitter` because it is the maintained npm package with typed CJS and ESM
 * entry points and the `Query` API, while the `tree-sitter.js` inside
 * `@vscode/tree-sitter-wasm` is a UMD build meant for VS Code's own loader.
 */

let runtime: Promise<void> | undefined;
const languages = new Map<string, Promise<LanguageType>>();

/** Folder holding the grammar `.wasm` files: next to the bundle (dist/tree-sitter) or in node_modules. */
function grammarDir(): string {
  const bundled = path.join(__dirname, 'tree-sitter');
  if (existsSync(path.join(bundled, 'tree-sitter-javascript.wasm'))) return bundled;
  const manifest = '@vscode/tree-sitter-wasm/package.json'; // a variable: bundlers leave the lookup to run time
  return path.join(path.dirname(require.resolve(manifest)), 'wasm');
}

function runtimeWasm(): string {
  const bundled = path.join(__dirname, 'tree-sitter', 'web-tree-sitter.wasm');
  if (existsSync(bundled)) return bundled;
  const wasm = 'web-tree-sitter/web-tree-sitter.wasm';
  return require.resolve(wasm);
}

function initRuntime(): Promise<void> {
  // A failed start (a wasm file being rewritten by a build) is not remembered: the next call tries again.
  runtime ??= Parser.init({ locateFile: () => runtimeWasm() }).catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

/** The grammar for a wasm base name (`javascript`, `c-sharp`, …), loaded once. */
export async function loadGrammar(name: string): Promise<LanguageType> {
  await initRuntime();
  let lang = languages.get(name);
  if (!lang) {
    lang = Language.load(path.join(grammarDir(), `tree-sitter-${name}.wasm`)).catch((error: unknown) => {
      languages.delete(name);
      throw error;
    });
    languages.set(name, lang);
  }
  return lang;
}

export async function createParser(grammar: string): Promise<{ parser: ParserType; language: LanguageType }> {
  const language = await loadGrammar(grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser, language };
}
