import { describe, expect, it } from 'vitest';
import {
  formatStatusRanges,
  latencyStats,
  lookupJsonPath,
  parseJsonPath,
  parseStatusRange,
  percentile,
} from '../src/index';

describe('latency statistics', () => {
  it('takes nearest-rank percentiles of known numbers', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(
      percentile(
        [...hundred].sort((a, b) => a - b),
        50,
      ),
    ).toBe(50);
    expect(
      percentile(
        [...hundred].sort((a, b) => a - b),
        95,
      ),
    ).toBe(95);
    expect(latencyStats(hundred)).toEqual({ count: 100, min: 1, p50: 50, p95: 95, max: 100, mean: 50.5 });
    expect(latencyStats([30, 10, 20])).toMatchObject({ p50: 20, p95: 30, max: 30 });
    expect(latencyStats([7])).toMatchObject({ p50: 7, p95: 7, max: 7 });
    expect(latencyStats(Array.from({ length: 20 }, (_, i) => i + 1))).toMatchObject({ p50: 10, p95: 19 });
    expect(latencyStats([])).toBeUndefined();
  });
});

describe('status expectations', () => {
  it('reads codes, ranges and classes, and writes them back', () => {
    expect(parseStatusRange(204)).toEqual({ from: 204, to: 204 });
    expect(parseStatusRange('200 - 299')).toEqual({ from: 200, to: 299 });
    expect(parseStatusRange('3XX')).toEqual({ from: 300, to: 399 });
    for (const bad of ['600', '299-200', 'ok', '20', '6xx'])
      expect(parseStatusRange(bad), bad).toBeUndefined();
    expect(formatStatusRanges([{ from: 200, to: 299 }])).toBe('2xx');
    expect(
      formatStatusRanges([
        { from: 200, to: 200 },
        { from: 301, to: 308 },
      ]),
    ).toBe('one of 200, 301-308');
  });
});

describe('JSON paths', () => {
  const data = { a: { b: [10, { 'c d': true }] }, list: [] };
  it('reads names, quoted keys and indexes', () => {
    expect(lookupJsonPath(data, parseJsonPath('$.a.b[0]') as never)).toEqual({ found: true, value: 10 });
    expect(lookupJsonPath(data, parseJsonPath('$.a.b[-1]["c d"]') as never)).toEqual({
      found: true,
      value: true,
    });
    expect(lookupJsonPath(data, parseJsonPath("$['a']") as never)).toEqual({ found: true, value: data.a });
    expect(lookupJsonPath(data, parseJsonPath('$') as never)).toEqual({ found: true, value: data });
  });
  it('says where a path stops', () => {
    expect(lookupJsonPath(data, parseJsonPath('$.list[0]') as never)).toEqual({
      found: false,
      missing: '$.list[0] does not exist',
    });
    expect(lookupJsonPath(data, parseJsonPath('$.a.b.c') as never)).toEqual({
      found: false,
      missing: '$.a.b is not an object',
    });
    expect(lookupJsonPath(data, parseJsonPath('$.a[0]') as never)).toEqual({
      found: false,
      missing: '$.a is not an array',
    });
    expect(parseJsonPath('a.b')).toMatch(/starts with '\$'/);
    expect(parseJsonPath('$.a..b')).toMatch(/at '\.\.b'/);
  });
});
