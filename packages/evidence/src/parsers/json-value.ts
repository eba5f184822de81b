// Reading untyped report JSON: parse with reasons a gate can print, and tolerant accessors that ignore
// whatever a tool adds that shipgate does not read.
import { ReportParseError } from '../types';
import { endsInsideJson } from './json-scan';

export type Json = Record<string, unknown>;

/** Parses report text, throwing ReportParseError with a plain reason: empty, truncated or not JSON. */
export function readJson(path: string, text: string): unknown {
  if (text.trim() === '') throw new ReportParseError(path, 'empty file');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    if (endsInsideJson(text))
      throw new ReportParseError(path, 'truncated JSON: the file ends inside an object');
    const detail = error instanceof Error ? error.message : String(error);
    throw new ReportParseError(path, `not valid JSON (${detail})`);
  }
}

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);

export const asNumber = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export const asArray = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/** A short description of a value's type for error messages. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Copies the defined properties of `fields` onto `target`: optional fields are absent rather than
 * undefined, so reports compare and serialise cleanly (without `delete`, which slows big arrays of objects).
 */
export function withDefined<T extends object>(target: T, fields: Partial<T>): T {
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) target[key] = value as T[typeof key];
  }
  return target;
}

/** An ISO time from epoch milliseconds or a date string, when it names a real time. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
