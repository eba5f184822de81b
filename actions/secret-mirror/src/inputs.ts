import { input } from '@shipgate/kit';

export const secretMirrorInputs = {
  config: input.file(),
  mirrors: input.list(),
  sources: input.list(),
  include: input.list(),
  exclude: input.list(),
  'github-environment': input.text(),
  'create-environment': input.boolean({ default: 'false' }),
  'fly-app': input.text(),
  'dry-run': input.boolean({ default: 'false' }),
  rotate: input.boolean({ default: 'false' }),
  prune: input.boolean({ default: 'false' }),
  'on-drift': input.choice(['rewrite', 'report'], { default: 'rewrite' }),
  verify: input.boolean({ default: 'true' }),
  'max-age-days': input.integer({ min: 1, max: 3650 }),
  'fail-on-overdue': input.boolean({ default: 'false' }),
  'restart-fly-machines': input.boolean({ default: 'false' }),
  'digest-key': input.secret(),
  'github-token': input.token(),
  'github-api-url': input.url(),
  repository: input.text(),
  'fly-api-token': input.token(),
  'fly-api-url': input.url({ default: 'https://api.machines.dev' }),
  'report-file': input.outputFile(),
};

/** What the action writes, as action.yml declares it. */
export const secretMirrorOutputs = {
  plan: 'json',
  created: 'number',
  updated: 'number',
  unchanged: 'number',
  deleted: 'number',
  drift: 'number',
  writes: 'number',
  overdue: 'number',
  'report-file': 'text',
} as const;
