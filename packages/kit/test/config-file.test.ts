import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, formatPath, parseConfig } from '../src/config-file';

const schema = z.strictObject({
  tests: z.strictObject({ 'max-failed': z.number().int().min(0).optional() }).optional(),
  urls: z.array(z.string()).optional(),
});

describe('parseConfig', () => {
  it('returns the validated data', () => {
    expect(parseConfig('tests:\n  max-failed: 2\n', 'gate.yml', schema)).toEqual({
      tests: { 'max-failed': 2 },
    });
  });

  it('treats an empty document as an empty object', () => {
    expect(parseConfig('', 'gate.yml', schema)).toEqual({});
  });

  it('points at the value that breaks the schema', () => {
    const text = 'urls:\n  - /\n  - 3\n';
    expect(() => parseConfig(text, 'gate.yml', schema)).toThrow(/^gate\.yml:3:5: urls\[1\]: /);
    try {
      parseConfig('tests:\n  max-failed: -1\n', 'gate.yml', schema);
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).message).toMatch(/^gate\.yml:2:15: tests\.max-failed: .*>=0/);
      expect((thrown as ConfigError).line).toBe(2);
    }
  });

  it('names an unknown key at its parent', () => {
    expect(() => parseConfig('tests:\n  max-failures: 0\n', "input 'thresholds'", schema)).toThrow(
      /^input 'thresholds':2:3: tests: .*max-failures/,
    );
  });

  it('refuses duplicate keys and broken YAML with a position', () => {
    expect(() => parseConfig('tests: {}\ntests: {}\n', 'gate.yml', schema)).toThrow(
      /^gate\.yml:2:1: invalid YAML: .*unique/i,
    );
    expect(() => parseConfig('tests: [1, 2\n', 'gate.yml', schema)).toThrow(
      /^gate\.yml:\d+:\d+: invalid YAML/,
    );
  });

  it('formats paths the way people point into YAML', () => {
    expect(formatPath(['lighthouse', 'urls', '/slow', 'metrics'])).toBe('lighthouse.urls./slow.metrics');
    expect(formatPath(['checks', 2, 'expect'])).toBe('checks[2].expect');
  });
});
