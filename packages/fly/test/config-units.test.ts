import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseMemory, splitCommand } from '../src/config';

describe('parseDuration', () => {
  it.each([
    ['15s', 15_000],
    ['1m30s', 90_000],
    ['2h45m', 9_900_000],
    ['1h0m0s', 3_600_000],
    ['500ms', 500],
    ['1.5s', 1_500],
    ['.5s', 500],
    ['250us', 0.25],
    ['250µs', 0.25],
    ['1000000ns', 1],
    ['0', 0],
    ['-2s', -2_000],
  ])('%s is %d ms', (text, milliseconds) => {
    expect(parseDuration(text)).toBe(milliseconds);
  });

  it.each(['', '15', 's', '1x', '1m 30s', '1.2.3s', 'ten seconds'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/invalid duration/);
  });
});

describe('formatDuration (Go Duration.String)', () => {
  it.each([
    [0, '0s'],
    [15_000, '15s'],
    [90_000, '1m30s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [3_723_500, '1h2m3.5s'],
    [500, '500ms'],
    [1.5, '1.5ms'],
    [0.25, '250µs'],
    [0.000_001, '1ns'],
  ])('%d ms is %s', (milliseconds, text) => {
    expect(formatDuration(milliseconds)).toBe(text);
  });

  it('round-trips what parseDuration reads', () => {
    for (const text of ['10s', '1m21s', '2h0m0s', '750ms'])
      expect(formatDuration(parseDuration(text))).toBe(text);
  });
});

describe('parseMemory', () => {
  it.each([
    ['1gb', 1024],
    ['1GB', 1024],
    ['2g', 2048],
    ['1gib', 1024],
    ['512mb', 512],
    ['512m', 512],
    ['1.5gb', 1536],
    ['2048', 2048],
    [2048, 2048],
    ['1048576kb', 1024],
    ['268435456b', 256],
  ])('%j is %d MB', (value, megabytes) => {
    expect(parseMemory(value)).toBe(megabytes);
  });

  it.each(['', 'lots', '1 parsec', '0', '-1gb', '100kb', 0, 1.5, -256])('rejects %j', (value) => {
    expect(() => parseMemory(value)).toThrow(/invalid memory size/);
  });
});

describe('splitCommand', () => {
  it.each([
    ['npx prisma generate', ['npx', 'prisma', 'generate']],
    ['  bin/rails   server  ', ['bin/rails', 'server']],
    [`sh -c 'echo "$HOME" && exit 1'`, ['sh', '-c', 'echo "$HOME" && exit 1']],
    ['echo "a b" c', ['echo', 'a b', 'c']],
    ['echo "say \\"hi\\"" \\$x', ['echo', 'say "hi"', '$x']],
    ['echo "keep \\n"', ['echo', 'keep \\n']],
    ['echo a\\ b', ['echo', 'a b']],
    [`echo ''`, ['echo', '']],
    ['a"b"\'c\'', ['abc']],
    ['run # a comment', ['run']],
    ['run a#b', ['run', 'a#b']],
    ['', []],
  ])('%j', (command, words) => {
    expect(splitCommand(command)).toEqual(words);
  });

  it.each([
    ["echo 'open", /unclosed single quote/],
    ['echo "open', /unclosed double quote/],
    ['echo \\', /trailing backslash/],
  ])('rejects %j', (command, message) => {
    expect(() => splitCommand(command)).toThrow(message);
  });
});
