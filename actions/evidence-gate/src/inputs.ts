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

/** What the action writes, as action.yml declares it. */
export const evidenceGateOutputs = {
  verdict: 'text',
  manifest: 'text',
  'manifest-sha256': 'text',
  reports: 'number',
  passed: 'number',
  failed: 'number',
  skipped: 'number',
  flaky: 'number',
  reasons: 'json',
} as const;
