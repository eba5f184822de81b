import { input } from '@shipgate/kit';

/** Where the policy is looked for, relative to `path`; when it is absent the presets apply. */
export const defaultPolicyFile = '.github/stack-guard.yml';

export const stackGuardInputs = {
  // An explicit policy that is missing is an input error, even with a preset; only the default may be absent.
  policy: input.file({ default: defaultPolicyFile, relativeTo: 'path' }),
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
