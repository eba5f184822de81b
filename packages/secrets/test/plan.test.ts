import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateValue } from '../src/generate';
import { parityReport } from '../src/parity';
import { countActions, type PlanRequest, planMirror, type RemoteSecret } from '../src/plan';
import {
  digestKeyId,
  emptyState,
  maxStateBytes,
  parseState,
  StateTooLargeError,
  secretDigest,
  serializeState,
  type TargetState,
} from '../src/state';
import type { ResolvedTarget } from '../src/targets';

const key = 'a-long-random-digest-key';
const github: ResolvedTarget = {
  kind: 'github',
  id: 'github:environment:acme/shop/staging',
  label: 'GitHub environment acme/shop staging',
  scope: { kind: 'environment', owner: 'acme', repo: 'shop', environment: 'staging' },
  createEnvironment: false,
  stateVariable: 'SHIPGATE_SECRET_DIGESTS',
};
const fly: ResolvedTarget = {
  kind: 'fly',
  id: 'fly:shop-staging',
  label: 'Fly app shop-staging',
  app: 'shop-staging',
  stateVariable: 'SHIPGATE_SECRET_DIGESTS_FLY_SHOP_STAGING',
};

describe('digests and state', () => {
  it('is HMAC-SHA256 of name NUL value, stable, and binds the name', () => {
    const expected = createHmac('sha256', key).update('API_KEY\0v1').digest('base64url');
    expect(secretDigest(key, 'API_KEY', 'v1')).toBe(expected);
    expect(secretDigest(key, 'API_KEY', 'v1')).toBe(expected);
    expect(secretDigest(key, 'OTHER', 'v1')).not.toBe(expected);
    expect(secretDigest('another-key', 'API_KEY', 'v1')).not.toBe(expected);
  });

  it('round-trips, treats garbage as no state, and refuses more than 48 KB', () => {
    const state: TargetState = {
      version: 1,
      keyId: digestKeyId(key),
      secrets: { B: { digest: 'd', writtenAt: '2026-01-01T00:00:00Z' }, A: { writtenAt: 'x' } },
    };
    const text = serializeState(state, 'VAR');
    expect(text.indexOf('"A"')).toBeLessThan(text.indexOf('"B"'));
    expect(parseState(text).state).toEqual(state);
    expect(parseState(undefined)).toEqual({ state: emptyState() });
    expect(parseState('{')).toEqual({ state: emptyState(), problem: 'is not JSON' });
    expect(parseState('{"version":2}').problem).toMatch(/not a secret-mirror state/);

    const big: TargetState = { version: 1, secrets: {} };
    for (let index = 0; index < 600; index++) {
      big.secrets[`SECRET_NUMBER_${index}`] = {
        digest: secretDigest(key, `S${index}`, 'v'),
        writtenAt: '2026-01-01T00:00:00.000Z',
        remoteUpdatedAt: '2026-01-01T00:00:00Z',
      };
    }
    expect(() => serializeState(big, 'SHIPGATE_SECRET_DIGESTS')).toThrow(StateTooLargeError);
    expect(() => serializeState(big, 'SHIPGATE_SECRET_DIGESTS')).toThrow(
      new RegExp(`SHIPGATE_SECRET_DIGESTS would take \\d+ bytes, more than the ${maxStateBytes}`),
    );
  });
});

const written = '2026-03-01T10:00:00Z';

/** A state as the mirror leaves it after writing these values. */
function stateFor(
  target: ResolvedTarget,
  values: Record<string, string>,
  remote: RemoteSecret[],
): TargetState {
  const state: TargetState = { version: 1, keyId: digestKeyId(key), secrets: {} };
  for (const [name, value] of Object.entries(values)) {
    const listed = remote.find((secret) => secret.name === name);
    state.secrets[name] = {
      digest: secretDigest(key, name.toUpperCase(), value),
      writtenAt: written,
      ...(target.kind === 'github'
        ? { remoteUpdatedAt: listed?.updatedAt }
        : { remoteDigest: listed?.digest }),
    };
  }
  return state;
}

function plan(overrides: Partial<PlanRequest>) {
  return planMirror({
    mirror: { name: 'staging', prune: false },
    entries: [],
    generated: [],
    snapshots: [],
    digestKey: key,
    rotate: false,
    onDrift: 'rewrite',
    ...overrides,
  }).map(
    (item) => `${item.target} ${item.name} ${item.action}${item.writes ? '' : ' (no write)'}: ${item.reason}`,
  );
}

const entry = (name: string, value: string) => ({ name, value, origin: `vault/shop/staging.env:1` });

