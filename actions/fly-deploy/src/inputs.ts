import { input } from '@shipgate/kit';

export const flyDeployInputs = {
  app: input.text(),
  image: input.text(),
  config: input.text(),
  strategy: input.choice(['rolling', 'immediate', 'bluegreen', 'canary']),
  'max-unavailable': input.text(),
  'wait-timeout': input.text(),
  env: input.text(),
  memory: input.text(),
  cpus: input.integer({ min: 1, max: 64 }),
  'cpu-kind': input.choice(['shared', 'performance']),
  count: input.integer({ min: 0, max: 1000 }),
  regions: input.list(),
  'process-group': input.text({ default: 'app' }),
  'release-command': input.choice(['run', 'skip'], { default: 'run' }),
  'auto-rollback': input.boolean({ default: 'true' }),
  'fly-api-token': input.secret(),
  'github-token': input.secret(),
  'github-environment': input.text(),
  commit: input.text(),
  'api-url': input.url({ default: 'https://api.machines.dev' }),
  'app-url': input.url(),
  'record-file': input.text(),
};

export const flyDeployOutputs = [
  'release-id',
  'outcome',
  'image',
  'previous-image',
  'machines',
  'app-url',
  'record-file',
  'record',
] as const;
