import { defineConfig } from 'vitest/config';

// One factor a slow CI machine sets scales every limit (test/harness/timeouts.ts reads it the same way for
// the tests' own 'promptly' limits); read here without an import, which Vite's config loader handles badly.
const factor = Math.max(1, Number(process.env.SHIPGATE_TEST_TIMEOUT_FACTOR) || 1);

export default defineConfig({
  test: {
    reporters: ['default', ['./test/setup/tally-reporter.ts', { label: 'integration' }]],
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/node24.ts'],
    testTimeout: 120_000 * factor,
    hookTimeout: 120_000 * factor,
  },
});
