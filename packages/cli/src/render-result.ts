import { type Annotation, annotationLocation, type StepLogEntry, type StepResult } from '@shipgate/runner';
import { renderMarkdown } from './render-markdown';
import type { Style } from './style';

const longValue = 100;

/** One annotation as a line: `error  path:line:col  message  [title]`. */
export function formatAnnotation(annotation: Annotation, style: Style): string {
  const paint =
    annotation.level === 'error' ? style.red : annotation.level === 'warning' ? style.yellow : style.blue;
  const level = paint(annotation.level.padEnd(7));
  const location = annotationLocation(annotation);
  const [first = '', ...rest] = annotation.message.split('\n');
  const title = annotation.title ? `  ${style.dim(`[${annotation.title.replace(/\n/g, ' ')}]`)}` : '';
  const head = `${level}  ${location ? `${location}  ` : ''}${first}${title}`;
  return [head, ...rest.map((line) => `         ${line}`)].join('\n');
}

/** One log entry as the terminal shows it; undefined for entries that show nothing (a group's end). */
export function formatEntry(entry: StepLogEntry, style: Style): string | undefined {
  switch (entry.type) {
    case 'line':
    case 'command':
      return entry.text;
    case 'debug':
      return style.dim(`debug  ${entry.text}`);
    case 'group':
      return `\n${style.bold(`▸ ${entry.title}`)}`;
    case 'endgroup':
      return undefined;
    case 'annotation':
      return formatAnnotation(entry.annotation, style);
  }
}

/** An output value for the terminal: long or multi-line values are abbreviated with a hint. */
export function formatOutputValue(value: string): string {
  if (value.length <= longValue && !value.includes('\n')) return value;
  const first = value.split('\n')[0]!.slice(0, 60);
  return `${first}… (${value.length} characters; use --json or --output-file for the whole value)`;
}

/**
 * The human report of a step: its log (unless it was streamed as the action ran), the rendered step summary,
 * the outputs and the verdict.
 */
export function renderResult(
  actionName: string,
  result: StepResult,
  style: Style,
  options: { logStreamed?: boolean } = {},
): string {
  const parts: string[] = [];
  const log = options.logStreamed
    ? []
    : result.entries.map((entry) => formatEntry(entry, style)).filter((line) => line !== undefined);
  if (log.length > 0) parts.push(log.join('\n').replace(/^\n/, ''));
  if (result.summary.trim() !== '') {
    parts.push(
      `${style.dim('──── step summary ────')}\n\n${renderMarkdown(result.summary, { color: style.enabled }).trimEnd()}`,
    );
  }
  const outputs = Object.entries(result.outputs);
  if (outputs.length > 0) {
    const width = Math.max(...outputs.map(([name]) => name.length));
    parts.push(
      [
        style.bold('outputs:'),
        ...outputs.map(
          ([name, value]) => `  ${style.cyan(name.padEnd(width))} = ${formatOutputValue(value)}`,
        ),
      ].join('\n'),
    );
  }
  const verdict =
    result.outcome === 'success'
      ? style.green(`✓ ${actionName} succeeded`)
      : style.red(
          `✗ ${actionName} failed${result.exitCode !== 0 ? ` (exit code ${result.exitCode})` : ''}${result.timedOut ? ', timed out' : ''}`,
        );
  // Not "passed in 1.2s": that reads like a test runner's closing line to whoever scans CI logs for one.
  parts.push(`${verdict} ${style.dim(`· ${(result.durationMs / 1000).toFixed(1)} s`)}`);
  return `${parts.join('\n\n')}\n`;
}
