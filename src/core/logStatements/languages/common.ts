import type { Level } from '../../events';
import type { CallDescription } from '../languageSpec';
import type { Template } from '../logStatement';
import { distinctTemplates } from '../templateBuilder';

export function hasConstantText(t: Template): boolean {
  return t.constants.some((c) => c.length > 0);
}

/** What a logging call can print: its templates that hold constant text (each once), and its level when known. */
export function describedCall(templates: readonly Template[], level: Level | undefined): CallDescription {
  const result: CallDescription = { templates: distinctTemplates(templates.filter(hasConstantText)) };
  if (level) result.level = level;
  return result;
}
