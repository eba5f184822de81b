import type { Machine } from '@shipgate/fly';
import { describe, expect, it } from 'vitest';
import { canaryOrder, parsePlanEntries, planSteps } from '../src/plan';

const minutes = (text: string) => {
  const match = /^(\d+)m$/.exec(text);
  if (!match) throw new Error(`bad bake '${text}'`);
  return Number(match[1]) * 60_000;
};

describe('the canary plan', () => {
  it('reads a bake per entry and keeps the default for the others', () => {
    expect(parsePlanEntries('1:10m, 25%,50%  100%', minutes)).toEqual([
      { share: '1', bakeMs: 600_000 },
      { share: '25%' },
      { share: '50%' },
      { share: '100%' },
    ]);
    expect(() => parsePlanEntries('1:soon, 100%', minutes)).toThrow("bad bake 'soon'");
  });

  it('merges entries that land on the same count, keeping the longest bake; only the last step is final', () => {
    const entries = parsePlanEntries('1:2m, 25%:7m, 50%, 100%', minutes);
    expect(planSteps(entries, 4, 300_000)).toEqual([
      { number: 1, count: 1, shares: '1, 25%', bakeMs: 420_000, final: false },
      { number: 2, count: 2, shares: '50%', bakeMs: 300_000, final: false },
      { number: 3, count: 4, shares: '100%', bakeMs: 300_000, final: true },
    ]);
    expect(planSteps(entries, 10, 300_000).map((step) => step.count)).toEqual([1, 3, 5, 10]);
  });

  it('takes canaries one region at a time, by id within a region', () => {
    const machine = (id: string, region: string) => ({ id, region }) as Machine;
    const order = canaryOrder([
      machine('d', 'iad'),
      machine('a', 'iad'),
      machine('c', 'ams'),
      machine('b', 'iad'),
      machine('e', 'syd'),
    ]);
    expect(order.map((entry) => `${entry.region}/${entry.id}`)).toEqual([
      'ams/c',
      'iad/a',
      'syd/e',
      'iad/b',
      'iad/d',
    ]);
  });
});
