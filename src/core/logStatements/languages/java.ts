import { expressionTemplate, type ExpressionRules } from '../expressionTemplate';
import { expandBraces, expandPrintf } from '../formatDirectives';
import type { CallDescription, CallSite, LanguageSpec } from '../languageSpec';
import { levelFromArgumentText, levelOfMethod } from '../levels';
import type { Template } from '../logStatement';
import { describedCall, hasConstantText } from './common';

const QUERY = `
(method_invocation
  object: (_) @recv
  name: (identifier) @method
  arguments: (argument_list) @args) @call`;

const RULES: ExpressionRules = {
  stringTypes: new Set(['string_literal']),
  contentTypes: new Set(['string_fragment', 'multiline_string_fragment']),
  concatOperators: new Set(['+']),
  binaryTypes: new Set(['binary_expression']),
  parenTypes: new Set(['parenthesized_expression']),
  special: (node, recurse) => {
    if (node.type !== 'method_invocation') return undefined;
    const target = `${node.childForFieldName('object')?.text ?? ''}.${node.childForFieldName('name')?.text ?? ''}`;
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    if (!args[0]) return undefined;
    if (target === 'String.format') return expandPrintf(recurse(args[0]), args.slice(1).map(recurse), { javaNewline: true }).template;
    if (target === 'MessageFormat.format') return expandBraces(recurse(args[0]), args.slice(1).map(recurse), 'messageFormat').template;
    return undefined;
  },
};

function describe(site: CallSite): CallDescription | undefined {
  const method = levelOfMethod(site.method);
  if (!method) return undefined;
  let args = site.args.filter((a) => a.type !== 'line_comment' && a.type !== 'block_comment');
  let level = 'level' in method ? method.level : undefined;
  if ('dynamic' in method) {
    // java.util.logging and Log4j2: log(Level.WARNING, "…", params)
    level = args[0] ? levelFromArgumentText(args[0].text) : undefined;
    if (!level) return undefined;
    args = args.slice(1);
  }
  const templates = args.map((a) => expressionTemplate(a, RULES));
  // SLF4J and Log4j2 take an optional Marker first.
  const at = hasConstantText(templates[0] ?? { constants: [''], holes: [] }) ? 0 : 1;
  const format = templates[at];
  if (!format || !hasConstantText(format)) return undefined;
  const rest = templates.slice(at + 1);
  const out: Template[] = [format];
  if (rest.length > 0) out.push(expandBraces(format, rest, 'slf4j').template, expandBraces(format, rest, 'messageFormat').template);
  return describedCall(out, level);
}

export const JAVA: LanguageSpec = {
  id: 'java',
  grammar: 'java',
  extensions: ['.java'],
  query: QUERY,
  aliasQuery: '(variable_declarator name: (identifier) @alias value: (_) @value)',
  skim: { lineComments: ['//'], blockComments: true, multilineQuotes: '', tripleQuotes: true },
  describe,
};

