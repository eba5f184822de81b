// Cart arithmetic in integer cents: a Shopify checkout never sees a float.

export interface CartLine {
  sku: string;
  unitCents: number;
  quantity: number;
}

export function subtotalCents(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.unitCents * line.quantity, 0);
}

/** A whole-percent discount, rounded to the nearest cent, never below zero. */
export function applyDiscount(cents: number, percent: number): number {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`discount must be a whole percent from 0 to 100, got ${percent}`);
  }
  return Math.max(0, Math.round((cents * (100 - percent)) / 100));
}

export function formatPrice(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}
