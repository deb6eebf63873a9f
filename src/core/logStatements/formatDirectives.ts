import type { HoleKind, Template } from './logStatement';
import { TemplateBuilder } from './templateBuilder';

/**
 * Expands format strings into templates. The format is itself a template (it may
 * be a concatenation with holes); directives are read from its constant pieces and
 * replaced by the matching argument's template, or by a typed hole.
 */

export interface PrintfDialect {
  /** Python `%(name)s` mapping keys. */
  mappingKeys?: boolean;
  /** Java `%n` (line separator, consumes no argument). */
  javaNewline?: boolean;
  /** Node util.format: `%c` consumes an argument and prints nothing; extra arguments are appended with spaces. */
  node?: boolean;
}

export interface Expanded {
  template: Template;
  /** Arguments the directives used, from the start of `args`. */
  consumed: number;
}

const NUMBER_VERBS = new Set('diufFeEgG');
const ANY_VERBS = new Set('sqvrajoOxXbcTtpwSaAhHBn');

/** `%s`, `%5.2f`, `%-8d`, `%(name)s`, `%%`: C, Python, Go, Java and Node dialects. */
export function expandPrintf(format: Template, args: readonly Template[], dialect: PrintfDialect = {}): Expanded {
  const b = new TemplateBuilder();
  let next = 0;
  format.constants.forEach((text, index) => {
    let i = 0;
    while (i < text.length) {
      const pct = text.indexOf('%', i);
      if (pct < 0) {
        b.text(text.slice(i));
        break;
      }
      b.text(text.slice(i, pct));
      const directive = readDirective(text, pct + 1, dialect);
      if (!directive) {
        b.text('%');
        i = pct + 1;
        continue;
      }
      i = directive.end;
      if (directive.verb === '%') b.text('%');
      else if (directive.verb === 'n' && dialect.javaNewline) b.text('\n');
      else if (directive.named) b.hole(directive.kind);
      else if (dialect.node && next >= args.length) b.text(text.slice(pct, directive.end));
      else {
        const arg = args[next++];
        if (directive.verb === 'c' && dialect.node) continue;
        if (arg && directive.kind === 'any') b.append(arg);
        else b.hole(directive.kind);
      }
    }
    if (index < format.holes.length) b.hole(format.holes[index]);
  });
  return { template: b.build(), consumed: Math.min(next, args.length) };
}

interface Directive {
  verb: string;
  kind: HoleKind;
  named: boolean;
  end: number;
}

function readDirective(text: string, start: number, dialect: PrintfDialect): Directive | undefined {
  let i = start;
  if (text[i] === '%') return { verb: '%', kind: 'any', named: false, end: i + 1 };
  let named = false;
  if (dialect.mappingKeys && text[i] === '(') {
    const close = text.indexOf(')', i);
    if (close < 0) return undefined;
    named = true;
    i = close + 1;
  }
  while (i < text.length && '-+ #0'.includes(text[i]!)) i++;
  while (i < text.length && (isDigit(text.charCodeAt(i)) || text[i] === '*')) i++;
  if (text[i] === '.') {
    i++;
    while (i < text.length && (isDigit(text.charCodeAt(i)) || text[i] === '*')) i++;
  }
  while (i < text.length && 'hlLqjzt'.includes(text[i]!) && i + 1 < text.length && /[a-zA-Z]/.test(text[i + 1]!)) i++;
  const verb = text[i];
  if (verb === undefined) return undefined;
  if (NUMBER_VERBS.has(verb)) return { verb, kind: 'number', named, end: i + 1 };
  if (ANY_VERBS.has(verb)) return { verb, kind: 'any', named, end: i + 1 };
  return undefined;
}

export type BraceDialect =
  /** SLF4J / Log4j2 `{}`; `\{}` is literal. */
  | 'slf4j'
  /** Python `str.format` / loguru: `{}`, `{0}`, `{name}`, `{x:>5}`; `{{` and `}}` are literal. */
  | 'python'
  /** java.text.MessageFormat: `{0}`, `{0,number}`; `'…'` quotes. */
  | 'messageFormat'
  /** Message templates (Microsoft.Extensions.Logging, Serilog, PSR-3): `{Name}`, `{@Name}`, `{Name:fmt}`; `{{` `}}`. */
  | 'named';

/** Expands brace placeholders; positional ones take the next argument's template, named ones become holes. */
export function expandBraces(format: Template, args: readonly Template[], dialect: BraceDialect): Expanded {
  const b = new TemplateBuilder();
  let next = 0;
  let maxIndex = -1;
  format.constants.forEach((text, index) => {
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (dialect === 'slf4j' && c === '\\' && text.startsWith('{}', i + 1)) {
        b.text('{}');
        i += 3;
      } else if (dialect !== 'slf4j' && dialect !== 'messageFormat' && (c === '{' || c === '}') && text[i + 1] === c) {
        b.text(c);
        i += 2;
      } else if (dialect === 'messageFormat' && c === "'") {
        const close = text.indexOf("'", i + 1);
        b.text(close === i + 1 ? "'" : text.slice(i + 1, close < 0 ? text.length : close));
        i = close < 0 ? text.length : close + 1;
      } else if (c === '{') {
        const close = text.indexOf('}', i + 1);
        const body = close < 0 ? undefined : text.slice(i + 1, close);
        if (body === undefined || !isPlaceholder(body, dialect)) {
          b.text(c);
          i++;
          continue;
        }
        const position = placeholderIndex(body, dialect, next);
        if (position !== undefined) {
          if (body.trim() === '' || dialect === 'slf4j') next++;
          maxIndex = Math.max(maxIndex, position);
          const arg = args[position];
          // A conversion or format spec (`!r`, `:.2f`, `,number`) changes how the value prints: a hole.
          if (arg && !/[!:,]/.test(body)) b.append(arg);
          else b.hole();
        } else b.hole();
        i = close + 1;
      } else {
        b.text(c);
        i++;
      }
    }
    if (index < format.holes.length) b.hole(format.holes[index]);
  });
  return { template: b.build(), consumed: Math.min(Math.max(next, maxIndex + 1), args.length) };
}

function isPlaceholder(body: string, dialect: BraceDialect): boolean {
  if (dialect === 'slf4j') return body === '';
  if (body.length > 200 || body.includes('{')) return false;
  if (dialect === 'messageFormat') return isDigit(body.charCodeAt(0));
  if (dialect === 'named') return body.length > 0 && /^[@$]?[A-Za-z0-9_.]+([,:][^}]*)?$/.test(body);
  return /^([A-Za-z0-9_.[\]]*)(![rsa])?(:[^}]*)?$/.test(body);
}

/** Which argument a positional placeholder takes, or undefined for a named one. */
function placeholderIndex(body: string, dialect: BraceDialect, next: number): number | undefined {
  if (dialect === 'slf4j') return next;
  const name = body.split(/[!:,]/, 1)[0]!.trim();
  if (name === '') return dialect === 'python' ? next : undefined;
  if (/^\d+$/.test(name)) return Number(name);
  return undefined;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
