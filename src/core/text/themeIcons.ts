/**
 * `$(name)` draws a theme icon in quick picks, the status bar, notifications and hovers that
 * allow icons. A zero-width space after `$` keeps untrusted text (an exception title, a frame
 * from a log, a service name from the repository) from drawing one; the text reads the same.
 */
export function breakThemeIcons(text: string): string {
  return text.split('$(').join('$\u200b(');
}
