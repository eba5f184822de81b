// Playwright's JSON reporter: suites (files, then describes) → specs → tests (one per project) → results
// (one per attempt). The test's own status already folds the retries: expected, unexpected, skipped, flaky.
import { posix } from 'node:path';
import type { TestCase, TestReport, TestStatus } from '../types';
import { ReportParseError } from '../types';
import { summariseFailure } from './failure-text';
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
import { isAbsolutePath, type ParseOptions, relativeTo, rootHolding, toSlashes } from './paths';
import { addFailure, testCase } from './test-case';

function statusOf(status: unknown): TestStatus {
  switch (status) {
    case 'expected':
      return 'passed';
    case 'skipped':
      return 'skipped';
    case 'flaky':
      return 'flaky';
    default:
      // 'unexpected', and anything a future Playwright may add: unknown evidence is no pass.
      return 'failed';
  }
}

/**
 * The commit the run names, from whichever metadata wrote it: captureGitInfo (`gitCommit.hash`), the CI
 * info Playwright adds on GitHub, GitLab and Jenkins (`ci.commitHash`), or a user's own metadata keys.
 */
export function commitOf(metadata: unknown): string | undefined {
  if (!isObject(metadata)) return undefined;
  const candidates = [
    isObject(metadata.gitCommit) ? metadata.gitCommit.hash : undefined,
    isObject(metadata.ci) ? metadata.ci.commitHash : undefined,
    metadata['revision.id'],
    metadata.commit,
    metadata.sha,
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
  }
  return undefined;
}

interface Walk {
  /** Spec files are relative to config.rootDir; this maps one to the project-relative path. */
  fileOf: (specFile: string) => string;
  tests: TestCase[];
}

function errorsOf(result: Json): Json[] {
  const errors = asArray(result.errors).filter(isObject);
  return isObject(result.error) ? [result.error, ...errors] : errors;
}

function addTest(walk: Walk, name: string, spec: Json, test: Json, file: string | undefined): void {
  const status = statusOf(test.status);
  const results = asArray(test.results).filter(isObject);
  let durationMs: number | undefined;
  for (const result of results) {
    const duration = asNumber(result.duration);
    if (duration !== undefined) durationMs = (durationMs ?? 0) + duration;
  }
  const entry = testCase(name, status, {
    file,
    line: asNumber(spec.line),
    column: asNumber(spec.column),
    project: asString(test.projectName) || asString(test.projectId) || undefined,
    durationMs,
  });
  if (status === 'failed' || status === 'flaky') {
    // The first attempt that raised an error: for a flaky test the failure before the passing retry.
    const error = results.map(errorsOf).find((errors) => errors.length > 0)?.[0];
    const location = isObject(error?.location) ? error.location : undefined;
    const locationFile = asString(location?.file);
    const here = locationFile !== undefined && file !== undefined && walk.fileOf(locationFile) === file;
    addFailure(
      entry,
      summariseFailure(asString(error?.message) ?? asString(error?.stack) ?? asString(error?.value)),
      here ? { line: asNumber(location?.line), column: asNumber(location?.column) } : undefined,
    );
  }
  walk.tests.push(entry);
}

function walkSuite(walk: Walk, suite: Json, titles: string[], depth: number): void {
  // Top-level suites are files (titled with their path); below them, describe blocks.
  const path = depth === 0 ? titles : [...titles, asString(suite.title) ?? ''];
  for (const spec of asArray(suite.specs)) {
    if (!isObject(spec)) continue;
    const specFile = asString(spec.file) ?? asString(suite.file);
    const file = specFile === undefined ? undefined : walk.fileOf(specFile);
    const name = [...path, asString(spec.title) ?? ''].join(' › ');
    for (const test of asArray(spec.tests)) if (isObject(test)) addTest(walk, name, spec, test, file);
  }
  for (const child of asArray(suite.suites)) if (isObject(child)) walkSuite(walk, child, path, depth + 1);
}

/**
 * Spec paths relative to the project: the directory of the config file (where Playwright runs from) or
 * the given root, joined with config.rootDir (the test directory spec paths are relative to).
 */
function fileMapper(config: Json, options: ParseOptions): (specFile: string) => string {
  const rootDir = asString(config.rootDir);
  const configFile = asString(config.configFile);
  const configDir =
    configFile && isAbsolutePath(configFile) ? posix.dirname(toSlashes(configFile)) : undefined;
  const project = rootHolding(options.root, rootDir ? [rootDir] : []) ?? configDir ?? options.root;
  const cache = new Map<string, string>();
  return (specFile) => {
    const known = cache.get(specFile);
    if (known !== undefined) return known;
    const absolute = isAbsolutePath(specFile)
      ? toSlashes(specFile)
      : rootDir && isAbsolutePath(rootDir)
        ? posix.join(toSlashes(rootDir), toSlashes(specFile))
        : undefined;
    let file = toSlashes(specFile);
    if (absolute !== undefined) {
      file = relativeTo(absolute, project);
      if (file === absolute && rootDir) file = relativeTo(absolute, rootDir);
    }
    cache.set(specFile, file);
    return file;
  };
}

/** A Playwright JSON report already parsed, as the normalised test report (one test per project). */
export function playwrightFromJson(path: string, report: unknown, options: ParseOptions = {}): TestReport {
  if (!isObject(report))
    throw new ReportParseError(path, `Playwright report is ${kindOf(report)}, not an object`);
  if (!Array.isArray(report.suites)) {
    throw new ReportParseError(
      path,
      `Playwright report without a suites array (found ${kindOf(report.suites)})`,
    );
  }
  const stats = report.stats;
  if (
    !isObject(stats) ||
    asNumber(stats.expected) === undefined ||
    asNumber(stats.unexpected) === undefined
  ) {
    throw new ReportParseError(path, 'Playwright report without stats (expected, unexpected counts)');
  }
  const config = isObject(report.config) ? report.config : {};
  const walk: Walk = { fileOf: fileMapper(config, options), tests: [] };
  for (const suite of report.suites) if (isObject(suite)) walkSuite(walk, suite, [], 0);
  // Errors outside any test (a spec that fails to load, a global setup that throws) leave no test to fail,
  // so each becomes a failed case: a report of zero failures must not hide them.
  for (const error of asArray(report.errors)) {
    if (!isObject(error)) continue;
    const location = isObject(error.location) ? error.location : undefined;
    const locationFile = asString(location?.file);
    const file = locationFile === undefined ? undefined : walk.fileOf(locationFile);
    const test = testCase(`${file ?? 'test run'} (error outside any test)`, 'failed', { file });
    addFailure(
      test,
      summariseFailure(asString(error.message) ?? asString(error.stack)) ?? 'an error outside any test',
      { line: asNumber(location?.line), column: asNumber(location?.column) },
    );
    walk.tests.push(test);
  }
  return withDefined<TestReport>(
    { kind: 'tests', format: 'playwright-json', tool: 'playwright', tests: walk.tests },
    { startedAt: isoTime(stats.startTime), commit: commitOf(config.metadata) },
  );
}

/** Parses a Playwright JSON report (`--reporter=json`). */
export function parsePlaywrightJson(path: string, text: string, options: ParseOptions = {}): TestReport {
  return playwrightFromJson(path, readJson(path, text), options);
}
