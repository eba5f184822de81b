import { describe, expect, it } from 'vitest';
import {
  describeInputs,
  grammar,
  InputError,
  type InputField,
  input,
  parseInputs,
  shownText,
} from '../src/index';

/** The one line the kit refuses `value` with, or undefined when it reads it. */
function refusal(builder: InputField<unknown>, value: string): string | undefined {
  try {
    parseInputs({ value: builder }, (name) => (name === 'value' ? value : undefined));
    return undefined;
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(InputError);
    return (thrown as InputError).message;
  }
}

const appName = grammar(/^[a-z0-9][a-z0-9-]{1,62}$/, 'an app name (lowercase letters, digits and dashes)');
const region = grammar(/^[a-z]{3}$/, 'a region code (three lowercase letters)');

describe('one line of text', () => {
  it.each([
    ['a newline', 'one\ntwo'],
    ['a tab', 'one\ttwo'],
    ['ESC', 'red\u001b[31m'],
    ['NUL', 'a\u0000b'],
    ['DEL', 'a\u007fb'],
  ])('refuses %s, without echoing the value', (_, value) => {
    expect(refusal(input.text(), value)).toBe(
      "Input 'value' must be one line without control characters (newline, tab, ESC…).",
    );
  });

  it('refuses more than 1,024 characters, saying how many it got', () => {
    expect(refusal(input.text(), 'a'.repeat(1025))).toBe(
      "Input 'value' must be at most 1024 characters long; got 1025.",
    );
    expect(refusal(input.text(), 'a'.repeat(1024))).toBeUndefined();
  });

  it('takes unicode, quotes and spaces', () => {
    expect(refusal(input.text(), 'Grüße, "shop" — 名前')).toBeUndefined();
  });

  it('is refused when out of its grammar, with what is allowed and the value shown escaped and cut', () => {
    expect(refusal(input.text({ grammar: appName }), 'Shop App')).toBe(
      "Input 'value' must be an app name (lowercase letters, digits and dashes); got 'Shop App'.",
    );
    expect(refusal(input.text({ grammar: appName }), '../../etc/passwd')).toBe(
      "Input 'value' must be an app name (lowercase letters, digits and dashes); got '../../etc/passwd'.",
    );
    expect(refusal(input.text({ grammar: appName }), 'shop-app')).toBeUndefined();
    expect(refusal(input.text({ grammar: appName, maxLength: 2000 }), 'x'.repeat(1500))).toBe(
      `Input 'value' must be an app name (lowercase letters, digits and dashes); got '${'x'.repeat(80)}… (1500 characters)'.`,
    );
  });
});

describe('text of several lines', () => {
  it('takes newlines and tabs, and refuses other control characters and more than 64 KiB', () => {
    const multi = input.text({ multiline: true });
    expect(refusal(multi, '- path: /\n\texpect: 200')).toBeUndefined();
    expect(refusal(multi, 'a\u001bb')).toBe(
      "Input 'value' must be text without control characters (ESC, NUL…) other than newlines and tabs.",
    );
    expect(refusal(multi, 'a'.repeat(65_537))).toBe(
      "Input 'value' must be at most 65536 characters long; got 65537.",
    );
  });
});

describe('a token', () => {
  it('is printable ASCII at most 16 KiB, and the refusal never shows it', () => {
    expect(refusal(input.token(), 'tökén-välue-1234')).toBe(
      "Input 'value' must be a token of printable ASCII characters, from a secret.",
    );
    expect(refusal(input.token(), `fm2_${'a'.repeat(16_381)}`)).toBe(
      "Input 'value' must be at most 16384 characters long; got 16385.",
    );
    expect(refusal(input.token(), 'FlyV1 fm2_abc,fm2_def')).toBeUndefined();
  });
});

