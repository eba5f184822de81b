import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineAction, executeAction, InputError, type InputField, input, parseInputs } from '../src/index';
import { createRecordingLogger } from '../src/logger';
import { localRun } from '../src/testing';

const workspace = mkdtempSync(join(tmpdir(), 'kit-inputs-'));
mkdirSync(join(workspace, 'deploy'));
writeFileSync(join(workspace, 'deploy', 'fly.toml'), 'app = "shop"\n');
writeFileSync(join(workspace, 'notes.txt'), 'a file\n');

/** Reads one input named `value` of the given field, as the kit reads it in a run. */
function readOne<T>(builder: InputField<T>, value: string | undefined, warnings: string[] = []): T {
  const parsed = parseInputs({ value: builder }, (name) => (name === 'value' ? value : undefined), {
    places: { workspace },
    warn: (message) => warnings.push(message),
  });
  return parsed.value;
}

const sha = 'a'.repeat(64);

// Each row: the field, a value and what the kit reads from it.
const good: [string, InputField<unknown>, string | undefined, unknown][] = [
  ['duration 90s', input.duration(), '90s', 90_000],
  ['duration 5m', input.duration(), '5m', 300_000],
  ['duration 1h30m', input.duration(), '1h30m', 5_400_000],
  ['duration in whole seconds', input.duration(), '45', 45_000],
  ['duration from its default', input.duration({ default: '5m' }), undefined, 300_000],
  ['duration in ms within bounds', input.duration({ minMs: 0, maxMs: 60_000 }), '50ms', 50],
  ['duration in days', input.duration({ days: true, maxMs: 30 * 86_400_000 }), '1d12h', 129_600_000],
  ['duration in weeks', input.duration({ days: true, maxMs: 30 * 86_400_000 }), '2w', 1_209_600_000],
  ['duration none, no limit', input.duration({ none: true }), 'none', Number.POSITIVE_INFINITY],
  ['duration 0, no limit', input.duration({ none: true }), '0', Number.POSITIVE_INFINITY],
  ['fraction', input.fractionOrCount(), '0.33', 0.33],
  ['count', input.fractionOrCount(), '2', 2],
  ['fraction left out', input.fractionOrCount(), undefined, undefined],
  ['file', input.file(), 'deploy/fly.toml', join(workspace, 'deploy', 'fly.toml')],
  ['file by absolute path', input.file(), join(workspace, 'notes.txt'), join(workspace, 'notes.txt')],
  ['folder', input.folder(), 'deploy', join(workspace, 'deploy')],
  ['new file to write', input.outputFile(), 'out/record.json', join(workspace, 'out', 'record.json')],
  ['file to overwrite', input.outputFile(), 'notes.txt', join(workspace, 'notes.txt')],
  [
    'image with registry and tag',
    input.image(),
    'registry.fly.io/shop-app:v2',
    'registry.fly.io/shop-app:v2',
  ],
  ['image by digest', input.image(), `shop-app@sha256:${sha}`, `shop-app@sha256:${sha}`],
  [
    'image with tag and digest',
    input.image(),
    `ghcr.io/o/r:tag@sha256:${sha}`,
    `ghcr.io/o/r:tag@sha256:${sha}`,
  ],
  ['image on a registry port', input.image(), 'localhost:5000/a/b', 'localhost:5000/a/b'],
  ['image, bare name', input.image(), 'nginx', 'nginx'],
  ['git SHA', input.gitSha(), 'a1b2'.repeat(10), 'a1b2'.repeat(10)],
  ['git SHA in upper case, read in lower', input.gitSha(), 'A1B2'.repeat(10), 'a1b2'.repeat(10)],
  [
    'key=value lines',
    input.keyValues(),
    'LOG_LEVEL=debug\n# a comment\n\nURL=https://x.example/?a=b',
    { LOG_LEVEL: 'debug', URL: 'https://x.example/?a=b' },
  ],
  [
    'custom form',
    input.custom({ expected: 'a size', read: (t) => (t === '1gb' ? 1024 : undefined) }),
    '1gb',
    1024,
  ],
  ['choice', input.choice(['rolling', 'immediate'], { default: 'rolling' }), 'immediate', 'immediate'],
  ['boolean', input.boolean({ default: 'false' }), 'TRUE', true],
  ['list', input.list(), 'a, b\nc', ['a', 'b', 'c']],
  ['url', input.url(), 'https://api.machines.dev', 'https://api.machines.dev'],
  [
    'a default the runner evaluates, come to nothing',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an action.yml expression, as the runner sees it
    input.secret({ default: '${{ github.token }}' }),
    undefined,
    undefined,
  ],
];

