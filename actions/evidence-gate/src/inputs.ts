import { input } from '@shipgate/kit';

export const evidenceGateInputs = {
  mode: input.choice(['gate', 'verify'], { default: 'gate' }),
  reports: input.list(),
  thresholds: input.text(),
  'thresholds-file': input.text(),
  lighthouserc: input.text(),
  required: input.list(),
  commit: input.text(),
  'max-age': input.text(),
  manifest: input.text(),
};

export const evidenceGateOutputs = [
  'verdict',
  'manifest',
  'manifest-sha256',
  'reports',
  'passed',
  'failed',
  'skipped',
  'flaky',
  'reasons',
] as const;
