// Two jobs for every whole test run:
// - A suite that passes by skipping proves nothing: the run fails when any test was skipped or marked todo,
//   and says which. A test whose tool is missing must fail, not skip.
// - CI reads a run's closing line to know tests ran: print "<label>: N passed, M failed" alone on a line,
//   and, when SHIPGATE_TEST_TALLY names a file, append the counts there so .ci/run can print the total.
import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export interface TallyReporterOptions {
  label?: string;
}

export default class TallyReporter implements Reporter {
  private readonly label: string;

  constructor(options: TallyReporterOptions = {}) {
    this.label = options.label ?? 'tests';
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of testModules) {
      // A module that failed to load has no tests, and must still count as a failure.
      if (module.state() === 'failed' && module.children.size === 0) failed += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped.push(`${module.moduleId}: ${test.fullName}`);
      }
    }
    // A filtered run (-t, a file argument) skips on purpose; only whole runs are judged for skips.
    const filtered = process.argv.some((arg) => arg === '-t' || arg.startsWith('--testNamePattern'));
    if (skipped.length > 0 && !filtered) {
      console.error(
        `\n${skipped.length} tests were skipped, which CI does not accept:\n  ${skipped.join('\n  ')}`,
      );
      process.exitCode = 1;
    }
    const skippedPart = skipped.length > 0 ? `, ${skipped.length} skipped` : '';
    console.log(`\n${this.label}: ${passed} passed, ${failed} failed${skippedPart}`);
    const tally = process.env.SHIPGATE_TEST_TALLY;
    if (tally) appendFileSync(tally, `${passed} ${failed} ${skipped.length}\n`);
  }
}
