import { input } from '@shipgate/kit';

export const evidenceGateInputs = {
  mode: input.choice(['gate', 'verify'], { default: 'gate' }),
  reports: input.list(),
  thresholds: input.text({ multiline: true }),
  'thresholds-file': input.file(),
  lighthouserc: input.file(),
  required: input.list(),
  // Short SHAs are taken too (the evidence names its commit in full; a prefix matches it), as are SHA-256 ones.
  commit: input.custom({
    expected: 'a commit SHA (7 to 64 hex digits)',
    read: (text) => (/^[0-9a-f]{7,64}$/i.test(text) ? text.toLowerCase() : undefined),
  }),
  // Infinity for `none`: no age limit.
  'max-age': input.duration({ days: true, none: true, maxMs: 3650 * 86_400_000 }),
  // gate: the file to write; verify: the file to check, which must exist (the action's check says so).
  manifest: input.outputFile(),
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
