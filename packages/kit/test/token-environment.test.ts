// A token input that falls back to an environment variable (fly-api-token to FLY_API_TOKEN): read, checked and
// masked by the kit like the input itself, and required when neither is set.
import { describe, expect, it } from 'vitest';
import { InputError, input, parseInputs } from '../src/index';

const shape = {
  'fly-api-token': input.token({ environment: { variable: 'FLY_API_TOKEN', required: true } }),
};

function read(given: string | undefined, environment: NodeJS.ProcessEnv) {
  const masked: string[] = [];
  const parsed = parseInputs(shape, () => given, { environment, mask: (value) => masked.push(value) });
  return { token: parsed['fly-api-token'], masked };
}

function refusal(given: string | undefined, environment: NodeJS.ProcessEnv): string {
  try {
    read(given, environment);
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).input).toBe('fly-api-token');
    return (thrown as Error).message;
  }
  throw new Error('accepted');
}

describe('a token input with an environment variable', () => {
  it('takes the input first, and masks it', () => {
    expect(read('fm2_from_input_1234', { FLY_API_TOKEN: 'fm2_from_env_5678' })).toEqual({
      token: 'fm2_from_input_1234',
      masked: ['fm2_from_input_1234'],
    });
  });

  it('else takes the variable, and masks it before anything else', () => {
    expect(read(undefined, { FLY_API_TOKEN: 'fm2_from_env_5678' })).toEqual({
      token: 'fm2_from_env_5678',
      masked: ['fm2_from_env_5678'],
    });
  });

  it('is required when neither is set, saying both ways to give it', () => {
    expect(refusal(undefined, {})).toBe(
      "Input 'fly-api-token' is required: pass a token from a secret, or set FLY_API_TOKEN.",
    );
  });

  it('refuses a short token, naming the variable only when it came from there', () => {
    const short =
      "Input 'fly-api-token' is too short for a token (fewer than 8 characters): pass the whole token, from a secret";
    expect(refusal('s', { FLY_API_TOKEN: 'fm2_from_env_5678' })).toBe(`${short}.`);
    expect(refusal(undefined, { FLY_API_TOKEN: 'FlyV1 s' })).toBe(`${short}, or set FLY_API_TOKEN to it.`);
  });
});
