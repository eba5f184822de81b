import { describe, expect, it } from 'vitest';
import { authorized } from '../src/auth';
import { parseGoDuration, parseImageRef } from '../src/index';
import { parseAppSeed } from '../src/main-args';

describe('parseGoDuration', () => {
  it.each([
    ['15s', 15_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['10', 10_000],
  ])('%s → %d ms', (text, ms) => expect(parseGoDuration(text)).toBe(ms));

  it.each(['', 'soon', '15 s', '1x'])('%j is not a duration', (text) =>
    expect(parseGoDuration(text)).toBeUndefined(),
  );
});

describe('parseImageRef', () => {
  it('splits registry, repository and tag', () => {
    expect(parseImageRef('registry.fly.io/shop-app:deployment-01H')).toMatchObject({
      registry: 'registry.fly.io',
      repository: 'shop-app',
      tag: 'deployment-01H',
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(parseImageRef('nginx')).toMatchObject({
      registry: 'docker.io',
      repository: 'nginx',
      tag: 'latest',
    });
    expect(parseImageRef('localhost:5000/a/b:v1@sha256:abc')).toMatchObject({
      registry: 'localhost:5000',
      repository: 'a/b',
      tag: 'v1',
      digest: 'sha256:abc',
    });
  });
});

describe('authorized', () => {
  it('needs a scheme and a token, and the configured one when there is one', () => {
    expect(authorized('Bearer abc', undefined)).toBe(true);
    expect(authorized('FlyV1 fm2_a,fm2_b', 'fm2_b')).toBe(true);
    expect(authorized('FlyV1 FlyV1 abc', 'abc')).toBe(true);
    expect(authorized('abc', undefined)).toBe(false);
    expect(authorized('Bearer', undefined)).toBe(false);
    expect(authorized('Bearer abd', 'abc')).toBe(false);
  });
});

describe('parseAppSeed', () => {
  it('reads NAME[:machines[:image]] with colons in the image', () => {
    expect(parseAppSeed('shop')).toEqual({ name: 'shop', machines: 2, image: 'registry.fly.io/shop-app:v1' });
    expect(parseAppSeed('shop:3:registry.fly.io/shop-app:v9')).toEqual({
      name: 'shop',
      machines: 3,
      image: 'registry.fly.io/shop-app:v9',
    });
    expect(() => parseAppSeed('shop:many')).toThrow(/NAME\[:machines\[:image\]\]/);
  });
});
