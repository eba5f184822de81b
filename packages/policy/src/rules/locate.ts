/** A 1-based line and column (UTF-16 units, as editors count). */
export interface Position {
  line: number;
  column: number;
}

/**
 * Turns offsets in a text into lines and columns. Line starts are computed on first use only, so a file
 * without findings never pays for them.
 */
export class Locator {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  /** The line and column of a character offset. */
  position(offset: number): Position {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    const start = starts[line - 1] ?? this.text.length;
    const next = starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  /** The offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.lineStarts()[line - 1] ?? this.text.length;
  }

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      for (let index = this.text.indexOf('\n'); index !== -1; index = this.text.indexOf('\n', index + 1)) {
        starts.push(index + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }
}
