import { stripVTControlCharacters } from 'node:util';

/** ANSI styling that collapses to plain text when colour is off. */
export interface Style {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
}

const wrap = (on: number, off: number) => (text: string) =>
  text === '' ? text : `\x1b[${on}m${text}\x1b[${off}m`;

/** A Style; `enabled` false gives plain text. */
export function createStyle(enabled: boolean): Style {
  const plain = (text: string) => text;
  return {
    enabled,
    bold: enabled ? wrap(1, 22) : plain,
    dim: enabled ? wrap(2, 22) : plain,
    italic: enabled ? wrap(3, 23) : plain,
    underline: enabled ? wrap(4, 24) : plain,
    red: enabled ? wrap(31, 39) : plain,
    yellow: enabled ? wrap(33, 39) : plain,
    blue: enabled ? wrap(34, 39) : plain,
    cyan: enabled ? wrap(36, 39) : plain,
    green: enabled ? wrap(32, 39) : plain,
  };
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/** The width a string takes on a terminal, ignoring ANSI codes (one column per code point). */
export function visibleWidth(text: string): number {
  return [...stripVTControlCharacters(text)].length;
}
