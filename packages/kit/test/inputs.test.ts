import { describe, expect, it } from 'vitest';
import { InputError, input, parseInputs } from '../src/index';
import { manifestMismatches } from '../src/testing';

const shape = {
  policy: input.text({ default: '.github/stack-guard.yml' }),
  'fail-on': input.choice(['error', 'warning', 'none'], { default: 'error' }),
  strict: input.boolean({ default: 'false' }),
  retries: input.integer({ default: '3', min: 0, max: 10 }),
  paths: input.list(),
  token: input.secret({ required: true }),
  label: input.text(),
};

function parse(values: Record<string, string>, masked: string[] = []) {
  return parseInputs(shape, (name) => values[name], { mask: (value) => masked.push(value) });
}

describe('parseInputs', () => {
  it('applies literal defaults and reads every kind of field', () => {
    const parsed = parse({ token: 't0k', paths: 'a, b\nc\n\n', strict: 'True', retries: ' 7 ' });
    expect(parsed).toEqual({
      policy: '.github/stack-guard.yml',
      'fail-on': 'error',
      strict: true,
      retries: 7,
      paths: ['a', 'b', 'c'],
      token: 't0k',
      label: undefined,
    });
  });

  it('treats an empty value as not given', () => {
    expect(parse({ token: 'x', 'fail-on': '', label: '' })).toMatchObject({
      'fail-on': 'error',
      label: undefined,
    });
  });

  it('masks secrets before anything can fail', () => {
    const masked: string[] = [];
    expect(() => parse({ token: 'hunter2', 'fail-on': 'eror' }, masked)).toThrow(InputError);
    expect(masked).toEqual(['hunter2']);
  });

  it.each([
    [{ token: 'x', 'fail-on': 'eror' }, "Input 'fail-on' must be one of error, warning, none; got 'eror'."],
    [{ token: 'x', strict: 'yes' }, "Input 'strict' must be true or false; got 'yes'."],
    [{ token: 'x', retries: '11' }, "Input 'retries' must be a whole number from 0 to 10; got '11'."],
    [{ token: 'x', retries: '1.5' }, "Input 'retries' must be a whole number from 0 to 10; got '1.5'."],
    [{}, "Input 'token' is required: expected one line of text."],
  ])('fails with one line naming the input for %j', (values, message) => {
    expect(() => parse(values)).toThrow(message);
  });
});

describe('manifestMismatches', () => {
  const yml = `
name: x
inputs:
  policy: { default: .github/stack-guard.yml }
  fail-on: { default: error }
  strict: { default: 'false' }
  retries: { default: '3' }
  paths: {}
  token: { required: true }
  label: { required: false }
outputs:
  errors: { description: n }
`;

  it('is empty when action.yml and the schema agree', () => {
    expect(manifestMismatches(shape, yml, ['errors'])).toEqual([]);
  });

  it('names each disagreement', () => {
    const drifted = yml
      .replace('fail-on: { default: error }', 'fail-on: { default: warning }')
      .replace('  label: { required: false }\n', '  extra: {}\n');
    expect(manifestMismatches(shape, drifted, ['errors', 'report'])).toEqual([
      "action.yml declares input 'extra' that the schema lacks",
      'input \'fail-on\': action.yml default "warning", the schema "error"',
      "the schema has input 'label' that action.yml lacks",
      'outputs: action.yml has [errors], the action writes [errors, report]',
    ]);
  });
});

describe('input.url', () => {
  const urls = { api: input.url({ default: 'https://api.example.com' }), target: input.url() };
  const read = (values: Record<string, string>) => parseInputs(urls, (name) => values[name]);

  it('takes absolute http and https URLs, applies its default, and may be left out without one', () => {
    expect(read({ target: 'http://127.0.0.1:4280/v1' })).toEqual({
      api: 'https://api.example.com',
      target: 'http://127.0.0.1:4280/v1',
    });
    expect(read({})).toEqual({ api: 'https://api.example.com', target: undefined });
  });

  it.each(['shop.fly.dev', 'ftp://files.example.com', 'https://'])('refuses %s in one line', (value) => {
    expect(() => read({ target: value })).toThrow(
      `Input 'target' must be an absolute http:// or https:// URL; got '${value}'.`,
    );
  });
});

describe('input.token', () => {
  const shape = { 'api-token': input.token(), note: input.text() };

  it('takes a token of eight characters or more, masked before anything else', () => {
    const masked: string[] = [];
    expect(
      parseInputs(shape, (name) => ({ 'api-token': 'fm2_abcd', note: 'hi' })[name], {
        mask: (v) => masked.push(v),
      }),
    ).toEqual({ 'api-token': 'fm2_abcd', note: 'hi' });
    expect(masked).toEqual(['fm2_abcd']);
  });

  it.each(['x', 'abc1234', ' 1234567 '])('refuses %j in one line, without masking it', (token) => {
    const masked: string[] = [];
    expect(() =>
      parseInputs(shape, (name) => ({ 'api-token': token })[name], { mask: (v) => masked.push(v) }),
    ).toThrow(
      "Input 'api-token' is too short for a token (fewer than 8 characters): pass the whole token, from a secret.",
    );
    expect(masked).toEqual([]);
  });
});
