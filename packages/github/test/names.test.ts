import { describe, expect, it } from 'vitest';
import { assertValidName, assertValueSize, maxValueBytes, nameProblem } from '../src/names';

describe('secret and variable names', () => {
  it.each(['DB_URL', 'db_url', '_PRIVATE', 'A', 'KEY_2', 'MY_GITHUB_TOKEN', 'GITHUB'])(
    'accepts %s',
    (name) => {
      expect(nameProblem(name)).toBeUndefined();
      expect(() => assertValidName('secret', name)).not.toThrow();
    },
  );

  it.each([
    ['', /empty/],
    ['DB-URL', /only letters, digits and _/],
    ['DB URL', /only letters, digits and _/],
    ['DB.URL', /only letters, digits and _/],
    ['CLÉ', /only letters, digits and _/],
    ['1PASSWORD', /must not start with a digit/],
    ['GITHUB_TOKEN', /GITHUB_ prefix/],
    ['github_pat', /GITHUB_ prefix/],
  ])('refuses %j', (name, reason) => {
    expect(nameProblem(name)).toMatch(reason);
  });

  it('names the secret (quoted) and the kind in the error', () => {
    expect(() => assertValidName('secret', 'DB-URL')).toThrow(
      'secret name "DB-URL" is invalid: only letters, digits and _ are allowed',
    );
    expect(() => assertValidName('variable', 'GITHUB_SHA')).toThrow(/^variable name "GITHUB_SHA" is invalid/);
  });
});

describe('value sizes', () => {
  it('allows exactly 48 KB and refuses one byte more, counting UTF-8 bytes', () => {
    expect(() => assertValueSize('secret', 'BIG', 'x'.repeat(maxValueBytes))).not.toThrow();
    expect(() => assertValueSize('secret', 'BIG', 'x'.repeat(maxValueBytes + 1))).toThrow(
      'secret BIG is 49153 bytes; GitHub allows at most 49152 (48 KB)',
    );
    // 'é' is two bytes: 24,577 of them is 49,154 bytes.
    expect(() => assertValueSize('variable', 'ACCENTS', 'é'.repeat(24_577))).toThrow(
      /variable ACCENTS is 49154 bytes/,
    );
  });

  it('never puts the value in the message', () => {
    const value = `hunter2-${'z'.repeat(maxValueBytes)}`;
    let message = '';
    try {
      assertValueSize('secret', 'PASSWORD', value);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PASSWORD');
    expect(message).not.toContain('hunter2');
  });
});