describe('a list', () => {
  it('checks each item against its grammar, naming the item', () => {
    const regions = input.list({ item: region });
    expect(refusal(regions, 'iad, ams')).toBeUndefined();
    expect(refusal(regions, 'iad\nAMS')).toBe(
      "Input 'value' has 'AMS', which is not a region code (three lowercase letters).",
    );
  });

  it('refuses an item with a control character or of more than 1,024 characters', () => {
    expect(refusal(input.list(), 'a\nb\u001bc')).toBe(
      "Input 'value' has an item with a control character (tab, ESC…): items are text, one a line.",
    );
    expect(refusal(input.list(), 'x'.repeat(1025))).toBe(
      "Input 'value' has an item longer than 1024 characters (1025).",
    );
  });
});

describe('other builders refuse control characters too', () => {
  it.each([
    ['a URL with a newline in its host', input.url(), 'https://exa\nmple.com/'],
    ['a URL with a tab', input.url(), 'https://example.com/\tx'],
    ['a URL with a space', input.url(), 'https://example.com/a b'],
    ['a URL of 10,000 characters', input.url(), `https://${'a'.repeat(10_000)}.com/`],
  ])('%s', (_, builder, value) => {
    expect(refusal(builder, value)).toMatch(
      /^Input 'value' must be an absolute http:\/\/ or https:\/\/ URL; got '/,
    );
  });

  it('key=value lines with ESC in a value', () => {
    expect(refusal(input.keyValues(), 'A=1\nB=\u001b[2J')).toBe(
      "Input 'value' must be text without control characters (ESC, NUL…) other than newlines and tabs.",
    );
  });

  it('a custom form, before its reader sees the value', () => {
    const read = (text: string) => text.length;
    expect(refusal(input.custom({ expected: 'a size', read }), '512\nmb')).toBe(
      "Input 'value' must be one line without control characters (newline, tab, ESC…).",
    );
  });
});

describe('a path', () => {
  it.each([
    ['a file to read', input.file()],
    ['a folder', input.folder()],
    ['a file to write', input.outputFile()],
  ])('%s is one line without control characters, at most 4,096 characters', (_, builder) => {
    expect(refusal(builder, 'report\u001b[2J.json')).toBe(
      "Input 'value' must be one line without control characters (newline, tab, ESC…).",
    );
    expect(refusal(builder, 'a'.repeat(5000))).toBe(
      "Input 'value' must be at most 4096 characters long; got 5000.",
    );
  });
});

describe('shownText', () => {
  it('escapes control characters and cuts long values', () => {
    expect(shownText('a\nb\u001bc')).toBe('a\\nb\\u001bc');
    expect(shownText('y'.repeat(100))).toBe(`${'y'.repeat(80)}… (100 characters)`);
  });
});

describe("the kit's field info", () => {
  it('says which builder made each field, with its choices, bounds and grammar', () => {
    const info = describeInputs({
      strategy: input.choice(['rolling', 'immediate']),
      count: input.integer({ min: 0, max: 10 }),
      wait: input.duration({ minMs: 1000, maxMs: 60_000 }),
      app: input.text({ grammar: appName }),
      checks: input.text({ multiline: true }),
      regions: input.list({ item: region }),
      token: input.token(),
      'api-url': input.alias('url'),
      url: input.url(),
    });
    expect(info.strategy).toMatchObject({ kind: 'choice', choices: ['rolling', 'immediate'] });
    expect(info.count).toMatchObject({ kind: 'integer', min: 0, max: 10 });
    expect(info.wait).toMatchObject({ kind: 'duration', min: 1000, max: 60_000 });
    expect(info.app).toMatchObject({ kind: 'text', grammar: appName });
    expect(info.checks).toMatchObject({ kind: 'text', multiline: true });
    expect(info.regions).toMatchObject({ kind: 'list', grammar: region });
    expect(info.token).toMatchObject({ kind: 'text', secret: true, shortestToken: 8 });
    expect(info['api-url']).toMatchObject({ kind: 'alias', aliasOf: 'url' });
  });
});
