import type { Node } from 'web-tree-sitter';
import { expressionTemplate, type ExpressionRules } from '../expressionTemplate';
import { expandPrintf } from '../formatDirectives';
import type { CallDescription, CallSite, LanguageSpec } from '../languageSpec';
import { levelOfMethod } from '../levels';
import type { Template } from '../logStatement';
import { concatTemplates, distinctTemplates, TemplateBuilder } from '../templateBuilder';
import { hasConstantText } from './common';

const QUERY = `
(call_expression
  function: (selector_expression operand: (_) @recv field: (field_identifier) @method)
  arguments: (argument_list) @args) @call`;

const ALIAS_QUERY = `
(short_var_declaration left: (expression_list (identifier) @alias) right: (expression_list (_) @value))
(assignment_statement left: (expression_list (_) @alias) right: (expression_list (_) @value))
(var_spec name: (identifier) @alias value: (expression_list (_) @value))`;

const STRING_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal']);

const RULES: ExpressionRules = {
  stringTypes: STRING_TYPES,
  contentTypes: new Set(['interpreted_string_literal_content', 'raw_string_literal_content']),
  concatOperators: new Set(['+']),
  binaryTypes: new Set(['binary_expression']),
  parenTypes: new Set(['parenthesized_expression']),
  isRaw: (n) => n.type === 'raw_string_literal',
  special: (node, recurse) => {
    if (node.type !== 'call_expression') return undefined;
    const fn = node.childForFieldName('function')?.text;
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    if (fn === 'fmt.Sprintf' && args[0]) return expandPrintf(recurse(args[0]), args.slice(1).map(recurse)).template;
    if (fn === 'fmt.Sprint') return sprint(args, recurse);
    return undefined;
  },
};

/** fmt.Sprint: a space goes between operands only when neither is a string. */
function sprint(args: Node[], recurse: (n: Node) => Template): Template {
  const b = new TemplateBuilder();
  args.forEach((arg, i) => {
    const prev = args[i - 1];
    if (prev && !STRING_TYPES.has(prev.type) && !STRING_TYPES.has(arg.type)) b.text(' ');
    b.append(recurse(arg));
  });
  return b.build();
}

function describe(site: CallSite): CallDescription | undefined {
  const method = levelOfMethod(site.method);
  if (!method || !('level' in method)) return undefined;
  const recurse = (n: Node): Template => expressionTemplate(n, RULES);
  const args = site.args.filter((a) => a.type !== 'comment');
  const [first, ...rest] = args;
  if (!first) return undefined;
  const name = site.method;
  const out: Template[] = [];
  if (name.endsWith('f')) out.push(expandPrintf(recurse(first), rest.map(recurse)).template);
  else if (name.endsWith('ln')) out.push(concatTemplates(args.map(recurse), ' '));
  else if (name.endsWith('w')) out.push(recurse(first));
  else {
    // zap and slog: the first argument is the message and the rest are fields; log and logrus: fmt.Sprint of all.
    out.push(recurse(first), sprint(args, recurse));
    if (site.receiverNames.includes('log')) out.push(concatTemplates(args.map(recurse), ' '));
  }
  return { level: method.level, templates: distinctTemplates(out.filter(hasConstantText)) };
}

export const GO: LanguageSpec = {
  id: 'go',
  grammar: 'go',
  extensions: ['.go'],
  query: QUERY,
  aliasQuery: ALIAS_QUERY,
  skim: { lineComments: ['//'], blockComments: true, multilineQuotes: '`', tripleQuotes: false },
  describe,
};
