const MAX_NAME_LENGTH = 128;

/**
 * The git revisions a release name may stand for, most specific first: a hex
 * object name as is, otherwise the tags `NAME` and `vNAME` (and for a Sentry-style
 * `package@1.4.2` the part after the `@`). Names are log text, so anything that
 * git could read as an option or a revision expression yields nothing.
 */
export function revisionCandidates(release: string): string[] {
  const name = release.trim();
  if (isHexObjectName(name)) return [name];
  const at = name.lastIndexOf('@');
  const versions = at > 0 ? [name, name.slice(at + 1)] : [name];
  const out: string[] = [];
  for (const version of versions) {
    if (!isSafeRefName(version)) continue;
    out.push(`refs/tags/${version}`);
    if (!version.startsWith('v')) out.push(`refs/tags/v${version}`);
  }
  return out;
}

/** 7 to 64 hex digits: an abbreviated or full SHA-1 or SHA-256 object name. */
export function isHexObjectName(name: string): boolean {
  if (name.length < 7 || name.length > 64) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    if (!hex) return false;
  }
  return true;
}

/** Letters, digits and `._/+-`, starting with a letter or digit, without `..`: a plain tag name. */
export function isSafeRefName(name: string): boolean {
  if (name === '' || name.length > MAX_NAME_LENGTH || name.includes('..') || name.endsWith('.lock') || name.endsWith('/')) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (alnum || (i > 0 && (c === 46 || c === 95 || c === 47 || c === 43 || c === 45))) continue;
    return false;
  }
  return true;
}
