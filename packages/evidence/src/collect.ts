// Finds the report files a gate reads, and reads each once: bytes, SHA-256, format, parsed report.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { detectFormat } from './parsers/detect';
import { parseReport } from './parsers/index';
import type { EvidenceKind, EvidenceReport, ReportFormat } from './types';

export interface EvidenceFile {
  /** Relative to the root (the workspace), with forward slashes: how the manifest names it. */
  path: string;
  absolutePath: string;
  bytes: number;
  sha256: string;
  format?: ReportFormat;
  kind?: EvidenceKind;
  report?: EvidenceReport;
  /** Why the file is not usable evidence: empty, truncated, not a report. */
  error?: string;
  /** ISO time of the run the report records, else the file's modification time. */
  date?: string;
  datedBy?: 'report' | 'file';
}

export interface CollectedEvidence {
  files: EvidenceFile[];
  /** Files found through a folder or a glob that hold no known report (LHCI's links.json, say). */
  skipped: string[];
  /** Patterns that matched no file. */
  unmatched: string[];
}

export const kindOfFormat: Record<ReportFormat, EvidenceKind> = {
  'vitest-json': 'tests',
  'playwright-json': 'tests',
  'junit-xml': 'tests',
  'lighthouse-json': 'lighthouse',
  'coverage-summary': 'coverage',
};

/**
 * `patterns` are files, folders (every .json and .xml below them, as in an LHCI `.lighthouseci/` folder) and
 * globs, relative to `root`; a leading `!` excludes. A file named exactly must be a report; a file found by a
 * folder or glob that is not one is skipped and listed.
 */
export async function collectEvidence(
  patterns: ReadonlyArray<string>,
  root: string,
): Promise<CollectedEvidence> {
  const excludes = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  const explicit = new Set<string>();
  const found = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    const absolute = resolve(root, pattern);
    let matches: string[];
    if (!isDynamicPattern(pattern)) {
      const info = await stat(absolute).catch(() => undefined);
      if (info?.isFile()) {
        explicit.add(absolute);
        matches = [absolute];
      } else if (info?.isDirectory()) {
        matches = await glob(['**/*.json', '**/*.xml'], {
          cwd: absolute,
          absolute: true,
          dot: true,
          ignore: ['**/node_modules/**'],
        });
      } else {
        matches = [];
      }
    } else {
      matches = await glob(pattern, { cwd: root, absolute: true, dot: true, ignore: excludes });
    }
    const kept = matches.filter((match) => !excludes.some((exclude) => resolve(root, exclude) === match));
    if (kept.length === 0) unmatched.push(pattern);
    for (const match of kept) found.add(match);
  }

  const files: EvidenceFile[] = [];
  const skipped: string[] = [];
  for (const absolutePath of [...found].sort()) {
    const file = await readEvidenceFile(absolutePath, root, explicit.has(absolutePath));
    if (file) files.push(file);
    else skipped.push(displayPath(root, absolutePath));
  }
  return { files, skipped, unmatched };
}

/** Reads and parses one file; undefined when `mustBeReport` is false and the file is some other JSON or XML. */
export async function readEvidenceFile(
  absolutePath: string,
  root: string,
  mustBeReport = true,
): Promise<EvidenceFile | undefined> {
  const [buffer, info] = await Promise.all([readFile(absolutePath), stat(absolutePath)]);
  const file: EvidenceFile = {
    path: displayPath(root, absolutePath),
    absolutePath,
    bytes: buffer.length,
    sha256: createHash('sha256').update(buffer).digest('hex'),
  };
  const text = buffer.toString('utf8');
  if (!mustBeReport && text.trim() !== '' && detectFormat(text) === undefined && isWellFormed(text))
    return undefined;
  try {
    const report = parseReport(file.path, text, { root });
    file.report = report;
    file.format = report.format;
    file.kind = kindOfFormat[report.format];
    if (report.startedAt && !Number.isNaN(Date.parse(report.startedAt))) {
      file.date = new Date(report.startedAt).toISOString();
      file.datedBy = 'report';
    }
  } catch (thrown) {
    file.error = reasonOf(thrown, file.path);
    const format = detectFormat(text);
    if (format) {
      file.format = format;
      file.kind = kindOfFormat[format];
    }
  }
  if (!file.date) {
    file.date = info.mtime.toISOString();
    file.datedBy = 'file';
  }
  return file;
}

function reasonOf(thrown: unknown, path: string): string {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

/** Other JSON or XML (not truncated, not garbage): safe to skip when it was not named. */
function isWellFormed(text: string): boolean {
  const trimmed = text.trimStart().replace(/^\uFEFF/, '');
  if (trimmed.startsWith('<')) return trimmed.trimEnd().endsWith('>');
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

export function displayPath(root: string, absolute: string): string {
  const inside = relative(resolve(root), absolute);
  if (inside && !inside.startsWith('..') && !isAbsolute(inside)) return inside.split(sep).join('/');
  return absolute.split(sep).join('/');
}
