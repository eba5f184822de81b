import { input } from '@shipgate/kit';

export const smokeTestInputs = {
  'base-url': input.url(),
  paths: input.list(),
  checks: input.text(),
  'checks-file': input.file(),
  headers: input.secret(),
  'header-origins': input.list(),
  'header-env': input.list(),
  machine: input.text(),
  repeat: input.integer({ default: '3', min: 1, max: 100 }),
  'ready-timeout': input.integer({ default: '60', min: 0, max: 3600 }),
  'ready-path': input.text(),
  'timeout-ms': input.integer({ default: '10000', min: 100, max: 600_000 }),
  'follow-redirects': input.boolean({ default: 'true' }),
  'max-redirects': input.integer({ default: '5', min: 0, max: 50 }),
  'max-body-bytes': input.integer({ default: '1048576', min: 1024, max: 104_857_600 }),
  'tls-min-days': input.integer({ default: '7', min: 0, max: 3650 }),
  'ca-file': input.file(),
  'junit-file': input.outputFile(),
  'report-file': input.outputFile(),
};

/** What the action writes, as action.yml declares it. */
export const smokeTestOutputs = {
  passed: 'number',
  failed: 'number',
  'p95-ms': 'text',
  'ready-ms': 'text',
  report: 'json',
  'report-file': 'text',
  'junit-file': 'text',
} as const;
