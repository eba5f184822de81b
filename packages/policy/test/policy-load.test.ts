import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy, PolicyError, policyFromPresets, policyJsonSchema, presetNames } from '@shipgate/policy';
import { describe, expect, it } from 'vitest';

const load = (text: string) => loadPolicy({ root: '/', text });
const errorOf = (text: string) =>
  load(text).then(
    () => 'no error',
    (error: unknown) => {
      expect(error).toBeInstanceOf(PolicyError);
      return (error as Error).message;
    },
  );

describe('loadPolicy', () => {
  it('reads a policy file relative to root, with presets, overrides, ignores and its own rules', async () => {
    const root = await mkdtemp(join(tmpdir(), 'policy-'));
    await mkdir(join(root, '.github'));
    await writeFile(
      join(root, '.github', 'stack-guard.yml'),
      `extends: [fly-supabase]
ignore:
  paths: ["vendor/**"]
  baseline: .github/stack-guard-baseline.json
overrides:
  no-fly-postgres-commands: { severity: warning, ignore: ["docs/archive/**"] }
  fly-vm-memory: { severity: off }
rules:
  - id: no-lodash
    kind: dependencies
    severity: note
    forbid: [lodash]
    message: Use the standard library
`,
    );
    const policy = await loadPolicy({ root });
    expect(policy.source).toBe('.github/stack-guard.yml');
    expect(policy.presets).toEqual(['fly-supabase']);
    expect(policy.ignorePaths).toEqual(['vendor/**']);
    expect(policy.baseline).toBe('.github/stack-guard-baseline.json');
    expect(policy.rulesOff).toEqual(['fly-vm-memory']);
    expect(policy.rules.map((rule) => [rule.id, rule.severity])).toEqual([
      ['no-fly-postgres-commands', 'warning'],
      ['supabase-postgres-only', 'error'],
      ['react-router-7', 'error'],
      ['release-command-allowlist', 'error'],
      ['no-migrations-in-scripts', 'error'],
      ['no-secrets', 'error'],
      ['no-lodash', 'note'],
    ]);
    const flyPg = policy.rules[0]!;
    expect(flyPg.appliesTo('docs/runbook.md')).toBe(true);
    expect(flyPg.appliesTo('docs/archive/2024.md')).toBe(false);
    const lodash = await policy.rules[6]!.check({
      path: 'package.json',
      content: '{"dependencies":{"lodash":"4"}}',
    });
    expect(lodash[0]!.message).toBe(
      'lodash@4 (dependencies) is forbidden (lodash) — Use the standard library',
    );
  });

  it('says when there is no policy file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'policy-'));
    await expect(loadPolicy({ root })).rejects.toThrow(/^no policy file at \.github\/stack-guard\.yml$/);
  });

  it('names a file that is no policy with where the caller got it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'policy-'));
    await writeFile(join(root, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    await expect(loadPolicy({ root, path: 'passwd', givenAs: "input 'policy'" })).rejects.toThrow(
      /^passwd \(input 'policy'\):1:1: /,
    );
    await expect(loadPolicy({ root, path: 'passwd' })).rejects.toThrow(/^passwd:1:1: /);
  });

  it('runs presets without a file, and every preset rule has a description', () => {
    expect(presetNames).toEqual(['fly-supabase', 'secrets']);
    const policy = policyFromPresets(['secrets']);
    expect(policy.rules.map((rule) => rule.id)).toEqual(['no-secrets', 'no-dsn-passwords']);
    for (const name of presetNames) {
      for (const rule of policyFromPresets([name]).rules) expect(rule.description).toMatch(/\.$/);
    }
    expect(() => policyFromPresets(['nope'])).toThrow(
      "unknown preset 'nope'; expected one of: fly-supabase, secrets",
    );
  });

  it('warns about an empty policy through the logger', async () => {
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      notice() {},
      error() {},
      warning: (m: string) => warnings.push(m),
      group: <T>(_: string, fn: () => Promise<T>) => fn(),
      waitingFor: <T>(_: unknown, fn: () => Promise<T>) => fn(),
    };
    const policy = await loadPolicy({ root: '/', text: '# nothing yet\n', logger });
    expect(policy.rules).toEqual([]);
    expect(warnings).toEqual(['<inline>: the policy has no rules, so nothing is checked']);
  });
});

