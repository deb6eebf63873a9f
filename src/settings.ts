/**
 * The `opslens.*` settings, key by key as package.json contributes them. The client
 * and the server read them through this one module: the server asks the client per
 * resource (`workspace/configuration`), the client reads them for its own surfaces.
 * Values are validated here, where they are read: a wrong type falls back to the default.
 */

export type DiagnosticSeverityName = 'Error' | 'Warning' | 'Information' | 'Hint';
export type AnnotationLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface OpsLensSettings {
  /** `opslens.pollInterval`: seconds between polls of remote sources (at least 10). */
  pollInterval: number;
  /** `opslens.diagnostics.enabled`: production errors in the Problems panel. */
  diagnosticsEnabled: boolean;
  /** `opslens.diagnostics.severity`: severity of OpsLens diagnostics. */
  diagnosticsSeverity: DiagnosticSeverityName;
  /** `opslens.inlineAnnotations.enabled`: faint text at the end of hot lines. */
  inlineAnnotationsEnabled: boolean;
  /** `opslens.inlineAnnotations.minimumLevel`: log statements below this level get no line-end text (errors always qualify). */
  inlineAnnotationsMinimumLevel: AnnotationLevel;
  /** `opslens.codeLens.enabled`: a code lens above functions with production activity. */
  codeLensEnabled: boolean;
  /** `opslens.minimumCount`: groups seen fewer times in the window stay out of diagnostics, line-end text and code lenses. */
  minimumCount: number;
}

export const DEFAULT_SETTINGS: OpsLensSettings = {
  pollInterval: 60,
  diagnosticsEnabled: true,
  diagnosticsSeverity: 'Information',
  inlineAnnotationsEnabled: true,
  inlineAnnotationsMinimumLevel: 'warn',
  codeLensEnabled: true,
  minimumCount: 1,
};

/** The section every key lives under. */
export const SETTINGS_SECTION = 'opslens';

const SEVERITIES: readonly DiagnosticSeverityName[] = ['Error', 'Warning', 'Information', 'Hint'];
const LEVELS: readonly AnnotationLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/**
 * Settings from the `opslens` section as the editor returns it: nested objects
 * (`{ diagnostics: { enabled } }`, what `workspace/configuration` gives) or
 * dotted keys (`{ 'diagnostics.enabled': … }`).
 */
export function readSettings(section: unknown): OpsLensSettings {
  const raw = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  const get = (key: string): unknown => {
    if (key in raw) return raw[key];
    const [head, tail] = key.split('.', 2) as [string, string | undefined];
    const nested = raw[head];
    return tail !== undefined && nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[tail] : undefined;
  };
  const d = DEFAULT_SETTINGS;
  return {
    pollInterval: atLeast(get('pollInterval'), 10, d.pollInterval),
    diagnosticsEnabled: bool(get('diagnostics.enabled'), d.diagnosticsEnabled),
    diagnosticsSeverity: oneOf(get('diagnostics.severity'), SEVERITIES, d.diagnosticsSeverity),
    inlineAnnotationsEnabled: bool(get('inlineAnnotations.enabled'), d.inlineAnnotationsEnabled),
    inlineAnnotationsMinimumLevel: oneOf(get('inlineAnnotations.minimumLevel'), LEVELS, d.inlineAnnotationsMinimumLevel),
    codeLensEnabled: bool(get('codeLens.enabled'), d.codeLensEnabled),
    minimumCount: atLeast(get('minimumCount'), 1, d.minimumCount),
  };
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function atLeast(value: unknown, minimum: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(minimum, value) : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Every key under `opslens.`, for editors whose configuration API reads one dotted key at a time. */
export const SETTING_KEYS = [
  'pollInterval',
  'diagnostics.enabled',
  'diagnostics.severity',
  'inlineAnnotations.enabled',
  'inlineAnnotations.minimumLevel',
  'codeLens.enabled',
  'minimumCount',
] as const;
