// A suite that passes by skipping proves nothing. This reporter fails the run when any test was skipped or
// marked todo, and says which: a test whose tool is missing must fail, not skip.
import type { Reporter, TestModule } from 'vitest/node';

export default class NoSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    // A filtered run (-t, a file argument) skips on purpose; only whole runs are judged.
    if (process.argv.some((arg) => arg === '-t' || arg.startsWith('--testNamePattern'))) return;
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'skipped' || state === 'pending') skipped.push(`${module.moduleId}: ${test.fullName}`);
      }
    }
    if (skipped.length > 0) {
      console.error(
        `\n${skipped.length} tests were skipped, which CI does not accept:\n  ${skipped.join('\n  ')}`,
      );
      process.exitCode = 1;
    }
  }
}