// Each row: the field, a value and the one line the kit refuses it with.
const bad: [string, InputField<unknown>, string | undefined, string][] = [
  [
    'duration without unit',
    input.duration(),
    '5 minutes',
    "Input 'value' must be a duration such as 90s, 5m or 1h30m, from 1s to 24h; got '5 minutes'.",
  ],
  [
    'duration too long',
    input.duration(),
    '25h',
    "Input 'value' must be a duration such as 90s, 5m or 1h30m, from 1s to 24h; got '25h'.",
  ],
  [
    'duration negative',
    input.duration({ minMs: 0, maxMs: 60_000 }),
    '-5s',
    "Input 'value' must be a duration such as 90s, 5m or 1h30m, from 0s to 1m; got '-5s'.",
  ],
  [
    'duration in days where days are not taken',
    input.duration(),
    '1d',
    "Input 'value' must be a duration such as 90s, 5m or 1h30m, from 1s to 24h; got '1d'.",
  ],
  [
    'duration none where a limit is needed',
    input.duration({ days: true, maxMs: 30 * 86_400_000 }),
    'none',
    "Input 'value' must be a duration such as 24h, 7d or 2w, from 1s to 30d; got 'none'.",
  ],
  [
    'duration in days beyond the bound',
    input.duration({ days: true, none: true, maxMs: 30 * 86_400_000 }),
    '5w',
    "Input 'value' must be a duration such as 24h, 7d or 2w, from 1s to 30d, or none for no limit; got '5w'.",
  ],
  [
    'duration required',
    input.duration({ required: true }),
    undefined,
    "Input 'value' is required: expected a duration such as 90s, 5m or 1h30m, from 1s to 24h.",
  ],
  ...['0', '1.5', '-1', 'NaN', 'half'].map((value): [string, InputField<unknown>, string, string] => [
    `fraction or count ${value}`,
    input.fractionOrCount(),
    value,
    `Input 'value' must be a fraction between 0 and 1 (e.g. 0.33) or a whole count from 1 (e.g. 2); got '${value}'.`,
  ]),
  [
    'missing file',
    input.file(),
    'fly.tom',
    "Input 'value' must be a file to read, relative to the workspace; got 'fly.tom', which does not exist.",
  ],
  [
    'folder as file',
    input.file(),
    'deploy',
    "Input 'value' must be a file to read, relative to the workspace; got 'deploy', which is a folder.",
  ],
  [
    'file as folder',
    input.folder(),
    'notes.txt',
    "Input 'value' must be a folder, relative to the workspace; got 'notes.txt', which is not a folder.",
  ],
  [
    'folder to write as a file',
    input.outputFile(),
    'deploy',
    "Input 'value' must be a file to write in the workspace or RUNNER_TEMP; got 'deploy', which is a folder.",
  ],
  [
    'file under a file',
    input.outputFile(),
    'notes.txt/record.json',
    `Input 'value' must be a file to write in the workspace or RUNNER_TEMP; got 'notes.txt/record.json', whose folder ${join(workspace, 'notes.txt')} is not a folder.`,
  ],
  ...['not an image', 'Shop/App', `app@sha256:${'a'.repeat(63)}`, 'app:', 'app:-tag'].map(
    (value): [string, InputField<unknown>, string, string] => [
      `image ${value}`,
      input.image(),
      value,
      `Input 'value' must be an image reference such as registry.fly.io/app:tag or app@sha256:<64 hex digits>; got '${value}'.`,
    ],
  ),
  ...['zzzz', 'a'.repeat(39), 'g'.repeat(40)].map((value): [string, InputField<unknown>, string, string] => [
    `git SHA ${value}`,
    input.gitSha(),
    value,
    `Input 'value' must be a full commit SHA of 40 hex digits; got '${value}'.`,
  ]),
  [
    'key=value line without =',
    input.keyValues(),
    'A=1\nnot a pair',
    "Input 'value' line 2 must be NAME=value with a name of letters, digits and _; got 'not a pair'.",
  ],
  [
    'key=value line of a secret input, value never echoed',
    input.keyValues({ secret: true }),
    'A=1\n\nB-C=hunter2',
    "Input 'value' line 3 must be NAME=value with a name of letters, digits and _.",
  ],
  [
    'custom form refused',
    input.custom({ expected: 'a size such as 512mb', read: () => undefined }),
    '12 parsecs',
    "Input 'value' must be a size such as 512mb; got '12 parsecs'.",
  ],
  [
    'custom form with a reason',
    input.custom({
      expected: 'steps',
      read: () => {
        throw new Error('25% comes after 50%');
      },
    }),
    '50%, 25%',
    "Input 'value' must be steps; got '50%, 25%': 25% comes after 50%.",
  ],
  [
    'url with credentials',
    input.url(),
    'https://u:p4ss@x.example',
    "Input 'value' must not carry credentials (user:password@): pass a token through the action's token input, or an Authorization header, instead.",
  ],
  [
    'secret value never echoed',
    input.integer({ secret: true, max: 3 }),
    '7',
    "Input 'value' must be a whole number of at most 3.",
  ],
];

