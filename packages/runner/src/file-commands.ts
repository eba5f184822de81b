/** The result of reading a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file. */
export interface KeyValueFile {
  /** In file order; a later pair with the same name wins when applied. */
  pairs: [string, string][];
  /** Set when the file is malformed; the pairs read before the error are kept, as the runner keeps them. */
  error?: string;
}

interface Line {
  text: string;
  /** False for a last line that has no trailing newline. */
  terminated: boolean;
}

function readLine(text: string, index: number): [Line | undefined, number] {
  if (index >= text.length) return [undefined, index];
  const lf = text.indexOf('\n', index);
  if (lf < 0) return [{ text: text.slice(index), terminated: false }, text.length];
  return [{ text: text.slice(index, lf), terminated: true }, lf + 1];
}

/**
 * Parses the key-value file format exactly as the runner's EnvFileKeyValuePairs does: `NAME=value` or a
 * `NAME<<DELIMITER` heredoc, whichever of `=` and `<<` comes first; the value ends before the newline
 * that precedes a line equal to the delimiter. Lines split on `\n` only (a Linux runner).
 */
export function parseKeyValueFile(text: string): KeyValueFile {
  const pairs: [string, string][] = [];
  let index = 0;
  let line: Line | undefined;
  [line, index] = readLine(text, index);
  while (line) {
    const current = line.text;
    if (current !== '') {
      const equals = current.indexOf('=');
      const heredoc = current.indexOf('<<');
      if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
        pairs.push([current.slice(0, equals), current.slice(equals + 1)]);
      } else if (heredoc >= 0) {
        const name = current.slice(0, heredoc);
        const delimiter = current.slice(heredoc + 2);
        if (name === '' || delimiter === '') {
          return {
            pairs,
            error: `Invalid format '${current}'. Name must not be empty and delimiter must not be empty`,
          };
        }
        const start = index;
        let end = index;
        let valueLine: Line | undefined;
        [valueLine, index] = readLine(text, index);
        while (valueLine?.text !== delimiter) {
          if (!valueLine)
            return { pairs, error: `Invalid value. Matching delimiter not found '${delimiter}'` };
          if (!valueLine.terminated) return { pairs, error: 'Invalid value. EOF marker missing new line.' };
          end = index - 1;
          [valueLine, index] = readLine(text, index);
        }
        pairs.push([name, end > start ? text.slice(start, end) : '']);
      } else {
        return { pairs, error: `Invalid format '${current}'` };
      }
    }
    [line, index] = readLine(text, index);
  }
  return { pairs };
}

/** Reads a GITHUB_PATH file: one directory per line, blank lines skipped. */
export function parsePathFile(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
