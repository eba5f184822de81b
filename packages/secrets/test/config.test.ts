import { describe, expect, it } from 'vitest';
import {
  loadMirrorConfig,
  mirrorConfigJsonSchema,
  SingleMirrorError,
  selectMirrors,
  singleMirror,
} from '../src/config';

const file = '.github/secret-mirror.yml';

describe('loadMirrorConfig', () => {
  it('reads a full mirror file with defaults filled in', () => {
    const config = loadMirrorConfig(
      `mirrors:
  - name: staging
    sources:
      - vault: vault
        environment: staging
      - config/extra.json
      - file: vault/common.env
      - env: { prefix: SHOP_ }
    include: ['DATABASE_*', 'STRIPE_*']
    exclude: ['*_LOCAL']
    rename: { map: { DB: DATABASE_URL }, prefix: APP_ }
    rules:
      - { names: DATABASE_URL, postgres: { port: 5432 } }
      - { names: '*_URL', url: { protocols: [https] } }
      - { names: '*', non-empty: true }
      - { names: STRIPE_KEY, min-length: 20 }
      - { names: STRIPE_KEY, regex: '^sk_' }
    generated:
      - { name: SESSION_SECRET, length: 48, alphabet: base64url }
    targets:
      - github: { environment: staging, create-environment: true }
      - fly: { app: shop-staging }
    prune: true
    max-age-days: 90
parity: [[staging, staging]]
`,
      file,
    );
    const mirror = config.mirrors[0]!;
    expect(config['digest-variable']).toBe('SHIPGATE_SECRET_DIGESTS');
    expect(mirror.sources[1]).toEqual({ json: 'config/extra.json' });
    expect(mirror.rename).toEqual({ map: { DB: 'DATABASE_URL' }, prefix: 'APP_', suffix: '' });
    expect(mirror.generated[0]).toEqual({ name: 'SESSION_SECRET', length: 48, alphabet: 'base64url' });
    expect(mirror.targets[0]).toEqual({ github: { environment: 'staging', 'create-environment': true } });
  });

  it.each([
    [
      'mirrors:\n  - name: a\n    sources: [a.env]\n    targets:\n      - github: { organization: acme, environment: x }\n',
      `${file}:5:33: mirrors[0].targets[0].github.organization: an organization target takes no repository or environment`,
    ],
    [
      'mirrors:\n  - name: a\n    sources: [a.env]\n    targets: []\n',
      `${file}:4:14: mirrors[0].targets: a mirror needs at least one target`,
    ],
    [
      'mirrors:\n  - name: a\n    sources: [a.env]\n    rules:\n      - { names: X, regex: "(" }\n    targets: [{ fly: { app: shop } }]\n',
      `${file}:5:28: mirrors[0].rules[0].regex: expected a valid regular expression`,
    ],
    [
      'mirrors:\n  - name: a\n    sources: [a.env]\n    targets: [{ fly: { app: shop } }]\nparity: [[a, b]]\n',
      `${file}:5:14: parity[0][1]: no mirror is named 'b'`,
    ],
    [
      'mirrors:\n  - name: a\n    sources: [a.env]\n    generated: [{ name: S, length: 8 }]\n    targets: [{ fly: { app: shop } }]\n',
      `${file}:4:36: mirrors[0].generated[0].length: a generated secret needs at least 16 characters`,
    ],
  ])('locates mistakes (%#)', (text, message) => {
    expect(() => loadMirrorConfig(text, file)).toThrow(message);
  });

  it('says what a source looks like', () => {
    expect(() =>
      loadMirrorConfig(
        'mirrors:\n  - name: a\n    sources: [{ s3: x }]\n    targets: [{ fly: { app: a } }]\n',
        file,
      ),
    ).toThrow(/3:15: mirrors\[0\]\.sources\[0\]: .*expected a source/);
  });

  it('exports a JSON Schema for editors', () => {
    const schema = mirrorConfigJsonSchema();
    expect(schema.$schema).toContain('draft-07');
    expect(JSON.stringify(schema)).toContain('digest-variable');
  });
});

describe('singleMirror', () => {
  it('builds one mirror: environment and Fly app targets, JSON by extension', () => {
    const config = singleMirror({
      sources: ['vault/shop/staging.env', 'extra.json'],
      include: ['DB_*'],
      githubEnvironment: 'staging',
      createEnvironment: true,
      flyApp: 'shop-staging',
      prune: true,
    });
    const mirror = config.mirrors[0]!;
    expect(mirror.sources).toEqual([{ file: 'vault/shop/staging.env' }, { json: 'extra.json' }]);
    expect(mirror.targets).toEqual([
      { github: { environment: 'staging', 'create-environment': true } },
      { fly: { app: 'shop-staging' } },
    ]);
    expect(mirror.prune).toBe(true);
  });

  it('defaults to the repository and names the field at fault in errors', () => {
    expect(singleMirror({ sources: ['a.env'] }).mirrors[0]!.targets).toEqual([
      { github: { 'create-environment': false } },
    ]);
    const refused = (request: Parameters<typeof singleMirror>[0]) => {
      try {
        singleMirror(request);
      } catch (thrown) {
        expect(thrown).toBeInstanceOf(SingleMirrorError);
        return { field: (thrown as SingleMirrorError).field, reason: (thrown as SingleMirrorError).reason };
      }
      throw new Error('accepted');
    };
    expect(refused({ sources: ['a.env'], flyApp: 'Shop App' })).toEqual({
      field: 'flyApp',
      reason: expect.stringMatching(/Fly app name/),
    });
    expect(refused({ sources: [] })).toEqual({
      field: undefined,
      reason: expect.stringMatching(/neither sources nor generated/),
    });
  });
});

describe('selectMirrors', () => {
  const config = loadMirrorConfig(
    `mirrors:
  - { name: staging, sources: [s.env], targets: [{ github: { environment: staging } }] }
  - { name: api-staging, sources: [a.env], targets: [{ fly: { app: api-staging } }] }
  - { name: production, sources: [p.env], targets: [{ github: { environment: production } }] }
parity:
  - [staging, production]
  - [staging, api-staging]
`,
    file,
  );
  const names = (selected: typeof config) => selected.mirrors.map((mirror) => mirror.name);

  it('keeps every mirror without patterns', () => {
    expect(selectMirrors(config, [])).toBe(config);
  });

  it('keeps the mirrors a name or glob matches, and only the parity pairs inside them', () => {
    const staging = selectMirrors(config, ['*staging']);
    expect(names(staging)).toEqual(['staging', 'api-staging']);
    expect(staging.parity).toEqual([['staging', 'api-staging']]);
    const production = selectMirrors(config, ['production']);
    expect(names(production)).toEqual(['production']);
    expect(production.parity).toEqual([]);
    expect(production['digest-variable']).toBe(config['digest-variable']);
  });

  it('refuses a pattern that matches no mirror, naming the mirrors there are', () => {
    expect(() => selectMirrors(config, ['staging', 'prod'])).toThrow(
      "'prod' matches no mirror; the mirrors are staging, api-staging, production",
    );
  });
});
