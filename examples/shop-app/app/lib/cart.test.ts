import { describe, expect, it } from 'vitest';
import { applyDiscount, formatPrice, subtotalCents } from './cart';

describe('subtotalCents', () => {
  it('adds every line', () => {
    expect(subtotalCents([{ sku: 'tee', unitCents: 2500, quantity: 2 }, { sku: 'cap', unitCents: 1999, quantity: 1 }])).toBe(6999);
  });

  it('is zero for an empty cart', () => {
    expect(subtotalCents([])).toBe(0);
  });
});

describe('applyDiscount', () => {
  it('takes a whole percentage off', () => {
    expect(applyDiscount(10_000, 15)).toBe(8500);
  });

  it('rounds to the nearest cent', () => {
    expect(applyDiscount(999, 10)).toBe(899);
  });

  it('refuses a discount that is not a whole percent', () => {
    expect(() => applyDiscount(1000, 12.5)).toThrow(RangeError);
    expect(() => applyDiscount(1000, 120)).toThrow(RangeError);
  });
});

describe('formatPrice', () => {
  it('formats cents as dollars', () => {
    expect(formatPrice(6999)).toBe('$69.99');
  });
});
