import { input } from '@shipgate/kit';

export const stackGuardInputs = {
  policy: input.text({ default: '.github/stack-guard.yml' }),
  preset: input.list(),
  scope: input.choice(['auto', 'pull-request', 'full', 'history'], { default: 'auto' }),
  path: input.text({ default: '.' }),
  base: input.text(),
  head: input.text(),
  'fail-on': input.choice(['error', 'warning', 'note', 'none'], { default: 'error' }),
  'sarif-file': input.text(),
  'report-file': input.text(),
  'write-baseline': input.text(),
};

export const stackGuardOutputs = [
  'errors',
  'warnings',
  'notes',
  'sarif-file',
  'report-file',
  'report',
] as const;
