import type { Level } from '../events';

/** What a hole in a template may match: `number` for `%d`-like directives, anything else is `any`. */
export type HoleKind = 'any' | 'number';

/**
 * The text a logging statement writes: constant pieces with holes between them.
 * `constants.length === holes.length + 1`; `constants[0]` is the prefix and the
 * last one the suffix (either may be empty). Adjacent holes are merged.
 */
export interface Template {
  constants: string[];
  holes: HoleKind[];
}

export type LanguageId = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'java' | 'ruby' | 'php' | 'csharp';

/** One logging call found in the source. */
export interface LogStatement {
  /** Workspace-relative, `/`-separated. */
  file: string;
  /** 1-based line of the call. */
  line: number;
  /** 0-based column range of the call on its first line (end is exclusive, on `endLine`). */
  column: number;
  endLine: number;
  endColumn: number;
  language: LanguageId;
  /** From the method name; undefined when the level is a runtime value. */
  level?: Level;
  /** The method as written (`info`, `Infof`, `LogWarning`), for display. */
  method: string;
  /**
   * The texts the call can write. Several when the library's formatting is not
   * known from the call alone (e.g. Go `Info("a", b)` is `a<b>` for logrus but
   * `a` for zap's structured logger).
   */
  templates: Template[];
}

export function constantLength(template: Template): number {
  let n = 0;
  for (const c of template.constants) n += c.length;
  return n;
}

/** Human-readable form: holes shown as `{}`, for hovers and tests. */
export function templateText(template: Template): string {
  let out = template.constants[0] ?? '';
  for (let i = 0; i < template.holes.length; i++) out += (template.holes[i] === 'number' ? '{#}' : '{}') + (template.constants[i + 1] ?? '');
  return out;
}
