import { flyAppName, flyRegionCode, processGroupName } from '@shipgate/fly/input-forms';
import { releaseOutputKinds } from '@shipgate/fly/outputs';
import { parseMemory } from '@shipgate/fly/units';
import { environmentName } from '@shipgate/github/input-forms';
import { input } from '@shipgate/kit';

export const flyDeployInputs = {
  app: input.text({ grammar: flyAppName }),
  image: input.image(),
  config: input.file({ default: 'fly.toml' }),
  strategy: input.choice(['rolling', 'immediate', 'bluegreen', 'canary']),
  'max-unavailable': input.fractionOrCount(),
  'wait-timeout': input.duration(),
  env: input.keyValues(),
  memory: input.custom({
    expected: 'a memory size such as 512mb, 1gb or 2048 (megabytes), from 128mb to 1tb',
    read: memoryMegabytes,
  }),
  cpus: input.integer({ min: 1, max: 64 }),
  'cpu-kind': input.choice(['shared', 'performance']),
  count: input.integer({ min: 0, max: 1000 }),
  regions: input.list({ item: flyRegionCode }),
  'process-group': input.text({ default: 'app', grammar: processGroupName }),
  'release-command': input.choice(['run', 'skip'], { default: 'run' }),
  'auto-rollback': input.boolean({ default: 'true' }),
  'fly-api-token': input.token({ environment: { variable: 'FLY_API_TOKEN', required: true } }),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: action.yml's default, an expression the runner evaluates
  'github-token': input.token({ default: '${{ github.token }}' }),
  'github-environment': input.text({ grammar: environmentName }),
  commit: input.gitSha(),
  'fly-api-url': input.url({ default: 'https://api.machines.dev' }),
  'api-url': input.alias('fly-api-url'),
  'app-url': input.url(),
  'record-file': input.outputFile(),
};

/** What the action writes, as action.yml declares it. */
export const flyDeployOutputs = releaseOutputKinds;

/** Whole megabytes from 128mb to 1tb, as Fly sizes machines; undefined for anything else. */
export function memoryMegabytes(text: string): number | undefined {
  try {
    const mb = parseMemory(text);
    return Number.isInteger(mb) && mb >= 128 && mb <= 1_048_576 ? mb : undefined;
  } catch {
    return undefined;
  }
}
