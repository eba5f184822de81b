const unitsInMb: Record<string, number> = {
  b: 1 / (1024 * 1024),
  k: 1 / 1024,
  m: 1,
  g: 1024,
  t: 1024 * 1024,
};

/**
 * A number, or a size in MB: 2048 and "2048" are taken as they are (fly.toml memory is in MB), "512mb" is 512,
 * "1gb" 1024, "1GiB" 1024. Undefined when the value is neither.
 */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:([kmgt])(?:i?b)?|(b))?\s*$/i.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? match[3])?.toLowerCase();
  return unit === undefined ? amount : amount * unitsInMb[unit]!;
}
