import { flyMachineId } from '@shipgate/fly/input-forms';
import { grammar, input } from '@shipgate/kit';

/** A path from `/`, or an http(s) URL: no spaces. */
const pathOrUrl = grammar(
  /^(?:\/|https?:\/\/)\S*$/i,
  'a path from / (e.g. /healthz) or an http(s) URL, without spaces',
);
const variableName = grammar(
  /^[A-Za-z_][A-Za-z0-9_]*$/,
  'an environment variable name (letters, digits and _)',
);

export const smokeTestInputs = {
  'base-url': input.url(),
  paths: input.list({ item: pathOrUrl }),
  checks: input.text({ multiline: true }),
  'checks-file': input.file(),
  headers: input.secret({ multiline: true }),
  'header-origins': input.list(),
  'header-env': input.list({ item: variableName }),
  machine: input.text({ grammar: flyMachineId }),
  repeat: input.integer({ default: '3', min: 1, max: 100 }),
  'ready-timeout': input.integer({ default: '60', min: 0, max: 3600 }),
  'ready-path': input.text({ grammar: pathOrUrl }),
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
