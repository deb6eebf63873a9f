/** One link of an RFC 8288 `Link` header, with its parameters (`rel`, and Sentry's `results` and `cursor`). */
export interface HeaderLink {
  url: string;
  params: Record<string, string>;
}

/**
 * Parses a `Link` header such as Sentry's
 * `<…?cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"`.
 * A single forward scan (the header comes from the network, so no backtracking
 * regex); links that do not start with `<…>` are skipped.
 */
export function parseLinkHeader(header: string | undefined): HeaderLink[] {
  const links: HeaderLink[] = [];
  if (!header) return links;
  let i = 0;
  while (i < header.length) {
    const open = header.indexOf('<', i);
    if (open < 0) break;
    const close = header.indexOf('>', open + 1);
    if (close < 0) break;
    const nextOpen = header.indexOf('<', close + 1);
    const paramsText = header.slice(close + 1, nextOpen < 0 ? header.length : nextOpen);
    links.push({ url: header.slice(open + 1, close), params: parseParams(paramsText) });
    i = nextOpen < 0 ? header.length : nextOpen;
  }
  return links;
}

function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.endsWith(',')) value = value.slice(0, -1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (key) params[key] = value;
  }
  return params;
}

/** The cursor of the `rel="next"` link when Sentry says it has results, else undefined (last page). */
export function nextCursor(header: string | undefined): string | undefined {
  const next = parseLinkHeader(header).find((l) => l.params.rel === 'next');
  if (!next || next.params.results !== 'true') return undefined;
  return next.params.cursor || undefined;
}
