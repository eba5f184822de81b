// The runner's side channel, written as the runner reads it (../shared/reference/github-actions-api.md §1.3,
// §2): `::command key=value::message` lines on stdout, and key/value file commands in heredoc form. The kit
// writes it itself rather than through @actions/core, whose entry eagerly imports its OIDC client
// (http-client, undici, tunnel) and @actions/exec: about 80 ms of an action's start (docs/benchmarks.md).
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';
import type { AnnotationProperties } from './logger';

export interface Output {
  write(text: string): unknown;
}

/** Escapes a command's message: `%` first, then CR and LF. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command's property value: as data, plus `:` and `,`. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line; properties with empty values are left out, as the runner drops them. */
export function commandLine(
  command: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const pairs = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '' && value !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${command}${pairs.length > 0 ? ` ${pairs.join(',')}` : ''}::${escapeData(message)}${EOL}`;
}

/** The runner's annotation properties (`line`, `col`, …) for the kit's (`startLine`, `startColumn`, …). */
export function annotationProperties(
  properties: AnnotationProperties = {},
): Record<string, string | number | undefined> {
  return {
    title: properties.title,
    file: properties.file,
    line: properties.startLine,
    endLine: properties.endLine,
    col: properties.startColumn,
    endColumn: properties.endColumn,
  };
}

/**
 * Appends `name<<delimiter` / value / delimiter to a file command (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE).
 * The runner ends the value before the newline that precedes the delimiter line.
 */
export function fileCommandEntry(
  name: string,
  value: string,
  delimiter = `ghadelimiter_${randomUUID()}`,
): string {
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`the value of '${name}' contains its own delimiter`);
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

/** Writes to the file the runner named in `variable`; false when the runner gave none (an old runner). */
export function appendToFileCommand(variable: string, text: string, env: NodeJS.ProcessEnv): boolean {
  const path = env[variable];
  if (!path) return false;
  if (!existsSync(path)) throw new Error(`${variable} names a file that does not exist: ${path}`);
  appendFileSync(path, text, 'utf8');
  return true;
}
