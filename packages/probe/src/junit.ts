// JUnit XML, the format every test reporter reads (dorny/test-reporter, mikepenz/action-junit-report,
// GitLab, Jenkins): one <testcase> per check, a <failure> with the reason when it failed.
import type { CheckReport, ProbeReport } from './probe';

export interface JUnitOptions {
  /** The suite's name; also each test case's classname. */
  suite?: string;
}

/** The report as a JUnit XML document. */
export function toJUnit(report: ProbeReport, options: JUnitOptions = {}): string {
  const suite = options.suite ?? 'smoke-test';
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const cases = report.checks.map((check) => testCase(check, suite, seconds));
  const properties = [
    property('repeat', String(report.repeat)),
    ...(report.latency
      ? [
          property('latency.p50.ms', String(report.latency.p50)),
          property('latency.p95.ms', String(report.latency.p95)),
          property('latency.max.ms', String(report.latency.max)),
        ]
      : []),
    ...(report.ready
      ? [property('ready', String(report.ready.ready)), property('ready.ms', String(report.ready.ms))]
      : []),
  ];
  const counts = `tests="${report.counts.checks}" failures="${report.counts.failed}" errors="0" skipped="0"`;
  const time = `time="${seconds(report.durationMs)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(suite)}" ${counts} ${time}>`,
    `  <testsuite name="${attr(suite)}" ${counts} ${time} timestamp="${attr(report.startedAt.replace(/\.\d+Z$/, ''))}">`,
    '    <properties>',
    ...properties.map((line) => `      ${line}`),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testCase(check: CheckReport, suite: string, seconds: (ms: number) => string): string {
  const total = check.attempts.reduce((sum, attempt) => sum + (attempt.latencyMs ?? 0), 0);
  const open = `    <testcase classname="${attr(suite)}" name="${attr(check.name)}" time="${seconds(total)}"`;
  const out = check.attempts
    .map((attempt, index) => {
      const head = `#${index + 1} ${check.method} ${check.url}`;
      if (attempt.fault) return `${head}: ${attempt.fault.message}`;
      const verdict = attempt.passed ? 'ok' : attempt.failures.join('; ');
      return `${head}: ${attempt.status} in ${attempt.latencyMs} ms: ${verdict}`;
    })
    .join('\n');
  const systemOut = `      <system-out>${text(out)}</system-out>`;
  if (check.passed) return `${open}>\n${systemOut}\n    </testcase>`;
  const type = check.attempts.find((attempt) => attempt.fault)?.fault?.kind ?? 'expectation';
  const reason = check.reason ?? 'failed';
  return [
    `${open}>`,
    `      <failure message="${attr(reason)}" type="${attr(type)}">${text(`${reason}\nexpected: ${check.expects.join('; ')}`)}</failure>`,
    systemOut,
    '    </testcase>',
  ].join('\n');
}

function property(name: string, value: string): string {
  return `<property name="${attr(name)}" value="${attr(value)}"/>`;
}

/** Characters XML 1.0 cannot hold at all (control characters other than tab, LF, CR; lone surrogates). */
const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 cannot hold.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string): string {
  return value
    .replace(forbidden, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
