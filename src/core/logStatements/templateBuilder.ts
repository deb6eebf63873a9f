import type { HoleKind, Template } from './logStatement';

/** Builds a template left to right; adjacent holes merge (two holes side by side match like one). */
export class TemplateBuilder {
  private readonly constants: string[] = [''];
  private readonly holes: HoleKind[] = [];

  text(s: string): this {
    this.constants[this.constants.length - 1] += s;
    return this;
  }

  hole(kind: HoleKind = 'any'): this {
    const last = this.constants.length - 1;
    if (this.holes.length > 0 && this.constants[last] === '') {
      // Two holes with nothing between them: one hole that matches anything.
      this.holes[this.holes.length - 1] = 'any';
      return this;
    }
    this.holes.push(kind);
    this.constants.push('');
    return this;
  }

  append(t: Template): this {
    this.text(t.constants[0] ?? '');
    for (let i = 0; i < t.holes.length; i++) this.hole(t.holes[i]).text(t.constants[i + 1] ?? '');
    return this;
  }

  build(): Template {
    return { constants: [...this.constants], holes: [...this.holes] };
  }
}

export function literalTemplate(s: string): Template {
  return { constants: [s], holes: [] };
}

export function holeTemplate(): Template {
  return { constants: ['', ''], holes: ['any'] };
}

export function concatTemplates(parts: readonly Template[], separator = ''): Template {
  const b = new TemplateBuilder();
  parts.forEach((p, i) => {
    if (i > 0) b.text(separator);
    b.append(p);
  });
  return b.build();
}

export function isLiteral(t: Template): boolean {
  return t.holes.length === 0;
}

export function templateKey(t: Template): string {
  return JSON.stringify(t);
}

/** Distinct templates, order kept. */
export function distinctTemplates(ts: readonly Template[]): Template[] {
  const seen = new Set<string>();
  return ts.filter((t) => {
    const k = templateKey(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
