import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMirrorConfig, type Mirror } from '../src/config';
import { dotenvEntries, envEntries, jsonEntries, loadSources, SourceError } from '../src/sources';

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'secrets-sources-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

function mirror(yaml: string): Mirror {
  return loadMirrorConfig(`mirrors:\n  - name: m\n${yaml.replace(/^/gm, '    ')}\n`, 'test.yml').mirrors[0]!;
}

const githubTarget = 'targets: [{ github: { environment: staging } }]';

describe('dotenv files', () => {
  it('parses as dotenv does and finds each line', () => {
    const text = [
      '# a comment',
      'export API_KEY=abc123',
      'QUOTED="two words # not a comment"',
      "SINGLE='x=y'",
      'MULTI="line one',
      'line two"',
      'URL=postgres://u:p@h:5432/db?sslmode=require # trailing comment',
      '',
      '  SPACED = padded  ',
      'EMPTY=',
      'COLON: value',
      'BACKTICK=`it\'s "quoted"`  # a comment after the quote',
    ].join('\n');
    const entries = dotenvEntries('vault/shop/staging.env', text);
    const byName = Object.fromEntries(entries.map((entry) => [entry.name, entry]));
    expect(byName.API_KEY).toEqual({ name: 'API_KEY', value: 'abc123', origin: 'vault/shop/staging.env:2' });
    expect(byName.COLON).toMatchObject({ value: 'value', origin: 'vault/shop/staging.env:11' });
    expect(byName.BACKTICK).toMatchObject({ value: 'it\'s "quoted"', origin: 'vault/shop/staging.env:12' });
    expect(byName.QUOTED!.value).toBe('two words # not a comment');
    expect(byName.SINGLE!.value).toBe('x=y');
    expect(byName.MULTI).toEqual({
      name: 'MULTI',
      value: 'line one\nline two',
      origin: 'vault/shop/staging.env:5',
    });
    expect(byName.URL).toMatchObject({
      value: 'postgres://u:p@h:5432/db?sslmode=require',
      origin: 'vault/shop/staging.env:7',
    });
    expect(byName.SPACED).toMatchObject({ value: 'padded', origin: 'vault/shop/staging.env:9' });
    expect(byName.EMPTY).toMatchObject({ value: '', origin: 'vault/shop/staging.env:10' });
  });

  it('refuses every line outside the syntax, naming file:line and never the value', () => {
    const text = [
      'GOOD=1',
      'just some words s3cr3t',
      'KEY:no-space-after-colon',
      '=value-without-key',
      'BROKEN_AFTER="closed" s3cr3t-tail',
      '  # an indented comment is fine',
      'LAST=2',
    ].join('\n');
    const thrown = captureSourceError(() => dotenvEntries('vault/shop/staging.env', text));
    expect(thrown.problems).toEqual([
      'vault/shop/staging.env:2: is not KEY=value, a comment or a blank line',
      'vault/shop/staging.env:3: is not KEY=value, a comment or a blank line',
      'vault/shop/staging.env:4: is not KEY=value, a comment or a blank line',
      'vault/shop/staging.env:5: BROKEN_AFTER: only a comment may follow the closing double quote',
    ]);
    expect(thrown.message).not.toMatch(/s3cr3t|no-space|value-without/);
  });

  it('refuses a quote that is never closed, at the line it opens (dotenv would keep the quote as text)', () => {
    for (const [text, problem] of [
      [
        'A=1\nBROKEN_QUOTE="abc\nB=2\n',
        'a.env:2: BROKEN_QUOTE: the double quote opened here is never closed',
      ],
      ["A='x", 'a.env:1: A: the single quote opened here is never closed'],
      ['A="escaped \\" is not a close', 'a.env:1: A: the double quote opened here is never closed'],
    ] as const) {
      expect(captureSourceError(() => dotenvEntries('a.env', text)).problems).toEqual([problem]);
    }
    // A multi-line value ends where its quote closes; the line count goes on from there.
    const entries = dotenvEntries('a.env', 'PEM="-----BEGIN-----\nMIIB\n-----END-----"\nNEXT=1\n');
    expect(entries.map((entry) => entry.origin)).toEqual(['a.env:1', 'a.env:4']);
    expect(entries[0]?.value).toBe('-----BEGIN-----\nMIIB\n-----END-----');
  });

  it('counts lines in CRLF files', () => {
    expect(dotenvEntries('a.env', 'A=1\r\n\r\nB=2\r\n').map((entry) => entry.origin)).toEqual([
      'a.env:1',
      'a.env:3',
    ]);
  });
});

function captureSourceError(run: () => unknown): SourceError {
  try {
    run();
  } catch (thrown) {
    if (thrown instanceof SourceError) return thrown;
    throw thrown;
  }
  throw new Error('expected a SourceError');
}

describe('JSON and environment sources', () => {
  it('reads a flat object of strings with lines', () => {
    expect(jsonEntries('s.json', '{\n  "A": "1",\n  "B": "x"\n}')).toEqual([
      { name: 'A', value: '1', origin: 's.json:2' },
      { name: 'B', value: 'x', origin: 's.json:3' },
    ]);
    expect(() => jsonEntries('s.json', '{\n  "A": 1\n}')).toThrow('s.json:2: A must be a string, not number');
    expect(() => jsonEntries('s.json', '[]')).toThrow('expected a flat JSON object');
  });

  it('takes prefixed variables and strips the prefix', () => {
    expect(envEntries('SHOP_', { SHOP_DB: 'x', SHOP_: 'y', OTHER: 'z' })).toEqual([
      { name: 'DB', value: 'x', origin: 'env SHOP_DB' },
    ]);
  });
});

