import { defineConfig } from 'vitest/config';

// Unit tests live beside the code; integration tests (bundled actions run as the runner runs them)
// live in test/ and have their own config.
// One factor a slow CI machine sets scales every limit (test/harness/timeouts.ts reads it the same way for
// the tests' own 'promptly' limits); read here without an import, which Vite's config loader handles badly.
const factor = Math.max(1, Number(process.env.SHIPGATE_TEST_TIMEOUT_FACTOR) || 1);

export default defineConfig({
  test: {
    reporters: ['default', ['./test/setup/tally-reporter.ts', { label: 'unit' }]],
    include: ['packages/*/test/**/*.test.ts', 'actions/*/test/**/*.test.ts'],
    // Fixture projects hold tests that fail on purpose; they are run by their own generators, never here.
    exclude: ['**/node_modules/**', '**/test/fixtures/**'],
    testTimeout: 20_000 * factor,
    hookTimeout: 20_000 * factor,
  },
});
