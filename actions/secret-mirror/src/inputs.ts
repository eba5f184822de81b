import { flyAppName } from '@shipgate/fly/input-forms';
import { environmentName, repositoryName } from '@shipgate/github/input-forms';
import { grammar, input } from '@shipgate/kit';

/** A mirror's name, or a glob of names. */
const nameGlob = grammar(/^[A-Za-z0-9._*?-]+$/, 'a mirror name or glob (letters, digits, ., _, -, * and ?)');
/** A secret's name, or a glob of names: what GitHub and Fly take as secret names, with * and ?. */
const secretGlob = grammar(/^[A-Za-z0-9_*?]+$/, 'a secret name or glob (letters, digits, _, * and ?)');

export const secretMirrorInputs = {
  config: input.file(),
  mirrors: input.list({ item: nameGlob }),
  sources: input.list(),
  include: input.list({ item: secretGlob }),
  exclude: input.list({ item: secretGlob }),
  'github-environment': input.text({ grammar: environmentName }),
  'create-environment': input.boolean({ default: 'false' }),
  'fly-app': input.text({ grammar: flyAppName }),
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
  repository: input.text({ grammar: repositoryName }),
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