describe('planMirror', () => {
  it('plans create, update, unchanged, drift and delete at a GitHub target', () => {
    const remote: RemoteSecret[] = [
      { name: 'SAME', updatedAt: written },
      { name: 'CHANGED', updatedAt: written },
      { name: 'TOUCHED', updatedAt: '2026-03-02T08:00:00Z' },
      { name: 'UNKNOWN', updatedAt: written },
      { name: 'GONE', updatedAt: written },
      { name: 'NOT_OURS', updatedAt: written },
    ];
    const state = stateFor(github, { SAME: 's', CHANGED: 'old', TOUCHED: 't', GONE: 'g' }, [
      ...remote.slice(0, 2),
      { name: 'TOUCHED', updatedAt: written },
      { name: 'GONE', updatedAt: written },
    ]);
    const entries = [
      entry('SAME', 's'),
      entry('CHANGED', 'new'),
      entry('TOUCHED', 't'),
      entry('UNKNOWN', 'u'),
      entry('new_one', 'n'),
    ];
    const snapshots = [{ target: github, remote, state }];
    expect(plan({ entries, snapshots, mirror: { name: 'staging', prune: true } })).toEqual([
      'github:environment:acme/shop/staging SAME unchanged (no write): same value',
      'github:environment:acme/shop/staging CHANGED update: value changed',
      'github:environment:acme/shop/staging TOUCHED drift: changed outside the mirror',
      'github:environment:acme/shop/staging UNKNOWN update: not written by the mirror before',
      'github:environment:acme/shop/staging NEW_ONE create: absent',
      'github:environment:acme/shop/staging GONE delete: in no source, written by the mirror',
    ]);
    expect(plan({ entries, snapshots, onDrift: 'report' })).toContain(
      'github:environment:acme/shop/staging TOUCHED drift (no write): changed outside the mirror',
    );
    expect(plan({ entries, snapshots, mirror: { name: 'staging', prune: 'all' } }).slice(-2)).toEqual([
      'github:environment:acme/shop/staging GONE delete: in no source (prune: all)',
      'github:environment:acme/shop/staging NOT_OURS delete: in no source (prune: all)',
    ]);
  });

  it('uses Fly digests for drift, and writes everything without a key', () => {
    const remote: RemoteSecret[] = [
      { name: 'A', digest: 'fa', updatedAt: written },
      { name: 'B', digest: 'fb2', updatedAt: written },
    ];
    const state = stateFor(fly, { A: 'a', B: 'b' }, [remote[0]!, { name: 'B', digest: 'fb1' }]);
    const snapshots = [{ target: fly, remote, state }];
    expect(plan({ entries: [entry('A', 'a'), entry('B', 'b')], snapshots })).toEqual([
      'fly:shop-staging A unchanged (no write): same value',
      'fly:shop-staging B drift: changed outside the mirror',
    ]);
    expect(plan({ entries: [entry('A', 'a')], snapshots, digestKey: undefined })).toEqual([
      'fly:shop-staging A update: no digest key: written every run',
    ]);
    expect(plan({ entries: [entry('A', 'a')], snapshots, digestKey: 'a-new-key' })).toEqual([
      'fly:shop-staging A update: digest key changed',
    ]);
  });

  it('rotates generated secrets on a rotation run, and everywhere when one target lacks them', () => {
    const present = {
      target: github,
      remote: [{ name: 'SESSION', updatedAt: written }],
      state: emptyState(),
    };
    const flyPresent = { target: fly, remote: [{ name: 'SESSION', digest: 'x' }], state: emptyState() };
    const flyAbsent = { target: fly, remote: [], state: emptyState() };
    expect(plan({ generated: ['SESSION'], snapshots: [present, flyPresent] })).toEqual([
      'github:environment:acme/shop/staging SESSION unchanged (no write): generated, present',
      'fly:shop-staging SESSION unchanged (no write): generated, present',
    ]);
    expect(plan({ generated: ['SESSION'], snapshots: [present, flyPresent], rotate: true })).toEqual([
      'github:environment:acme/shop/staging SESSION rotate: rotation run',
      'fly:shop-staging SESSION rotate: rotation run',
    ]);
    expect(plan({ generated: ['SESSION'], snapshots: [present, flyAbsent] })).toEqual([
      'github:environment:acme/shop/staging SESSION rotate: absent at another target: one new value for all',
      'fly:shop-staging SESSION create: absent: a new random value',
    ]);
  });

  it('counts every action', () => {
    const items = planMirror({
      mirror: { name: 'm', prune: false },
      entries: [entry('A', 'a')],
      generated: [],
      snapshots: [{ target: fly, remote: [], state: emptyState() }],
      rotate: false,
      onDrift: 'rewrite',
    });
    expect(countActions(items)).toEqual({
      create: 1,
      update: 0,
      unchanged: 0,
      drift: 0,
      delete: 0,
      rotate: 0,
    });
    expect(JSON.stringify(items)).not.toContain(secretDigest(key, 'A', 'a'));
  });
});

describe('generated values and parity', () => {
  it('draws from the alphabet', () => {
    expect(generateValue({ length: 64, alphabet: 'hex' })).toMatch(/^[0-9a-f]{64}$/);
    expect(generateValue({ length: 40, alphabet: 'base64url' })).toMatch(/^[A-Za-z0-9_-]{40}$/);
    expect(generateValue({ length: 40, alphabet: 'alnum' })).not.toBe(
      generateValue({ length: 40, alphabet: 'alnum' }),
    );
  });

  it('lists names one mirror has and the other lacks', () => {
    const names = new Map([
      ['staging', ['DATABASE_URL', 'STRIPE_KEY', 'DEBUG_TOKEN']],
      ['production', ['DATABASE_URL', 'stripe_key', 'SENTRY_DSN']],
    ]);
    expect(parityReport([['staging', 'production']], names)).toEqual([
      { mirrors: ['staging', 'production'], onlyInFirst: ['DEBUG_TOKEN'], onlyInSecond: ['SENTRY_DSN'] },
    ]);
  });
});
