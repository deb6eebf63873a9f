import type { LanguageSpec } from '../languageSpec';
import { CSHARP } from './csharp';
import { GO } from './go';
import { JAVA } from './java';
import { JAVASCRIPT, TSX, TYPESCRIPT } from './javascript';
import { PHP } from './php';
import { PYTHON } from './python';
import { RUBY } from './ruby';

export const LANGUAGES: readonly LanguageSpec[] = [JAVASCRIPT, TYPESCRIPT, TSX, PYTHON, GO, JAVA, RUBY, PHP, CSHARP];

const BY_EXTENSION = new Map<string, LanguageSpec>(LANGUAGES.flatMap((l) => l.extensions.map((e) => [e, l] as const)));

/** The language of a file by its extension, or undefined when no grammar covers it. */
export function languageForFile(file: string): LanguageSpec | undefined {
  const dot = file.lastIndexOf('.');
  if (dot < 0 || file.endsWith('.d.ts')) return undefined;
  return BY_EXTENSION.get(file.slice(dot).toLowerCase());
}
