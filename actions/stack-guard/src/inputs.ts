import { input } from '@shipgate/kit';

export const stackGuardInputs = {
  policy: input.text({ default: '.github/stack-guard.yml' }),
  preset: input.list(),
  scope: input.choice(['auto', 'pull-request', 'full', 'history'], { default: 'auto' }),
  path: input.folder({ default: '.' }),
  base: input.text(),
  head: input.text(),
  'fail-on': input.choice(['error', 'warning', 'note', 'none'], { default: 'error' }),
  'sarif-file': input.outputFile(),
  'report-file': input.outputFile(),
  'write-baseline': input.outputFile(),
};

/** What the action writes, as action.yml declares it. */
export const stackGuardOutputs = {
  errors: 'number',
  warnings: 'number',
  notes: 'number',
  'sarif-file': 'text',
  'report-file': 'text',
  report: 'json',
} as const;
