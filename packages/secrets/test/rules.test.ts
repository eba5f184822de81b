import { describe, expect, it } from 'vitest';
import type { ValueRule } from '../src/config';
import { checkRules, maxGitHubSecretBytes } from '../src/rules';

const entry = (name: string, value: string, line = 4) => ({
  name,
  value,
  origin: `vault/shop-app/prod.env:${line}`,
});

describe('checkRules', () => {
  it('flags a Postgres DSN on the pooler port and names the direct one', () => {
    const rules: ValueRule[] = [{ names: 'DATABASE_URL', postgres: { port: 5432 } }];
    const violations = checkRules(
      [entry('DATABASE_URL', 'postgres://app:hunter2@db.internal:6543/shop')],
      rules,
    );
    expect(violations).toEqual([
      {
        name: 'DATABASE_URL',
        origin: 'vault/shop-app/prod.env:4',
        rule: 'postgres',
        message:
          'DATABASE_URL (vault/shop-app/prod.env:4): postgres: uses port 6543, the pooler (transaction mode breaks prepared statements and migrations); use the direct port 5432',
      },
    ]);
    expect(checkRules([entry('DATABASE_URL', 'postgresql://app:pw@db.internal/shop')], rules)).toEqual([]);
    expect(checkRules([entry('DATABASE_URL', 'postgres://app:pw@db:6000/shop')], rules)[0]!.message).toMatch(
      /does not use the direct port 5432$/,
    );
    expect(checkRules([entry('DATABASE_URL', 'mysql://app:pw@db/shop')], rules)[0]!.message).toMatch(
      /is not a postgres:\/\/ or postgresql:\/\/ URL$/,
    );
  });

  it.each<[ValueRule, string, string | undefined]>([
    [{ names: '*', 'non-empty': true }, '  ', 'non-empty: is empty'],
    [{ names: '*', 'non-empty': true }, 'x', undefined],
    [{ names: '*', url: true }, 'not a url', 'url: is not a URL'],
    [{ names: '*', url: true }, 'https://shop.example', undefined],
    [
      { names: '*', url: { protocols: ['https'] } },
      'http://shop.example',
      'url: protocol is not one of https:',
    ],
    [{ names: '*', 'min-length': 32 }, 'short-secret', 'min-length: is shorter than 32 characters'],
    [{ names: '*', regex: '^sk_live_' }, 'sk_test_abcdef', 'regex: does not match /^sk_live_/'],
    [{ names: '*', regex: '^sk_live_' }, 'sk_live_abcdef', undefined],
    [{ names: 'OTHER', 'non-empty': true }, '', undefined],
  ])('rule %j', (rule, value, problem) => {
    const violations = checkRules([entry('API_KEY', value)], [rule]);
    expect(violations.map((violation) => violation.message)).toEqual(
      problem ? [`API_KEY (vault/shop-app/prod.env:4): ${problem}`] : [],
    );
  });

  it('checks the GitHub size limit', () => {
    const violations = checkRules([entry('BIG', 'x'.repeat(maxGitHubSecretBytes + 1))], [], {
      maxBytes: maxGitHubSecretBytes,
    });
    expect(violations.map((violation) => violation.rule)).toEqual(['size']);
  });

  it('never puts a value or a part of it in a message', () => {
    const values = {
      DATABASE_URL: 'postgres://shopuser:Sup3rS3cretPw@pg-proxy.shop-db.internal:6543/shopdb',
      API_URL: 'ftp://apiuser:An0therPw@files.shop.internal/path',
      TOKEN: 'tok_9f8e7d6c5b4a',
      EMPTYISH: '   ',
      LINK: 'not-a-url-but-secret-1234',
    };
    const rules: ValueRule[] = [
      { names: 'DATABASE_URL', postgres: true },
      { names: '*_URL', url: { protocols: ['https'] } },
      { names: 'TOKEN', 'min-length': 40 },
      { names: 'TOKEN', regex: '^sk_' },
      { names: 'EMPTYISH', 'non-empty': true },
      { names: 'LINK', url: true },
    ];
    const entries = Object.entries(values).map(([name, value]) => entry(name, value));
    const violations = checkRules(entries, rules);
    expect(violations).toHaveLength(7);
    const text = violations.map((violation) => violation.message.replace(violation.origin, '')).join('\n');
    const parts = Object.values(values).flatMap((value) => [
      value,
      ...value.split(/[:/@.?=]+/).filter((part) => part.length >= 4),
    ]);
    for (const part of parts.filter((part) => part.trim() !== '')) {
      // The rule's own wording (protocols it expects, the pooler's well-known port) is not a quoted value.
      if (['postgres', 'https', '6543'].includes(part)) continue;
      expect(text).not.toContain(part);
    }
  });
});
