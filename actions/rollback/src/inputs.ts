import { input } from '@shipgate/kit';

export const rollbackInputs = {
  app: input.text(),
  'record-file': input.text(),
  image: input.text(),
  force: input.boolean({ default: 'false' }),
  strategy: input.choice(['rolling', 'immediate', 'bluegreen', 'canary'], { default: 'rolling' }),
  'max-unavailable': input.text({ default: '0.33' }),
  'wait-timeout': input.text({ default: '5m' }),
  'fly-api-token': input.secret(),
  'github-token': input.secret(),
  'github-environment': input.text(),
  commit: input.text(),
  'api-url': input.url({ default: 'https://api.machines.dev' }),
  'app-url': input.url(),
  'record-out-file': input.text(),
};

export const rollbackOutputs = [
  'release-id',
  'outcome',
  'image',
  'previous-image',
  'machines',
  'app-url',
  'record-file',
  'record',
] as const;
