import { flyAppName } from '@shipgate/fly/input-forms';
import { releaseOutputKinds } from '@shipgate/fly/outputs';
import { environmentName } from '@shipgate/github/input-forms';
import { input } from '@shipgate/kit';

export const rollbackInputs = {
  app: input.text({ grammar: flyAppName }),
  'record-file': input.file(),
  image: input.image(),
  force: input.boolean({ default: 'false' }),
  strategy: input.choice(['rolling', 'immediate', 'bluegreen', 'canary'], { default: 'rolling' }),
  config: input.file({ default: 'fly.toml' }),
  'max-unavailable': input.fractionOrCount(),
  'wait-timeout': input.duration(),
  'fly-api-token': input.token({ environment: { variable: 'FLY_API_TOKEN', required: true } }),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: action.yml's default, an expression the runner evaluates
  'github-token': input.token({ default: '${{ github.token }}' }),
  'github-environment': input.text({ grammar: environmentName }),
  commit: input.gitSha(),
  'fly-api-url': input.url({ default: 'https://api.machines.dev' }),
  'api-url': input.alias('fly-api-url'),
  'app-url': input.url(),
  'record-out-file': input.outputFile(),
};

/** What the action writes, as action.yml declares it. */
export const rollbackOutputs = releaseOutputKinds;
