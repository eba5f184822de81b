import { describe, expect, it } from 'vitest';
import { hasUrlCredentials, Redactor, redactUrlCredentials, secretForms, secretParts } from '../src/index';

const token = 'fm2_lJPECAAAAAAAAMq1xQ+/tok==';

/** The secret inside a longer base64 text, `before` bytes in: what an API echoing a whole header sends. */
function embedded(before: string, secret: string, after = ' trailing'): string {
  return Buffer.from(`${before}${secret}${after}`).toString('base64');
}

describe('secretForms', () => {
  it('holds the raw, JSON-escaped, URL-encoded, form-encoded, base64 and base64url forms', () => {
    const value = 'a "quoted" value/with+plus and space';
    const forms = secretForms(value);
    expect(forms).toEqual(
      expect.arrayContaining([
        value,
        'a \\"quoted\\" value/with+plus and space',
        encodeURIComponent(value),
        'a+%22quoted%22+value%2Fwith%2Bplus+and+space',
        Buffer.from(value).toString('base64'),
        Buffer.from(value).toString('base64url'),
      ]),
    );
  });

  it.each([0, 1, 2, 3, 4, 5])('finds the secret inside a longer base64 text %i bytes in', (offset) => {
    const text = embedded('x'.repeat(offset), token);
    expect(secretForms(token).some((form) => text.includes(form))).toBe(true);
    const url = Buffer.from(`${'y'.repeat(offset)}${token}??>`).toString('base64url');
    expect(secretForms(token).some((form) => url.includes(form))).toBe(true);
  });

  it('leaves out forms too short to be told from chance', () => {
    expect(secretForms('abc')).toEqual([]);
    expect(secretForms('abcd').every((form) => form.length >= 4)).toBe(true);
  });
});

describe('secretParts', () => {
  it('strips a scheme word and splits comma-joined tokens', () => {
    expect(secretParts('FlyV1 fm2_aaaaaaaa,fm1r_bbbbbbbb')).toEqual([
      'fm2_aaaaaaaa,fm1r_bbbbbbbb',
      'fm2_aaaaaaaa',
      'fm1r_bbbbbbbb',
    ]);
    expect(secretParts('Bearer abc.def.ghi')).toEqual(['abc.def.ghi']);
    expect(secretParts('plain-token')).toEqual([]);
    expect(secretParts('-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nab\n')).toEqual([
      '-----BEGIN KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nab',
    ]);
  });
});

describe('Redactor', () => {
  it('removes a secret in every form, and the bare token of one given with its scheme', () => {
    const redactor = new Redactor();
    redactor.add(`FlyV1 ${token}`);
    const texts = [
      `401: bad token FlyV1 ${token}`,
      `{"token":${JSON.stringify(token)}}`,
      `?token=${encodeURIComponent(token)}`,
      `echo ${Buffer.from(token).toString('base64')}`,
      `echo ${Buffer.from(`Bearer ${token}`).toString('base64')}`,
      `echo ${Buffer.from(`Authorization: FlyV1 ${token}`).toString('base64url')}`,
    ];
    for (const text of texts) {
      const out = redactor.redact(text);
      expect(out).toContain('***');
      for (const form of secretForms(token)) expect(out).not.toContain(form);
    }
  });

  it('removes a secret that contains another whole, and leaves other text alone', () => {
    const redactor = new Redactor();
    redactor.add('secret-one');
    redactor.add('secret-one-and-more');
    expect(redactor.redact('a secret-one-and-more b secret-one c')).toBe('a *** b *** c');
    expect(redactor.redact('nothing here')).toBe('nothing here');
  });

  it('removes the userinfo of any URL', () => {
    const redactor = new Redactor();
    expect(
      redactor.redact('through http://user:pa55@127.0.0.1:4280/v1 and https://ghp_x@github.com/o/r'),
    ).toBe('through http://***@127.0.0.1:4280/v1 and https://***@github.com/o/r');
  });

  it('registers 10,000 secrets and redacts a long text with them in one pass', () => {
    const redactor = new Redactor();
    for (let i = 0; i < 10_000; i += 1) redactor.add(`vault-value-${i}-${'x'.repeat(i % 40)}`);
    // Every value yields several forms; none is lost on the way in.
    expect(redactor.size).toBeGreaterThan(50_000);
    const text = `${'ordinary text '.repeat(5_000)} vault-value-9999-${'x'.repeat(39)} end`;
    expect(redactor.redact(text).endsWith(' *** end')).toBe(true);
  });
});

describe('redactUrlCredentials and hasUrlCredentials', () => {
  it.each([
    ['http://user:password@host/x', 'http://***@host/x'],
    ['postgres://user:p@ss@db.example.co/app', 'postgres://***@db.example.co/app'],
    [
      'postgresql://postgres:p%40ss@db.example.co:5432/postgres',
      'postgresql://***@db.example.co:5432/postgres',
    ],
    ['"https://token@example.com" and "https://a:b@c.d"', '"https://***@example.com" and "https://***@c.d"'],
    [
      'mail someone@example.com from https://example.com/a@b',
      'mail someone@example.com from https://example.com/a@b',
    ],
  ])('%s → %s', (text, redacted) => {
    expect(redactUrlCredentials(text)).toBe(redacted);
  });

  it.each([
    ['https://user:pw@example.com', true],
    ['https://user@example.com', true],
    ['https://example.com/a@b', false],
    ['http://127.0.0.1:4280', false],
  ])('%s has credentials: %s', (url, expected) => {
    expect(hasUrlCredentials(url)).toBe(expected);
  });
});
