// Vitest's JSON reporter (the Jest-compatible shape): testResults[] per file, assertionResults[] per test.
import type { TestCase, TestReport, TestStatus } from '../types';
import { ReportParseError } from '../types';
import { failurePosition, summariseFailure } from './failure-text';
import {
  asArray,
  asNumber,
  asString,
  isObject,
  isoTime,
  type Json,
  kindOf,
  readJson,
  withDefined,
} from './json-value';
import {
  guessProjectRoot,
  isAbsolutePath,
  type ParseOptions,
  relativeTo,
  rootHolding,
  toSlashes,
} from './paths';
import { addFailure, testCase } from './test-case';

/**
 * Vitest writes `pending` for tests that never finished and for `.only` leftovers, `todo` for todos;
 * both count as skipped. Anything unknown counts as failed: evidence that cannot be read is no pass.
 */
function statusOf(status: unknown, failureMessages: readonly unknown[]): TestStatus {
  switch (status) {
    case 'passed':
      // Vitest keeps the errors of failed attempts on a test that passed on retry.
      return failureMessages.length > 0 ? 'flaky' : 'passed';
    case 'failed':
      return 'failed';
    case 'skipped':
    case 'pending':
    case 'todo':
      return 'skipped';
    default:
      return 'failed';
  }
}

/**
 * The project directory: given, else the prefix before `/node_modules/` in a stack frame (Vitest's own
 * runner frames sit in the project's node_modules), else the test files' common directory.
 */
function projectRoot(files: Json[], options: ParseOptions): string | undefined {
  const names = files.map((file) => asString(file.name)).filter((name): name is string => !!name);
  const absolute = names.filter(isAbsolutePath).map(toSlashes);
  if (absolute.length === 0) return options.root;
  const given = rootHolding(options.root, absolute);
  if (given) return given;
  for (const file of files) {
    const results = asArray(file.assertionResults);
    for (const result of results) {
      const messages = isObject(result) ? asArray(result.failureMessages) : [];
      for (const message of messages) {
        if (typeof message !== 'string') continue;
        const match = /(?:file:\/\/)?((?:[A-Za-z]:)?\/[^\s()'"`]*?)\/node_modules\//.exec(toSlashes(message));
        const root = match?.[1];
        if (root && absolute.every((name) => name.startsWith(`${root}/`))) return root;
      }
    }
  }
  return guessProjectRoot(absolute);
}

/** Describe blocks and title joined as the tools print them: `outer › inner › title`. */
function joinTitles(ancestors: unknown, title: string): string {
  if (!Array.isArray(ancestors)) return title;
  let name = '';
  for (const ancestor of ancestors) if (typeof ancestor === 'string') name += `${ancestor} › `;
  return name + title;
}

/** A Vitest JSON report already parsed, as the normalised test report. */
export function vitestFromJson(path: string, report: unknown, options: ParseOptions = {}): TestReport {
  if (!isObject(report))
    throw new ReportParseError(path, `Vitest report is ${kindOf(report)}, not an object`);
  if (!Array.isArray(report.testResults)) {
    throw new ReportParseError(
      path,
      `Vitest report without a testResults array (found ${kindOf(report.testResults)})`,
    );
  }
  const files = report.testResults.filter(isObject);
  const root = projectRoot(files, options);
  const tests: TestCase[] = [];
  for (const file of files) {
    const name = asString(file.name);
    const relative = name === undefined ? undefined : relativeTo(name, root);
    const results = asArray(file.assertionResults);
    let failedTests = 0;
    for (const result of results) {
      if (!isObject(result)) continue;
      const failureMessages = asArray(result.failureMessages);
      const status = statusOf(result.status, failureMessages);
      if (status === 'failed') failedTests++;
      const title = asString(result.title) ?? asString(result.fullName) ?? '';
      const location = isObject(result.location) ? result.location : undefined;
      const test = testCase(joinTitles(result.ancestorTitles, title), status, {
        file: relative,
        line: asNumber(location?.line),
        column: asNumber(location?.column),
        durationMs: asNumber(result.duration),
      });
      if (status === 'failed' || status === 'flaky') {
        const first = asString(failureMessages[0]);
        addFailure(test, summariseFailure(first), failurePosition(first, name));
      }
      tests.push(test);
    }
    // A file that failed outside any test (an import error, a failing hook) has status failed and a message;
    // it must fail the evidence even when no test inside it did, so it becomes a failed case of its own.
    const message = asString(file.message);
    if (file.status === 'failed' && failedTests === 0) {
      const test = testCase(`${relative ?? 'test file'} (failed outside any test)`, 'failed', {
        file: relative,
      });
      tests.push(
        addFailure(test, summariseFailure(message) ?? 'the file failed outside any test', undefined),
      );
    }
  }
  return withDefined<TestReport>(
    { kind: 'tests', format: 'vitest-json', tool: 'vitest', tests },
    { startedAt: isoTime(asNumber(report.startTime)) },
  );
}

/** Parses a Vitest JSON report (`--reporter=json`). */
export function parseVitestJson(path: string, text: string, options: ParseOptions = {}): TestReport {
  return vitestFromJson(path, readJson(path, text), options);
}