describe('loadSources', () => {
  it('reads the vault layout for one environment', async () => {
    const root = await workspace({
      'vault/shop-app/staging.env': 'DATABASE_URL=postgres://a\nSTRIPE_KEY=sk_1\n',
      'vault/shop-app/prod.env': 'DATABASE_URL=postgres://b\n',
      'vault/worker/staging.env': '\nQUEUE_URL=redis://q\n',
      'vault/docs/readme.txt': 'no env here',
    });
    const entries = await loadSources(
      mirror(`sources: [{ vault: vault, environment: staging }]\n${githubTarget}`),
      {
        workspace: root,
        env: {},
      },
    );
    expect(entries.map((entry) => `${entry.name} ${entry.origin}`)).toEqual([
      'DATABASE_URL vault/shop-app/staging.env:1',
      'STRIPE_KEY vault/shop-app/staging.env:2',
      'QUEUE_URL vault/worker/staging.env:2',
    ]);
    await expect(
      loadSources(mirror(`sources: [{ vault: vault, environment: qa }]\n${githubTarget}`), {
        workspace: root,
        env: {},
      }),
    ).rejects.toThrow('vault: no <service>/qa.env file');
    await expect(
      loadSources(
        mirror(`sources: [{ vault: vault, environment: staging, services: [docs] }]\n${githubTarget}`),
        {
          workspace: root,
          env: {},
        },
      ),
    ).rejects.toThrow("vault/docs/staging.env: missing (service 'docs' is listed in the vault source)");
  });

  it('names both places of a duplicate, also after renames', async () => {
    const root = await workspace({
      'a.env': 'X=1\nTOKEN=2\n',
      'b.json': '{\n  "TOKEN": "3"\n}',
    });
    await expect(
      loadSources(mirror(`sources: [a.env, b.json]\n${githubTarget}`), { workspace: root, env: {} }),
    ).rejects.toThrow('TOKEN is defined twice: at a.env:2 and at b.json:2');
    await expect(
      loadSources(mirror(`sources: [a.env]\nrename: { map: { X: TOKEN } }\n${githubTarget}`), {
        workspace: root,
        env: {},
      }),
    ).rejects.toThrow('TOKEN is defined twice: at a.env:1 and at a.env:2');
  });

  it('names both lines of a key assigned twice in one file (dotenv keeps the last silently)', async () => {
    const root = await workspace({ 'vault/shop/staging.env': 'API_KEY=first\nOTHER=1\nAPI_KEY=second\n' });
    await expect(
      loadSources(mirror(`sources: [{ vault: vault, environment: staging }]\n${githubTarget}`), {
        workspace: root,
        env: {},
      }),
    ).rejects.toThrow(
      'API_KEY is defined twice: at vault/shop/staging.env:1 and at vault/shop/staging.env:3',
    );
  });

  it('names every broken file of a vault in one run', async () => {
    const root = await workspace({
      'vault/shop/staging.env': 'A=1\nnonsense\n',
      'vault/admin/staging.env': 'B="open\n',
    });
    const thrown = await loadSources(
      mirror(`sources: [{ vault: vault, environment: staging }]\n${githubTarget}`),
      {
        workspace: root,
        env: {},
      },
    ).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(SourceError);
    expect((thrown as SourceError).problems).toEqual([
      'vault/admin/staging.env:1: B: the double quote opened here is never closed',
      'vault/shop/staging.env:2: is not KEY=value, a comment or a blank line',
    ]);
  });

  it('filters by globs on the source names, then renames', async () => {
    const root = await workspace({ 'a.env': 'DB_URL=1\nDB_LOCAL=2\nSTRIPE=3\nOTHER=4\n' });
    const entries = await loadSources(
      mirror(
        `sources: [a.env]\ninclude: ['DB_*', STRIPE]\nexclude: ['*_LOCAL']\nrename: { map: { STRIPE: STRIPE_KEY }, prefix: SHOP_, suffix: _V1 }\n${githubTarget}`,
      ),
      { workspace: root, env: {} },
    );
    expect(entries.map((entry) => entry.name)).toEqual(['SHOP_DB_URL_V1', 'SHOP_STRIPE_KEY_V1']);
  });

  it('checks names per kind of target, located', async () => {
    const root = await workspace({ 'a.env': 'GITHUB_TOKEN=1\nmy.name=2\n' });
    const fly = await loadSources(
      mirror('sources: [a.env]\ninclude: [GITHUB_TOKEN]\ntargets: [{ fly: { app: shop } }]'),
      {
        workspace: root,
        env: {},
      },
    );
    expect(fly.map((entry) => entry.name)).toEqual(['GITHUB_TOKEN']);
    const error = await loadSources(mirror(`sources: [a.env]\n${githubTarget}`), {
      workspace: root,
      env: {},
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).problems).toEqual([
      'a.env:1: "GITHUB_TOKEN" is not a valid GitHub secret name: the GITHUB_ prefix is reserved',
      'a.env:2: "my.name" is not a valid GitHub secret name: only letters, digits and _',
    ]);
  });

  it('reads environment variables and says which file is missing', async () => {
    const root = await workspace({});
    const entries = await loadSources(mirror(`sources: [{ env: { prefix: SHOP_ } }]\n${githubTarget}`), {
      workspace: root,
      env: { SHOP_API_KEY: 'k' },
    });
    expect(entries).toEqual([{ name: 'API_KEY', value: 'k', origin: 'env SHOP_API_KEY' }]);
    await expect(
      loadSources(mirror(`sources: [nope.env]\n${githubTarget}`), { workspace: root, env: {} }),
    ).rejects.toThrow('nope.env: cannot read the source (ENOENT)');
  });
});
