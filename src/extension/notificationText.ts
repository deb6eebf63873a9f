import { sanitisePlainText } from '../core/text/escapeMarkdown';
import { breakThemeIcons } from '../core/text/themeIcons';

/**
 * Untrusted text (a frame path from a log, a link's file parameter, a backend's error) for a
 * VS Code notification. Notifications turn `[label](command:id)` into a link that runs the
 * command when clicked (VS Code 1.34+, microsoft/vscode#46571), and `$(icon)` into an icon:
 * a zero-width space after `]` and `$` breaks both, controls and line breaks go, and the
 * text is clipped.
 */
export function notificationText(text: string, maxLength = 200): string {
  return breakThemeIcons(sanitisePlainText(text, maxLength).split('](').join(']\u200b('));
}
