import type { Node } from 'web-tree-sitter';
import type { Template } from './logStatement';
import { holeTemplate, literalTemplate, TemplateBuilder } from './templateBuilder';

/** How one language spells strings and concatenation, for turning an argument into a template. */
export interface ExpressionRules {
  /** String literal node types (their named children are content, escapes and interpolations). */
  stringTypes: ReadonlySet<string>;
  /** Child types that hold literal text. */
  contentTypes: ReadonlySet<string>;
  /** Child types to skip (delimiters). */
  delimiterTypes?: ReadonlySet<string>;
  /** Binary concatenation operator (`+`, PHP `.`). */
  concatOperators: ReadonlySet<string>;
  binaryTypes: ReadonlySet<string>;
  /** Parenthesised expression types to look through. */
  parenTypes?: ReadonlySet<string>;
  /** Language-specific forms (format calls, `%` operator); undefined falls back to the generic rules. */
  special?: (node: Node, toTemplate: (n: Node) => Template) => Template | undefined;
  /** The string's escapes are not processed (raw strings). */
  isRaw?: (node: Node) => boolean;
}

const MAX_DEPTH = 40;

/** The text an expression contributes to a message: literals as text, anything computed as a hole. */
export function expressionTemplate(node: Node, rules: ExpressionRules, depth = 0): Template {
  if (depth > MAX_DEPTH) return holeTemplate();
  const recurse = (n: Node): Template => expressionTemplate(n, rules, depth + 1);
  const special = rules.special?.(node, recurse);
  if (special) return special;
  if (rules.stringTypes.has(node.type)) return stringTemplate(node, rules, recurse);
  if (rules.parenTypes?.has(node.type)) {
    const inner = node.namedChildren[0];
    return inner ? recurse(inner) : holeTemplate();
  }
  if (rules.binaryTypes.has(node.type)) {
    const op = node.childForFieldName('operator')?.type ?? node.children[1]?.type;
    const left = node.childForFieldName('left') ?? node.namedChildren[0];
    const right = node.childForFieldName('right') ?? node.namedChildren[1];
    if (op && rules.concatOperators.has(op) && left && right) {
      const l = recurse(left);
      const r = recurse(right);
      // `a + b` of two computed values is a number or a string: only concatenate when a side is text.
      if (l.holes.length === 0 || r.holes.length === 0 || hasText(l) || hasText(r)) return new TemplateBuilder().append(l).append(r).build();
    }
  }
  return holeTemplate();
}

function hasText(t: Template): boolean {
  return t.constants.some((c) => c.length > 0);
}

function stringTemplate(node: Node, rules: ExpressionRules, recurse: (n: Node) => Template): Template {
  const raw = rules.isRaw?.(node) ?? false;
  const children = node.namedChildren;
  if (children.length === 0) return literalTemplate(stripQuotes(node.text));
  const b = new TemplateBuilder();
  for (const child of children) {
    if (rules.delimiterTypes?.has(child.type)) continue;
    if (rules.contentTypes.has(child.type)) b.text(raw ? child.text : decodeEscapes(child.text));
    else if (child.type.includes('escape')) b.text(raw ? child.text : decodeEscapes(child.text));
    else if (rules.stringTypes.has(child.type)) b.append(recurse(child));
    else b.hole();
  }
  return b.build();
}

function stripQuotes(text: string): string {
  let s = 0;
  let e = text.length;
  while (s < e && (text[s] === '"' || text[s] === "'" || text[s] === '`')) s++;
  while (e > s && (text[e - 1] === '"' || text[e - 1] === "'" || text[e - 1] === '`')) e--;
  return text.slice(s, e);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v', e: '\x1b', a: '\x07' };

/** Backslash escapes common to the C family: `\n`, `\t`, `\xHH`, `\uHHHH`, `\u{H…}`, `\"`. */
export function decodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      i++;
      continue;
    }
    const n = text[i + 1]!;
    const hex = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    if (n === 'u' && text[i + 2] === '{') {
      const close = text.indexOf('}', i + 3);
      const code = parseInt(text.slice(i + 3, close), 16);
      if (close > 0 && Number.isFinite(code) && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i = close + 1;
        continue;
      }
    }
    if (hex > 0) {
      const code = parseInt(text.slice(i + 2, i + 2 + hex), 16);
      if (Number.isFinite(code) && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i += 2 + hex;
        continue;
      }
    }
    out += SIMPLE_ESCAPES[n] ?? n;
    i += 2;
  }
  return out;
}
