// Building TestCase objects on the hot path of a 20,000-test report: fields assigned directly and only when
// known, always in the same order, so every case shares one object shape.
import type { TestCase, TestStatus } from '../types';

export interface CaseFields {
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  project?: string | undefined;
  durationMs?: number | undefined;
}

/** A test case with only its known fields present. */
export function testCase(name: string, status: TestStatus, fields: CaseFields): TestCase {
  const test: TestCase = { name, status };
  if (fields.file !== undefined) test.file = fields.file;
  if (fields.line !== undefined) test.line = fields.line;
  if (fields.column !== undefined) test.column = fields.column;
  if (fields.project !== undefined) test.project = fields.project;
  if (fields.durationMs !== undefined) test.durationMs = fields.durationMs;
  return test;
}

/** Adds what is known of a failure (for failed and flaky cases). */
export function addFailure(
  test: TestCase,
  message: string | undefined,
  position: { line?: number | undefined; column?: number | undefined } | undefined,
): TestCase {
  if (message !== undefined) test.message = message;
  if (position?.line !== undefined) test.failureLine = position.line;
  if (position?.column !== undefined) test.failureColumn = position.column;
  return test;
}
