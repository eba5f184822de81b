import { loadPolicy, PolicyError } from '@shipgate/policy';
import { describe, expect, it } from 'vitest';

async function rule(yaml: string) {
  const policy = await loadPolicy({ root: '/', text: `rules:\n${yaml}` });
  return policy.rules[0]!;
}

describe('text rules', () => {
  it('finds every match with line, column and end column, case-insensitively by default', async () => {
    const text = await rule(
      '  - id: no-fly-pg\n    kind: text\n    files: ["**/*.sh"]\n    pattern: "fly(ctl)? (pg|postgres)"\n',
    );
    const content = '#!/bin/sh\necho start\n  FLY PG connect && flyctl postgres attach db\n';
    const findings = await text.check({ path: 'x.sh', content });
    expect(
      findings.map(({ line, column, endColumn, match }) => ({ line, column, endColumn, match })),
    ).toEqual([
      { line: 3, column: 3, endColumn: 9, match: 'FLY PG' },
      { line: 3, column: 21, endColumn: 36, match: 'flyctl postgres' },
    ]);
    expect(findings[0]!.message).toContain("'FLY PG'");
  });

  it('respects case-sensitive, exclude-pattern and the rule message', async () => {
    const text = await rule(
      '  - id: t\n    kind: text\n    files: ["**"]\n    patterns: ["TODO", "FIXME"]\n    case-sensitive: true\n    exclude-pattern: "stack-guard: allow"\n    message: finish it\n',
    );
    const content = 'todo lower\nTODO upper\nFIXME # stack-guard: allow\nFIXME and TODO\n';
    const findings = await text.check({ path: 'a.md', content });
    expect(findings.map((f) => [f.line, f.column, f.match])).toEqual([
      [2, 1, 'TODO'],
      [4, 1, 'FIXME'],
      [4, 11, 'TODO'],
    ]);
    expect(findings[0]!.message).toBe("found 'TODO' — finish it");
  });

  it('applies to its files minus its ignore globs, dotfiles included', async () => {
    const text = await rule(
      '  - id: t\n    kind: text\n    files: ["**/*.md"]\n    ignore: ["docs/archive/**"]\n    pattern: x\n',
    );
    expect(text.appliesTo('README.md')).toBe(true);
    expect(text.appliesTo('.github/notes.md')).toBe(true);
    expect(text.appliesTo('docs/archive/old.md')).toBe(false);
    expect(text.appliesTo('src/a.ts')).toBe(false);
  });

  it('returns nothing for a file without matches', async () => {
    const text = await rule('  - id: t\n    kind: text\n    files: ["**"]\n    pattern: "fly pg"\n');
    expect(await text.check({ path: 'a', content: 'nothing here\n'.repeat(1000) })).toEqual([]);
  });

  it('rejects an invalid regex with its location', async () => {
    const error = await loadPolicy({
      root: '/',
      text: 'rules:\n  - id: t\n    kind: text\n    files: ["**"]\n    patterns: ["ok", "(unclosed"]\n',
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as Error).message).toMatch(
      /^<inline>:5:22: invalid regular expression: .*; expected a JavaScript regular expression$/,
    );
  });
});
