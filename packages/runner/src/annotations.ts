import { isAbsolute, relative, sep } from 'node:path';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** An annotation as the runner records it, after its validation and repair of the location. */
export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

/** ExecutionContext's _maxIssueMessageLength. */
export const maxAnnotationMessage = 4096;

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[+-]?\d+\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

/**
 * Builds an annotation from a command's properties as the runner does (ValidateLinesAndColumns): invalid
 * combinations are repaired, not rejected; a file inside the workspace becomes workspace-relative with `/`.
 */
export function toAnnotation(
  level: AnnotationLevel,
  message: string,
  properties: Record<string, string>,
  workspace: string,
): Annotation {
  let line = integer(properties.line);
  let endLine = integer(properties.endline);
  let col = integer(properties.col);
  let endColumn = integer(properties.endcolumn);
  if (endLine !== undefined && line === undefined) line = endLine;
  if (endColumn !== undefined && col === undefined) col = endColumn;
  const hasColumn = col !== undefined || endColumn !== undefined;
  if (line === undefined && hasColumn) {
    col = undefined;
    endColumn = undefined;
  }
  if (endLine !== undefined && line !== endLine && hasColumn) {
    col = undefined;
    endColumn = undefined;
  }
  if (endLine !== undefined && line !== undefined && endLine < line) endLine = undefined;
  if (endColumn !== undefined && col !== undefined && endColumn < col) endColumn = undefined;

  const annotation: Annotation = { level, message: message.slice(0, maxAnnotationMessage) };
  if (properties.title !== undefined) annotation.title = properties.title;
  if (properties.file !== undefined) annotation.file = workspaceRelative(properties.file, workspace);
  if (line !== undefined) annotation.line = line;
  if (endLine !== undefined) annotation.endLine = endLine;
  if (col !== undefined) annotation.col = col;
  if (endColumn !== undefined) annotation.endColumn = endColumn;
  return annotation;
}

function workspaceRelative(file: string, workspace: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(workspace, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return file;
  return inside.split(sep).join('/');
}

/** `path:line:col` (as much as is known), the way the CLI and test messages point at an annotation. */
export function annotationLocation(annotation: Annotation): string {
  if (!annotation.file) return '';
  let location = annotation.file;
  if (annotation.line !== undefined) {
    location += `:${annotation.line}`;
    if (annotation.col !== undefined) location += `:${annotation.col}`;
  }
  return location;
}
