// The dotenv syntax a vault file may use, checked line by line before dotenv's own parser reads the values.
// dotenv skips what it does not understand and keeps the last of two assignments; a vault file that says
// something other than what it seems to must stop the mirror instead, with the file and line.
//
// Accepted, each on its own line:
//   blank lines, and comments (`# …`, after optional spaces)
//   KEY=value, KEY = value, KEY: value, each optionally after `export `; KEY is letters, digits, _ . -
//   the value bare (up to an optional ` # comment`), or quoted in '…', "…" or `…`, which may span lines
//   (a quote inside is escaped with a backslash), followed by nothing but spaces and an optional comment.

export interface DotenvAssignment {
  key: string;
  /** 1-based line of the key. */
  line: number;
}

export interface DotenvScan {
  assignments: DotenvAssignment[];
  /** `line N: why`, in file order; no problem quotes the value. */
  problems: Array<{ line: number; problem: string }>;
}

const assignmentStart = /[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+)/y;
const quotes = new Set(["'", '"', '`']);

/** Every assignment of a dotenv text with its line, and every line that is not in the accepted syntax. */
export function scanDotenv(input: string): DotenvScan {
  const text = input.replace(/\r\n?/g, '\n');
  const assignments: DotenvAssignment[] = [];
  const problems: DotenvScan['problems'] = [];
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    const end = lineEnd(text, offset);
    const content = text.slice(offset, end);
    if (/^[ \t]*(?:#.*)?$/.test(content)) {
      [offset, line] = [end + 1, line + 1];
      continue;
    }
    assignmentStart.lastIndex = offset;
    const start = assignmentStart.exec(text);
    if (!start || start.index !== offset || assignmentStart.lastIndex > end) {
      problems.push({ line, problem: 'is not KEY=value, a comment or a blank line' });
      [offset, line] = [end + 1, line + 1];
      continue;
    }
    const key = start[1] as string;
    assignments.push({ key, line });
    const valueStart = assignmentStart.lastIndex;
    const quote = text[valueStart] ?? '';
    if (!quotes.has(quote)) {
      [offset, line] = [end + 1, line + 1];
      continue;
    }
    const close = closingQuote(text, valueStart + 1, quote);
    if (close === undefined) {
      problems.push({ line, problem: `${key}: the ${quoteName(quote)} opened here is never closed` });
      break;
    }
    const closeLineEnd = lineEnd(text, close);
    const spanned = countNewlines(text, valueStart, close);
    if (!/^[ \t]*(?:#.*)?$/.test(text.slice(close + 1, closeLineEnd))) {
      problems.push({
        line: line + spanned,
        problem: `${key}: only a comment may follow the closing ${quoteName(quote)}`,
      });
    }
    [offset, line] = [closeLineEnd + 1, line + spanned + 1];
  }
  return { assignments, problems };
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

/** The index of the quote that closes one opened before `from`, skipping backslash-escaped ones. */
function closingQuote(text: string, from: number, quote: string): number | undefined {
  for (let index = from; index < text.length; index++) {
    if (text[index] === '\\' && text[index + 1] === quote) index++;
    else if (text[index] === quote) return index;
  }
  return undefined;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) if (text.charCodeAt(index) === 10) count++;
  return count;
}

function quoteName(quote: string): string {
  return quote === '"' ? 'double quote' : quote === "'" ? 'single quote' : 'backtick';
}
