import type { StackFrame } from '../core/events';
import type { FrameResolution } from '../core/mapping/frameResolver';
import { parseStackTrace } from '../core/stackTraces/parseStackTrace';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import type { ResolvedFrameInfo, ResolvedStackTrace } from '../protocol';

/** Resolves a frame in some workspace folder: the URI of the file when it resolved there. */
export type ResolveFrame = (frame: StackFrame) => { resolution: FrameResolution; fileUri?: (rel: string) => string };

/** At most this many characters of a pasted trace are parsed: a whole log file pasted by mistake stays cheap. */
const MAX_TRACE_LENGTH = 256 * 1024;

/**
 * A pasted stack trace, parsed with the same core as production events and its
 * frames resolved with the workspace's resolver: in-app frames (resolved to a
 * workspace line) first in their printed order, then the others with why they did not resolve.
 */
export function resolvePastedTrace(text: string, resolve: ResolveFrame): ResolvedStackTrace | null {
  const clipped = text.length > MAX_TRACE_LENGTH ? text.slice(0, MAX_TRACE_LENGTH) : text;
  const parsed = parseStackTrace(clipped) ?? (clipped.includes('\n') ? undefined : parseStackTrace(unflatten(clipped)));
  if (!parsed || parsed.exceptions.every((e) => e.frames.length === 0)) return null;
  const inApp: ResolvedFrameInfo[] = [];
  const other: ResolvedFrameInfo[] = [];
  parsed.exceptions.forEach((exception, index) => {
    for (const frame of exception.frames) {
      const info = frameInfo(frame, index, resolve);
      (info.inApp ? inApp : other).push(info);
    }
  });
  return {
    runtime: parsed.runtime,
    exceptions: parsed.exceptions.map((e) => ({ title: sanitisePlainText(e.message ? `${e.type}: ${e.message}` : e.type, 200) })),
    frames: [...inApp, ...other],
  };
}

/** Frame starts that a single-line input box leaves on one line: V8/JVM/.NET `at `, Python `File "`. */
const FRAME_STARTS = ['at ', 'File "'];

/**
 * A trace pasted into a single-line input loses its line breaks: one goes back before
 * each frame start that follows white space. One pass over the text, no regex.
 */
export function unflatten(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ((ch === ' ' || ch === '\t') && i + 1 < text.length && FRAME_STARTS.some((s) => text.startsWith(s, i + 1)) && !out.endsWith('\n')) {
      out += '\n';
      continue;
    }
    out += ch;
  }
  return out;
}

function frameInfo(frame: StackFrame, exception: number, resolve: ResolveFrame): ResolvedFrameInfo {
  const printed = sanitisePlainText(frame.file ? `${frame.file}${frame.line !== undefined ? `:${frame.line}` : ''}` : '(no location)', 300);
  const label = sanitisePlainText(frame.function ?? '(anonymous)', 200);
  const { resolution, fileUri } = resolve(frame);
  if (resolution.kind === 'resolved' && fileUri) {
    return { label, printed, uri: fileUri(resolution.location.file), line: resolution.location.line - 1, inApp: true, exception };
  }
  return { label, printed, inApp: false, exception, reason: whyNot(resolution, frame) };
}

function whyNot(resolution: FrameResolution, frame: StackFrame): string {
  if (frame.file === undefined || frame.line === undefined) return 'the frame names no file and line';
  switch (resolution.kind) {
    case 'dependency':
      return 'a dependency or runtime frame';
    case 'unmatched':
      return `no workspace file matches ${sanitisePlainText(resolution.path, 200)}`;
    case 'ambiguous':
      return `several files match (${resolution.candidates.slice(0, 3).join(', ')}): add a pathMapping`;
    default:
      return 'not in this workspace';
  }
}
