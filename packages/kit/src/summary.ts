export type Cell = string | number | boolean | null | undefined;

/** Builds the Markdown step summary; every table cell is escaped so data cannot break the layout. */
export class Summary {
  private readonly blocks: string[] = [];

  heading(text: string, level: 1 | 2 | 3 | 4 = 2): this {
    this.blocks.push(`${'#'.repeat(level)} ${inline(text)}`);
    return this;
  }

  paragraph(text: string): this {
    this.blocks.push(text);
    return this;
  }

  table(headers: string[], rows: Cell[][]): this {
    if (rows.length === 0) return this;
    const line = (cells: Cell[]) => `| ${cells.map(cell).join(' | ')} |`;
    this.blocks.push(
      [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n'),
    );
    return this;
  }

  list(items: string[]): this {
    if (items.length > 0) this.blocks.push(items.map((item) => `- ${inline(item)}`).join('\n'));
    return this;
  }

  code(text: string, language = ''): this {
    const fence = text.includes('```') ? '~~~~' : '```';
    this.blocks.push(`${fence}${language}\n${text}\n${fence}`);
    return this;
  }

  /** A Mermaid diagram; GitHub renders these in step summaries. */
  mermaid(source: string): this {
    return this.code(source, 'mermaid');
  }

  details(label: string, body: string): this {
    this.blocks.push(`<details><summary>${escapeHtml(label)}</summary>\n\n${body}\n\n</details>`);
    return this;
  }

  raw(markdown: string): this {
    this.blocks.push(markdown);
    return this;
  }

  get isEmpty(): boolean {
    return this.blocks.length === 0;
  }

  toString(): string {
    return this.blocks.length === 0 ? '' : `${this.blocks.join('\n\n')}\n`;
  }
}

function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Escapes text placed inside HTML in the summary (details labels). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text that comes from data (messages, paths) so Markdown cannot read `***` or `_x_` as emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#~]/g, (char) => `\\${char}`);
}
