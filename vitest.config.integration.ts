import { defineConfig } from 'vitest/config';
import { scaledTimeout } from './test/harness/timeouts';

export default defineConfig({
  test: {
    reporters: ['default', ['./test/setup/tally-reporter.ts', { label: 'integration' }]],
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/node24.ts'],
    // One factor a slow CI machine sets (SHIPGATE_TEST_TIMEOUT_FACTOR) scales every limit.
    testTimeout: scaledTimeout(120_000),
    hookTimeout: scaledTimeout(120_000),
  },
});
