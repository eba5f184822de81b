import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/setup/no-skips-reporter.ts'],
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/node24.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
