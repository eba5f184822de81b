import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['./test/setup/tally-reporter.ts', { label: 'integration' }]],
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/node24.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
