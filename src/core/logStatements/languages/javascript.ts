import type { Node } from 'web-tree-sitter';
import { expressionTemplate, type ExpressionRules } from '../expressionTemplate';
import { expandPrintf } from '../formatDirectives';
import type { CallDescription, CallSite, LanguageSpec, SkimSyntax } from '../languageSpec';
import { levelFromArgumentText, levelOfMethod } from '../levels';
import type { LanguageId, Template } from '../logStatement';
import { concatTemplates } from '../templateBuilder';
import { describedCall, hasConstantText } from './common';

const QUERY = `
(call_expression
  function: (member_expression object: (_) @recv property: (property_identifier) @method)
  arguments: (arguments) @args) @call`;

const RULES: ExpressionRules = {
  stringTypes: new Set(['string', 'template_string']),
  contentTypes: new Set(['string_fragment']),
  concatOperators: new Set(['+']),
  binaryTypes: new Set(['binary_expression']),
  parenTypes: new Set(['parenthesized_expression']),
  special: (node, recurse) => {
    // util.format('…', a) inside the call formats like console.log.
    if (node.type !== 'call_expression' || node.childForFieldName('function')?.text !== 'util.format') return undefined;
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    const [first, ...rest] = args;
    return first ? nodeFormat(recurse(first), rest.map(recurse), true) : undefined;
  },
};

const ALIAS_QUERY = `
(variable_declarator name: (identifier) @alias value: (_) @value)
(assignment_expression left: (_) @alias right: (_) @value)`;

const SKIM: SkimSyntax = { lineComments: ['//'], blockComments: true, multilineQuotes: '`', tripleQuotes: false };

/** Node's util.format: directives take arguments; with `append`, leftovers follow, space-separated. */
function nodeFormat(format: Template, args: Template[], append: boolean): Template {
  const { template, consumed } = expandPrintf(format, args, { node: true });
  if (!append || consumed >= args.length) return template;
  return concatTemplates([template, ...args.slice(consumed)], ' ');
}

function describe(site: CallSite): CallDescription | undefined {
  const method = levelOfMethod(site.method);
  if (!method) return undefined;
  const toTemplate = (n: Node): Template => expressionTemplate(n, RULES);
  const isConsole = site.receiverNames.includes('console');
  let args = site.args.filter((a) => a.type !== 'comment');
  let level = 'level' in method ? method.level : undefined;
  if ('dynamic' in method) {
    if (isConsole) level = 'info';
    else {
      // winston / log4js: logger.log('warn', 'message', …)
      const first = args[0];
      level = first ? levelFromArgumentText(first.text) : undefined;
      if (level) args = args.slice(1);
    }
  }
  if (site.method === 'trace' && isConsole) level = 'trace';
  const templates = args.map(toTemplate);
  const out: Template[] = [];
  const firstText = templates.findIndex(hasConstantText);
  if (isConsole) {
    if (firstText === 0) out.push(nodeFormat(templates[0]!, templates.slice(1), true));
    else if (firstText > 0) out.push(concatTemplates(templates, ' '));
  } else if (firstText === 0 || firstText === 1) {
    // pino/bunyan take an object (or error) first and the message second.
    const format = templates[firstText]!;
    const rest = templates.slice(firstText + 1);
    out.push(nodeFormat(format, rest, false), nodeFormat(format, rest, true));
  }
  return describedCall(out, level);
}

function spec(id: LanguageId, grammar: string, extensions: string[]): LanguageSpec {
  return { id, grammar, extensions, query: QUERY, aliasQuery: ALIAS_QUERY, skim: SKIM, describe };
}

export const JAVASCRIPT = spec('javascript', 'javascript', ['.js', '.mjs', '.cjs', '.jsx']);
export const TYPESCRIPT = spec('typescript', 'typescript', ['.ts', '.mts', '.cts']);
export const TSX = spec('tsx', 'tsx', ['.tsx']);

