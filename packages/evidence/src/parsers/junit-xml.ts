// JUnit XML as Vitest, Playwright and most other runners write it: <testsuites> (or a single <testsuite>),
// suites possibly nested, <testcase> with <failure>/<error> (failed), <skipped/>, and Surefire's
// <flakyFailure>/<flakyError> (failed, then passed on a rerun: Playwright writes them with includeRetries).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TestCase, TestReport, TestStatus } from '../types';
import { ReportParseError } from '../types';
import { xmlRootName } from './detect';
import { failurePosition, summariseFailure } from './failure-text';
import { asArray, isObject, type Json, withDefined } from './json-value';
import { toSlashes } from './paths';
import { addFailure, testCase } from './test-case';

const repeated = new Set([
  'testsuite',
  'testcase',
  'property',
  'failure',
  'error',
  'skipped',
  'flakyFailure',
  'flakyError',
  'rerunFailure',
  'rerunError',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && repeated.has(name),
});

const attr = (node: Json, name: string): string | undefined => {
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : undefined;
};

/** The text of an element that may be a bare string or an object with attributes and text. */
const textOf = (node: unknown): string | undefined =>
  typeof node === 'string'
    ? node
    : isObject(node) && typeof node['#text'] === 'string'
      ? node['#text']
      : undefined;

// A classname names a file when it has a slash or a source extension; Java-style `com.shop.CartTest` does not.
const fileLike = /\/|\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|cs|php|feature|vue|svelte)$/;

const commitProperties = ['commit', 'git.commit', 'vcs.revision', 'revision'];

function commitOf(node: Json): string | undefined {
  const properties = isObject(node.properties) ? asArray(node.properties.property) : [];
  for (const property of properties) {
    if (!isObject(property)) continue;
    const name = attr(property, 'name');
    const value = (attr(property, 'value') ?? textOf(property))?.trim();
    if (name && commitProperties.includes(name) && value) return value;
  }
  return undefined;
}

interface Walk {
  tool: string;
  tests: TestCase[];
  earliest?: { time: number; text: string };
  commit?: string;
}

function caseStatus(testcase: Json): { status: TestStatus; problem?: unknown } {
  const failure = asArray(testcase.failure)[0] ?? asArray(testcase.error)[0];
  if (failure !== undefined) return { status: 'failed', problem: failure };
  if (asArray(testcase.skipped).length > 0) return { status: 'skipped' };
  const flaky = asArray(testcase.flakyFailure)[0] ?? asArray(testcase.flakyError)[0];
  if (flaky !== undefined) return { status: 'flaky', problem: flaky };
  return { status: 'passed' };
}

function addCase(walk: Walk, testcase: Json, suite: Json): void {
  const { status, problem } = caseStatus(testcase);
  const rawName = attr(testcase, 'name') ?? '';
  // Vitest joins describe blocks with ' > ' here and ' › ' elsewhere; one spelling keeps names comparable.
  const name = walk.tool === 'vitest' ? rawName.split(' > ').join(' › ') : rawName;
  const fileAttribute = attr(testcase, 'file');
  const classname = attr(testcase, 'classname');
  const file =
    fileAttribute !== undefined
      ? toSlashes(fileAttribute)
      : classname && fileLike.test(classname)
        ? toSlashes(classname)
        : undefined;
  const seconds = Number(attr(testcase, 'time'));
  const line = Number(attr(testcase, 'line'));
  const test = testCase(name, status, {
    file,
    line: Number.isInteger(line) && line > 0 ? line : undefined,
    project: walk.tool === 'playwright' ? attr(suite, 'hostname') || undefined : undefined,
    durationMs: attr(testcase, 'time') !== undefined && Number.isFinite(seconds) ? seconds * 1000 : undefined,
  });
  if (problem !== undefined) {
    const body = textOf(problem);
    const message = isObject(problem) ? attr(problem, 'message') : undefined;
    const position = failurePosition(body, file);
    addFailure(test, summariseFailure(message) ?? summariseFailure(body), position);
  }
  walk.tests.push(test);
}

function walkSuite(walk: Walk, suite: Json): void {
  const timestamp = attr(suite, 'timestamp');
  if (timestamp) {
    const time = Date.parse(timestamp);
    if (!Number.isNaN(time) && (walk.earliest === undefined || time < walk.earliest.time)) {
      // JUnit timestamps often carry no zone; those are kept as written rather than guessed into UTC.
      const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(timestamp);
      walk.earliest = { time, text: zoned ? new Date(time).toISOString() : timestamp };
    }
  }
  walk.commit ??= commitOf(suite);
  for (const testcase of asArray(suite.testcase)) if (isObject(testcase)) addCase(walk, testcase, suite);
  for (const child of asArray(suite.testsuite)) if (isObject(child)) walkSuite(walk, child);
}

/**
 * The producing tool, only where its output is unmistakable: Vitest names the root "vitest tests";
 * Playwright writes an `id` and a `skipped` count on the root and the project as each suite's hostname.
 */
function toolOf(root: Json, rootName: string): string {
  if (rootName === 'testsuites' && attr(root, 'name') === 'vitest tests') return 'vitest';
  const suites = asArray(root.testsuite).filter(isObject);
  if (
    rootName === 'testsuites' &&
    attr(root, 'id') !== undefined &&
    attr(root, 'skipped') !== undefined &&
    suites.length > 0 &&
    suites.every((suite) => attr(suite, 'hostname') !== undefined && attr(suite, 'timestamp') !== undefined)
  ) {
    return 'playwright';
  }
  return 'junit';
}

/** Parses a JUnit XML report (Vitest, Playwright, or any runner writing the common JUnit shape). */
export function parseJunitXml(path: string, text: string): TestReport {
  if (text.trim() === '') throw new ReportParseError(path, 'empty file');
  const rootName = xmlRootName(text);
  if (rootName === undefined) throw new ReportParseError(path, 'not JSON or XML');
  if (rootName !== 'testsuites' && rootName !== 'testsuite') {
    throw new ReportParseError(
      path,
      `not a Vitest, Playwright, Lighthouse, istanbul or JUnit report (XML root <${rootName}>)`,
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    if (!new RegExp(`</${rootName}\\s*>\\s*(?:<!--[\\s\\S]*?-->\\s*)*$`).test(text)) {
      throw new ReportParseError(path, `truncated XML: the file ends before </${rootName}>`);
    }
    throw new ReportParseError(path, `not well-formed XML (${valid.err.msg}, line ${valid.err.line})`);
  }
  const document = parser.parse(text) as Json;
  // A <testsuite> root comes back as a one-element array, like every testsuite.
  const parsedRoot = asArray(document[rootName])[0] ?? document[rootName];
  const root: Json = isObject(parsedRoot) ? parsedRoot : {};
  const walk: Walk = { tool: toolOf(root, rootName), tests: [] };
  walk.commit = commitOf(root);
  if (rootName === 'testsuite') walkSuite(walk, root);
  else for (const suite of asArray(root.testsuite)) if (isObject(suite)) walkSuite(walk, suite);
  return withDefined<TestReport>(
    { kind: 'tests', format: 'junit-xml', tool: walk.tool, tests: walk.tests },
    { startedAt: walk.earliest?.text, commit: walk.commit },
  );
}
