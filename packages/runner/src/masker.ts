/** The runner's secret masker: every registered value is replaced by `***` wherever it appears. */
export class Masker {
  private readonly values = new Set<string>();

  /**
   * Registers a secret as `::add-mask::` does: the whole value, and each of its lines trimmed (empty
   * lines skipped), so a multi-line secret is masked even when it is printed line by line.
   */
  add(value: string): void {
    if (value.trim() === '') return;
    this.values.add(value);
    for (const line of value.split(/[\r\n]+/)) {
      const trimmed = line.trim();
      if (trimmed !== '') this.values.add(trimmed);
    }
  }

  get size(): number {
    return this.values.size;
  }

  /** True when the text holds any registered secret. */
  matches(text: string): boolean {
    for (const value of this.values) if (text.includes(value)) return true;
    return false;
  }

  /** Replaces every occurrence of every secret; overlapping occurrences merge into one `***`. */
  mask(text: string): string {
    if (this.values.size === 0 || text === '') return text;
    const ranges: [number, number][] = [];
    for (const value of this.values) {
      for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
        ranges.push([at, at + value.length]);
      }
    }
    if (ranges.length === 0) return text;
    ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let out = '';
    let cursor = 0;
    let current = ranges[0]!;
    for (const range of ranges.slice(1)) {
      if (range[0] <= current[1]) current = [current[0], Math.max(current[1], range[1])];
      else {
        out += `${text.slice(cursor, current[0])}***`;
        cursor = current[1];
        current = range;
      }
    }
    return `${out}${text.slice(cursor, current[0])}***${text.slice(current[1])}`;
  }
}
