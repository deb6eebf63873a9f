import { expressionTemplate, type ExpressionRules } from '../expressionTemplate';
import { expandBraces } from '../formatDirectives';
import type { CallDescription, CallSite, LanguageSpec } from '../languageSpec';
import { levelFromArgumentText, levelOfMethod } from '../levels';
import type { Template } from '../logStatement';
import { describedCall, hasConstantText } from './common';

const QUERY = `
(invocation_expression
  function: (member_access_expression expression: (_) @recv name: (identifier) @method)
  arguments: (argument_list) @args) @call`;

const RULES: ExpressionRules = {
  stringTypes: new Set(['string_literal', 'verbatim_string_literal', 'interpolated_string_expression', 'raw_string_literal']),
  contentTypes: new Set(['string_literal_content', 'string_content', 'raw_string_content']),
  delimiterTypes: new Set(['interpolation_start', 'interpolation_quote', 'raw_string_start', 'raw_string_end']),
  concatOperators: new Set(['+']),
  binaryTypes: new Set(['binary_expression']),
  parenTypes: new Set(['parenthesized_expression']),
  isRaw: (n) => n.text.startsWith('@') || n.text.startsWith('$@') || n.text.startsWith('@$'),
  special: (node, recurse) => {
    if (node.type === 'verbatim_string_literal') return { constants: [node.text.slice(2, -1).split('""').join('"')], holes: [] };
    if (node.type !== 'invocation_expression' || node.childForFieldName('function')?.text.toLowerCase() !== 'string.format') return undefined;
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).map((a) => a.namedChildren[0] ?? a);
    return args[0] ? expandBraces(recurse(args[0]), args.slice(1).map(recurse), 'python').template : undefined;
  },
};

function describe(site: CallSite): CallDescription | undefined {
  const method = levelOfMethod(site.method);
  if (!method) return undefined;
  let args = site.args;
  let level = 'level' in method ? method.level : undefined;
  if ('dynamic' in method) {
    level = args[0] ? levelFromArgumentText(args[0].text) : undefined;
    if (!level) return undefined;
    args = args.slice(1);
  }
  // An exception or EventId may come before the message template.
  const templates = args.slice(0, 3).map((a) => expressionTemplate(a, RULES));
  const format = templates.find(hasConstantText);
  if (!format) return undefined;
  const out: Template[] = [expandBraces(format, [], 'named').template, format];
  return describedCall(out, level);
}

export const CSHARP: LanguageSpec = {
  id: 'csharp',
  grammar: 'c-sharp',
  extensions: ['.cs'],
  query: QUERY,
  skim: { lineComments: ['//'], blockComments: true, multilineQuotes: '', tripleQuotes: true },
  describe,
};