describe('input builders', () => {
  it.each(good)('%s', (_, builder, value, expected) => {
    expect(readOne(builder, value)).toEqual(expected);
  });

  it.each(bad)('refuses %s in one line', (_, builder, value, message) => {
    let thrown: unknown;
    try {
      readOne(builder, value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).message).toBe(message);
    expect((thrown as InputError).input).toBe('value');
  });

  it('keeps what action.yml says of each input', () => {
    const shape = {
      d: input.duration({ required: true }),
      f: input.file({ default: 'fly.toml' }),
      s: input.keyValues({ secret: true }),
    };
    const parsed = parseInputs(shape, (name) => ({ d: '2m', s: 'A=1' })[name], { places: { workspace } });
    expect(parsed).toEqual({ d: 120_000, f: undefined, s: { A: '1' } });
  });
});

describe('a file relative to a folder input', () => {
  const shape = {
    policy: input.file({ default: 'policy.yml', relativeTo: 'path' }),
    path: input.folder({ default: '.' }),
  };
  const read = (values: Record<string, string>) =>
    parseInputs(shape, (name) => values[name], { places: { workspace } });

  it("is read in that input's folder, once that folder is read", () => {
    expect(read({ path: 'deploy', policy: 'fly.toml' })).toEqual({
      path: join(workspace, 'deploy'),
      policy: join(workspace, 'deploy', 'fly.toml'),
    });
  });

  it('reads as undefined when only its default is missing, and is refused when a given one is', () => {
    expect(read({ path: 'deploy' }).policy).toBeUndefined();
    expect(() => read({ path: 'deploy', policy: 'notes.txt' })).toThrow(
      "Input 'policy' must be a file to read, relative to 'path'; got 'notes.txt', which does not exist.",
    );
  });
});

describe('a deprecated alias', () => {
  const shape = {
    'fly-api-url': input.url({ default: 'https://api.machines.dev' }),
    'api-url': input.alias('fly-api-url'),
  };
  const read = (values: Record<string, string>, warnings: string[] = []) =>
    parseInputs(shape, (name) => values[name], { warn: (message) => warnings.push(message) });

  it('carries its value to the input it stands for, with a warning', () => {
    const warnings: string[] = [];
    // The runner fills the new input's default, so a default there counts as not given.
    expect(
      read({ 'fly-api-url': 'https://api.machines.dev', 'api-url': 'http://127.0.0.1:9/' }, warnings),
    ).toEqual({
      'fly-api-url': 'http://127.0.0.1:9/',
      'api-url': undefined,
    });
    expect(warnings).toEqual(["Input 'api-url' is deprecated: use 'fly-api-url' instead."]);
  });

  it('is checked like the input it stands for, and named in the error as the workflow wrote it', () => {
    expect(() => read({ 'api-url': 'api.machines.dev' })).toThrow(
      "Input 'api-url' must be an absolute http:// or https:// URL; got 'api.machines.dev'.",
    );
  });

  it('is refused when both are given with different values', () => {
    expect(() => read({ 'fly-api-url': 'http://a.example', 'api-url': 'http://b.example' })).toThrow(
      "Input 'api-url' and input 'fly-api-url' are the same setting with different values: give only 'fly-api-url'.",
    );
  });

  it('is silent when not used', () => {
    const warnings: string[] = [];
    expect(read({}, warnings)['fly-api-url']).toBe('https://api.machines.dev');
    expect(warnings).toEqual([]);
  });
});

describe("defineAction's check", () => {
  const run = localRun(workspace);
  const ran: string[] = [];
  const action = defineAction({
    name: 'pick',
    inputs: { image: input.image(), 'record-file': input.file(), app: input.text() },
    outputs: { image: 'text' },
    check(inputs, refuse) {
      if (inputs.image && inputs['record-file'])
        refuse(['image', 'record-file'], 'exclude each other: give one.');
      if (!inputs.image && !inputs['record-file'] && !inputs.app) {
        refuse(['image', 'record-file', 'app'], 'are all missing: give one.');
      }
    },
    async run(inputs) {
      ran.push('run');
      return { outputs: { image: inputs.image } };
    },
  });

  async function execute(values: Record<string, string>) {
    const failures: string[] = [];
    const outputs: Record<string, string> = {};
    await executeAction(action, {
      readInput: (name) => values[name],
      mask: () => {},
      log: createRecordingLogger(),
      run,
      setOutput: (name, value) => {
        outputs[name] = value;
      },
      writeSummary: async () => {},
      fail: (message) => failures.push(message),
    });
    return { failures, outputs };
  }

  it.each([
    [
      { image: 'shop:v2', 'record-file': 'notes.txt' },
      "pick: Input 'image' and input 'record-file' exclude each other: give one.",
    ],
    [{}, "pick: Input 'image', input 'record-file' and input 'app' are all missing: give one."],
  ])('refuses %j before the action runs, naming the inputs', async (values, message) => {
    ran.length = 0;
    expect(await execute(values)).toEqual({ failures: [message], outputs: {} });
    expect(ran).toEqual([]);
  });

  it('lets a good combination through', async () => {
    expect(await execute({ image: 'shop:v2' })).toEqual({ failures: [], outputs: { image: 'shop:v2' } });
  });
});