describe('policy errors: one line, file:line:column, what is wrong and what was expected', () => {
  it('lists the allowed kinds for an unknown kind', async () => {
    expect(await errorOf('rules:\n  - id: a\n    kind: regex\n    pattern: x\n')).toBe(
      "<inline>:3:11: unknown rule kind 'regex'; allowed kinds: dependencies, text, structured, connection-strings, secrets",
    );
  });

  it('reports YAML syntax errors at the parser position', async () => {
    expect(await errorOf('extends: [fly-supabase\nrules: []\n')).toMatch(
      /^<inline>:2:1: Flow sequence .+; expected valid YAML$/,
    );
  });

  it('maps schema issues to the YAML node', async () => {
    expect(
      await errorOf(
        'rules:\n  - id: a\n    kind: text\n    files: ["**"]\n    pattern: x\n    severity: fatal\n',
      ),
    ).toBe('<inline>:6:15: rules[0].severity is "fatal"; expected one of: error, warning, note, off');
    expect(await errorOf('rules:\n  - id: a\n    kind: text\n    pattern: x\n')).toBe(
      '<inline>:2:5: rules[0].files is missing; expected a list',
    );
    expect(await errorOf('ignore:\n  path: ["x"]\n')).toBe(
      "<inline>:2:9: unknown key 'path' in ignore; expected one of: paths, baseline",
    );
    expect(await errorOf('rules:\n  - id: Bad_Id\n    kind: secrets\n')).toBe(
      '<inline>:2:9: rules[0].id "Bad_Id" is not valid; expected lowercase letters, digits and dashes, starting with a letter or digit',
    );
    expect(
      await errorOf(
        'rules:\n  - id: s\n    kind: structured\n    files: [x.toml]\n    assert:\n      - { path: a, min: 1, max: 2 }\n',
      ),
    ).toBe(
      '<inline>:6:9: assertion has 2 operations; expected exactly one of: absent, present, equals, one-of, matches, not-matches, min, max',
    );
  });

  it('rejects unknown presets, duplicate ids, preset ids and overrides of unknown rules', async () => {
    expect(await errorOf('extends: [fly-supabase, remix]\n')).toBe(
      "<inline>:1:25: unknown preset 'remix'; expected one of: fly-supabase, secrets",
    );
    expect(await errorOf('rules:\n  - { id: a, kind: secrets }\n  - { id: a, kind: secrets }\n')).toBe(
      "<inline>:3:11: duplicate rule id 'a' (also rules[0]); expected unique rule ids",
    );
    expect(await errorOf('extends: [fly-supabase]\nrules:\n  - { id: no-secrets, kind: secrets }\n')).toBe(
      "<inline>:3:11: rule 'no-secrets' is already defined by preset fly-supabase; expected a new id, or overrides.no-secrets to change the preset's rule",
    );
    expect(await errorOf('overrides:\n  ghost: { severity: off }\n')).toMatch(
      /^<inline>:2:10: no rule 'ghost' to override; expected one of: /,
    );
  });
});

describe('the JSON Schema', () => {
  it('is committed as generated from the zod schema (npx tsx scripts/generate-schema.ts)', async () => {
    const committed = await readFile(
      join(import.meta.dirname, '..', '..', '..', 'schemas', 'stack-guard.schema.json'),
      'utf8',
    );
    expect(committed).toBe(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
    const schema = JSON.parse(committed);
    expect(schema.title).toBe('stack-guard policy');
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'extends', 'ignore', 'overrides', 'rules']);
  });
});
