import type { Node } from 'web-tree-sitter';
import type { Level } from '../events';
import type { LanguageId, Template } from './logStatement';

/** A call the language's query found: `receiver.method(args)`, before deciding whether it logs. */
export interface CallSite {
  call: Node;
  method: string;
  receiver: Node | undefined;
  /** Identifiers along the receiver chain (`this.logger` → this, logger; `zap.L()` → zap, L). */
  receiverNames: string[];
  /** Argument expressions, unwrapped from `argument` nodes, without comments. */
  args: Node[];
  /** Ruby's `logger.info { "…" }` block. */
  block?: Node;
}

export interface CallDescription {
  level?: Level;
  templates: Template[];
}

/** How source text of a language is skimmed before parsing (comments and strings are skipped when finding a call's end). */
export interface SkimSyntax {
  lineComments: readonly string[];
  blockComments: boolean;
  /** Quote characters whose strings may span lines (JS/Go backticks, Python triple quotes are handled apart). */
  multilineQuotes: string;
  tripleQuotes: boolean;
  /** Put before each parsed slice (whole lines, ending in a newline), e.g. PHP's `<?php` opening tag. */
  slicePrefix?: string;
}

export interface LanguageSpec {
  id: LanguageId;
  /** Grammar wasm base name in @vscode/tree-sitter-wasm. */
  grammar: string;
  extensions: readonly string[];
  /** Tree-sitter query capturing `@call`, `@recv`, `@method` and optionally `@args`. */
  query: string;
  /**
   * Query capturing `@alias` and `@value` of assignments: a variable assigned from a
   * logger (`entry := logrus.WithFields(…)`, `const child = logger.child(…)`) is a
   * logger too, within its file, whatever its name.
   */
  aliasQuery?: string;
  skim: SkimSyntax;
  /** Which receivers log whatever they are called (e.g. `console`), besides the configured pattern. */
  describe(site: CallSite): CallDescription | undefined;
}
