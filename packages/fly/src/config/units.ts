// The value formats fly.toml uses: memory sizes, Go durations, and commands written as one shell-like string.

const bytesPerUnit: Record<string, number> = {
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};

/**
 * Megabytes (MiB) from a fly.toml memory value: `"1gb"` → 1024, `"512mb"` → 512, `"2048"` or 2048 → 2048.
 * Units are binary and case-insensitive (`k`, `kb`, `kib`, `m`, `g`, `t`, `b`), as flyctl reads them; a bare
 * number is megabytes.
 */
export function parseMemory(value: string | number): number {
  const invalid = () =>
    new Error(`invalid memory size '${value}': write a size like "512mb" or "1gb", or a number of megabytes`);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value <= 0) throw invalid();
    return value;
  }
  const match = /^(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|(b))?$/i.exec(value.trim());
  if (!match) throw invalid();
  const amount = Number(match[1]);
  const unit = (match[2] ?? match[3])?.toLowerCase();
  const megabytes = unit === undefined ? amount : Math.floor((amount * bytesPerUnit[unit]!) / 1024 ** 2);
  if (!Number.isInteger(megabytes) || megabytes <= 0) throw invalid();
  return megabytes;
}

/** Whole gigabytes from a volume size (`"10gb"`, `"500gb"`, 10); used for mount auto-extension. */
export function parseSizeGb(value: string | number): number {
  return typeof value === 'number' ? value : Math.floor(parseMemory(value) / 1024);
}

const nanosecondsPerUnit: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/**
 * Milliseconds from a Go duration string (`"1m30s"` → 90000, `"1.5s"`, `"250ms"`, `"2h45m"`), the format of
 * every duration in fly.toml and the Machines API. Throws on anything `time.ParseDuration` would reject.
 */
export function parseDuration(text: string): number {
  const invalid = () => new Error(`invalid duration '${text}': write it like "15s", "1m30s" or "500ms"`);
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let nanoseconds = 0;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== '') {
    const match = part.exec(rest);
    if (!match) throw invalid();
    nanoseconds += Number(match[1]) * nanosecondsPerUnit[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return (sign * nanoseconds) / 1e6;
}

/** True when `parseDuration` accepts the text. */
export function isDuration(text: string): boolean {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}

/** A Go duration string as Go's `Duration.String()` writes it (90000 → `"1m30s"`, 300000 → `"5m0s"`). */
export function formatDuration(milliseconds: number): string {
  let nanoseconds = Math.round(milliseconds * 1e6);
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  nanoseconds = Math.abs(nanoseconds);
  const decimal = (value: number, scale: number) => {
    const whole = Math.floor(value / scale);
    const fraction = value % scale;
    if (fraction === 0) return `${whole}`;
    const digits = String(scale).length - 1;
    return `${whole}.${String(fraction).padStart(digits, '0').replace(/0+$/, '')}`;
  };
  if (nanoseconds < 1e3) return `${sign}${nanoseconds}ns`;
  if (nanoseconds < 1e6) return `${sign}${decimal(nanoseconds, 1e3)}µs`;
  if (nanoseconds < 1e9) return `${sign}${decimal(nanoseconds, 1e6)}ms`;
  const hours = Math.floor(nanoseconds / 3600e9);
  const minutes = Math.floor((nanoseconds % 3600e9) / 60e9);
  const seconds = `${decimal(nanoseconds % 60e9, 1e9)}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}

/**
 * Splits a command the way flyctl does (google/shlex, POSIX-like): blanks separate words; single quotes keep
 * everything literally; double quotes keep blanks and honour `\"`, `\\`, `\$` and `` \` ``; outside quotes a
 * backslash takes the next character literally; `#` at the start of a word comments out the rest of the line.
 * Throws on an unclosed quote or a trailing backslash.
 */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let index = 0;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (index < command.length) {
    const char = command[index]!;
    if (/\s/.test(char)) {
      endWord();
      index++;
    } else if (char === '#' && !inWord) {
      while (index < command.length && command[index] !== '\n') index++;
    } else if (char === "'") {
      const close = command.indexOf("'", index + 1);
      if (close === -1) throw new Error(`unclosed single quote in command: ${command}`);
      word += command.slice(index + 1, close);
      inWord = true;
      index = close + 1;
    } else if (char === '"') {
      index++;
      inWord = true;
      for (;;) {
        if (index >= command.length) throw new Error(`unclosed double quote in command: ${command}`);
        const inner = command[index]!;
        if (inner === '"') break;
        if (inner === '\\' && index + 1 < command.length && '"\\$`\n'.includes(command[index + 1]!)) {
          if (command[index + 1] !== '\n') word += command[index + 1];
          index += 2;
        } else {
          word += inner;
          index++;
        }
      }
      index++;
    } else if (char === '\\') {
      if (index + 1 >= command.length) throw new Error(`trailing backslash in command: ${command}`);
      if (command[index + 1] !== '\n') {
        word += command[index + 1];
        inWord = true;
      }
      index += 2;
    } else {
      word += char;
      inWord = true;
      index++;
    }
  }
  endWord();
  return words;
}
