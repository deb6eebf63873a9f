import type { Template } from '../logStatement';

export function hasConstantText(t: Template): boolean {
  return t.constants.some((c) => c.length > 0);
}
