import { defineConfig } from 'vitest/config';
import { scaledTimeout } from './test/harness/timeouts';

// Unit tests live beside the code; integration tests (bundled actions run as the runner runs them)
// live in test/ and have their own config.
export default defineConfig({
  test: {
    reporters: ['default', ['./test/setup/tally-reporter.ts', { label: 'unit' }]],
    include: ['packages/*/test/**/*.test.ts', 'actions/*/test/**/*.test.ts'],
    // Fixture projects hold tests that fail on purpose; they are run by their own generators, never here.
    exclude: ['**/node_modules/**', '**/test/fixtures/**'],
    // One factor a slow CI machine sets (SHIPGATE_TEST_TIMEOUT_FACTOR) scales every limit.
    testTimeout: scaledTimeout(20_000),
    hookTimeout: scaledTimeout(20_000),
  },
});
