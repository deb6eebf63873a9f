/** The `sourceMappingURL` a compiled file names, as found in its text. */
export type MapReference = { kind: 'inline'; json: string } | { kind: 'file'; url: string };

const MARKER = 'sourceMappingURL=';

/**
 * Finds the last `//# sourceMappingURL=…` (or the legacy `//@`) comment of a
 * compiled file. Scans backwards with indexOf, so a large bundle costs one pass
 * and no regex runs over its text.
 */
export function findSourceMappingUrl(code: string): string | undefined {
  let at = code.lastIndexOf(MARKER);
  while (at >= 4) {
    const prefix = code.slice(at - 4, at);
    if (prefix === '//# ' || prefix === '//@ ') {
      const end = lineEnd(code, at);
      const url = code.slice(at + MARKER.length, end).trim();
      if (url !== '') return url;
    }
    at = code.lastIndexOf(MARKER, at - 1);
  }
  return undefined;
}

/** Splits a sourceMappingURL into an inline data: URL's JSON text or a file reference; undefined for what cannot be a map. */
export function parseMapReference(url: string): MapReference | undefined {
  if (url.startsWith('data:')) {
    const json = decodeDataUrl(url);
    return json === undefined ? undefined : { kind: 'inline', json };
  }
  // A map served from elsewhere (http://, https://) is not one of the workspace's files.
  const scheme = url.indexOf('://');
  if (scheme > 0 && !url.startsWith('file://')) return undefined;
  return { kind: 'file', url: url.startsWith('file://') ? safeDecode(url.slice('file://'.length)) : safeDecode(url) };
}

/** `data:application/json;charset=utf-8;base64,…` or a percent-encoded data URL → its text. */
export function decodeDataUrl(url: string): string | undefined {
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const meta = url.slice('data:'.length, comma).split(';');
  const payload = url.slice(comma + 1);
  if (meta.includes('base64')) return Buffer.from(payload, 'base64').toString('utf8');
  return safeDecode(payload);
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
