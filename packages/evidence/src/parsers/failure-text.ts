// What a summary shows of a failure: its first lines without colour codes or stack, and where it was raised.

import { stripVTControlCharacters } from 'node:util';

/** Colour codes and cursor moves, as test runners print them into messages, removed. */
export const stripAnsi = (text: string) =>
  text.includes('\u001b') || text.includes('\u009b') ? stripVTControlCharacters(text) : text;

const maxLines = 6;
const maxChars = 600;

/** The message part of an error text: colour codes removed, stack frames and code snippets dropped, capped. */
export function summariseFailure(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const lines: string[] = [];
  for (const line of stripAnsi(text).split('\n', 200)) {
    // Stack frames ("    at …", Vitest's " ❯ file:1:2") and Playwright's snippet ("  24 |", "> 26 |") end the message.
    if (/^\s+at\s|^\s*❯\s|^\s*>?\s*\d+\s\|/.test(line)) break;
    lines.push(line.trimEnd());
    if (lines.length >= maxLines) break;
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const message = lines.join('\n').trim();
  if (message === '') return undefined;
  return message.length > maxChars ? `${message.slice(0, maxChars - 1)}…` : message;
}

// A stack frame: "at fn (path:1:2)", "at path:1:2", or Vitest's "❯ path:1:2". Requiring the marker keeps
// out positions that are not where the error was raised, like Playwright's "› shop.spec.mjs:23:3 ›" header.
const framePattern = /(?:\bat\s+(?:[^\n(]*?\()?|❯\s*)(?:file:\/\/)?([^\s()'"`]+?):(\d+):(\d+)/g;

/**
 * The line and column of the first stack frame in `text` that points at `file` (the same path, or one
 * ending with it after a slash: JUnit gives paths relative to a root the frames spell out in full).
 */
export function failurePosition(
  text: string | undefined,
  file: string | undefined,
): { line: number; column: number } | undefined {
  if (!text || !file) return undefined;
  const wanted = file.replaceAll('\\', '/');
  for (const match of stripAnsi(text).matchAll(framePattern)) {
    const path = (match[1] as string).replaceAll('\\', '/');
    if (path === wanted || path.endsWith(`/${wanted}`) || wanted.endsWith(`/${path}`)) {
      return { line: Number(match[2]), column: Number(match[3]) };
    }
  }
  return undefined;
}
