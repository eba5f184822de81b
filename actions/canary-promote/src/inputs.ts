import { flyAppName, processGroupName } from '@shipgate/fly/input-forms';
import { environmentName } from '@shipgate/github/input-forms';
import { grammar, input } from '@shipgate/kit';

/** A path the probes request: from `/`, without spaces or control characters. */
const urlPath = grammar(/^\/\S*$/, 'a path from / (e.g. /healthz), without spaces');

export const canaryPromoteInputs = {
  app: input.text({ grammar: flyAppName }),
  image: input.image(),
  config: input.file({ default: 'fly.toml' }),
  steps: input.text({ default: '1, 25%, 50%, 100%' }),
  bake: input.duration({ default: '5m' }),
  'process-group': input.text({ default: 'app', grammar: processGroupName }),
  paths: input.list({ default: '/', item: urlPath }),
  'probe-rate': input.integer({ default: '5', min: 1, max: 200 }),
  headers: input.secret({ multiline: true }),
  confidence: input.custom({
    default: '0.99',
    expected: 'a number from 0.5 to below 1 (e.g. 0.99)',
    read: (text) => (/^0?\.\d+$/.test(text) && Number(text) >= 0.5 ? Number(text) : undefined),
  }),
  'min-samples': input.integer({ default: '50', min: 10, max: 1_000_000 }),
  'max-error-rate': input.custom({
    default: '1%',
    expected: 'a percentage (1%) or a fraction (0.01) from 0 to 1',
    read: errorRate,
  }),
  'max-p95': input.duration({ default: '5s', minMs: 1, maxMs: 3_600_000 }),
  'latency-margin': input.duration({ default: '50ms', minMs: 0, maxMs: 3_600_000 }),
  burst: input.custom({
    default: '5 in 10',
    expected: "'<errors> in <requests>' with errors from 1 up to requests (e.g. 5 in 10)",
    read: burstWindow,
  }),
  'max-extensions': input.integer({ default: '1', min: 0, max: 10 }),
  'prometheus-url': input.url(),
  'prometheus-token': input.token(),
  'prometheus-queries': input.text({ multiline: true }),
  strategy: input.choice(['rolling', 'immediate'], { default: 'rolling' }),
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
  'record-file': input.outputFile(),
};

/** What the action writes, as action.yml declares it. */
export const canaryPromoteOutputs = {
  decision: 'text',
  'step-reached': 'number',
  steps: 'number',
  'release-id': 'text',
  image: 'text',
  'previous-image': 'text',
  'app-url': 'text',
  'record-file': 'text',
  record: 'json',
} as const;

/** `1%`, `0.5%` or a fraction `0.01`, from 0 to 1. */
function errorRate(text: string): number | undefined {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
  return value >= 0 && value <= 1 ? value : undefined;
}

/** `5 in 10`: so many server errors among so many consecutive requests. */
function burstWindow(text: string): { errors: number; window: number } | undefined {
  const match = /^(\d+)\s+in\s+(\d+)$/.exec(text);
  if (!match) return undefined;
  const errors = Number(match[1]);
  const window = Number(match[2]);
  return errors >= 1 && errors <= window ? { errors, window } : undefined;
}
