import { languageForFile } from './languages/registry';

/** Folders of generated or vendored code: their statements are copies (or not ours) and would make matches ambiguous. */
const GENERATED_DIRS = new Set(['node_modules', 'vendor', 'third_party', 'dist', 'build', 'out', 'target', 'bin', 'obj', '.next', '.nuxt', 'coverage', 'generated', '__generated__', 'site-packages', 'bower_components', '.yarn']);

const GENERATED_SUFFIXES = ['.min.js', '.bundle.js', '.d.ts', '.pb.go', '_pb2.py', '.generated.cs', '.g.cs', '.designer.cs'];

/** Whether a workspace file can hold logging statements we index: a known language, not generated, not vendored. */
export function isIndexable(rel: string): boolean {
  if (!languageForFile(rel)) return false;
  const lower = rel.toLowerCase();
  if (GENERATED_SUFFIXES.some((s) => lower.endsWith(s))) return false;
  const parts = rel.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (GENERATED_DIRS.has(parts[i]!)) return false;
  return true;
}
