import { sanitisePlainText } from './escapeMarkdown';
import { breakThemeIcons } from './themeIcons';

/**
 * Untrusted text as a Markdown code span. Backslash escapes are literal inside a
 * code span (`1\.42\.0` would show its backslashes), so nothing is escaped: the
 * fence is one backtick longer than the longest run inside, which no content can
 * close. Line breaks and control characters become spaces or U+FFFD, and `$(` gets a
 * zero-width space so a renderer that draws theme icons draws none from it.
 */
export function codeSpan(text: string, maxLength = 200): string {
  const plain = breakThemeIcons(sanitisePlainText(text, maxLength));
  let longest = 0;
  let run = 0;
  for (const ch of plain) {
    run = ch === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end when both are spaces: pad when the content touches a backtick or is blank-edged.
  const pad = plain.startsWith('`') || plain.endsWith('`') || plain.startsWith(' ') || plain.endsWith(' ') || plain === '' ? ' ' : '';
  return `${fence}${pad}${plain}${pad}${fence}`;
}
