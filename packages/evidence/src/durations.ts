const units: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `90m`, `24h`, `7d`, `2w` (and combinations such as `1d12h`) in milliseconds; `none` or `0` is no limit. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'none' || value === '0') return undefined;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)\s*([smhdw])/g)];
  const joined = parts.map((part) => part[0]).join('');
  if (parts.length === 0 || joined.replace(/\s/g, '') !== value.replace(/\s/g, '')) {
    throw new Error(
      `'${text}' is not a duration; expected a number with a unit (s, m, h, d, w) such as 24h, or none`,
    );
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * units[unit!]!, 0);
}

/** A duration the way people say it: 3 d 4 h, 25 min, 40 s. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${Math.round(abs / 1000)} s`;
  if (abs < 3_600_000) return `${Math.round(abs / 60_000)} min`;
  if (abs < 86_400_000) {
    const hours = Math.floor(abs / 3_600_000);
    const minutes = Math.round((abs % 3_600_000) / 60_000);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.round((abs % 86_400_000) / 3_600_000);
  return hours ? `${days} d ${hours} h` : `${days} d`;
}
