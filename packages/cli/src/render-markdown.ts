import { createStyle, type Style, visibleWidth } from './style';

export interface RenderOptions {
  color?: boolean;
  /** Width of horizontal rules; default 60. */
  width?: number;
}

type Align = 'left' | 'right' | 'center';

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (entities[name] !== undefined) return entities[name];
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return whole;
  });
}

function stripTags(text: string): string {
  return text.replace(/<br\s*\/?>/gi, ' ').replace(/<\/?[a-z][^>]*>/gi, '');
}

/** Inline Markdown to terminal text: emphasis, code spans, links; HTML tags stripped, entities decoded. */
function inline(text: string, style: Style): string {
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, index) => {
      if (index % 2 === 1) return style.cyan(part.replace(/^`+\s?|\s?`+$/g, ''));
      let out = stripTags(part);
      out = out.replace(
        /!\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g,
        (_w, alt: string) => `[image${alt ? `: ${alt}` : ''}]`,
      );
      out = out.replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_w, label: string, url: string) =>
        label === url ? style.underline(url) : `${label} (${style.underline(url)})`,
      );
      out = out.replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, (_w, _m, body: string) => style.bold(body));
      out = out.replace(/(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])/g, (_w, _m, body: string) =>
        style.italic(body),
      );
      out = out.replace(/~~(.+?)~~/g, (_w, body: string) => style.dim(body));
      return decodeEntities(out.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1'));
    })
    .join('');
}

function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\' && body[i + 1] === '|') {
      current += '|';
      i++;
    } else if (char === '|') {
      cells.push(current.trim());
      current = '';
    } else current += char;
  }
  cells.push(current.trim());
  return cells;
}

const separatorRow = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

function pad(text: string, width: number, align: Align): string {
  const gap = Math.max(0, width - visibleWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2));
  return text + ' '.repeat(gap);
}

function renderTable(lines: string[], style: Style): string[] {
  const header = splitRow(lines[0]!).map((cell) => style.bold(inline(cell, style)));
  const aligns: Align[] = splitRow(lines[1]!).map((cell) =>
    cell.startsWith(':') && cell.endsWith(':') ? 'center' : cell.endsWith(':') ? 'right' : 'left',
  );
  const rows = lines.slice(2).map((line) => splitRow(line).map((cell) => inline(cell, style)));
  const columns = Math.max(header.length, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(...[header, ...rows].map((row) => visibleWidth(row[column] ?? ''))),
  );
  const render = (cells: string[]) =>
    widths
      .map((width, column) => pad(cells[column] ?? '', width, aligns[column] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [
    render(header),
    style.dim(widths.map((width) => '─'.repeat(width)).join('  ')),
    ...rows.map(render),
  ];
}

/**
 * Renders a step summary's Markdown for a terminal: tables aligned as text tables, headings underlined or
 * bold, lists with bullets, code fences kept verbatim, `<details>` shown by their label, other HTML stripped.
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  const style = createStyle(options.color ?? false);
  const ruleWidth = options.width ?? 60;
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence !== undefined) {
      out.push(line.trim().startsWith(fence) ? style.dim(line) : line);
      if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    const opening = /^\s*(```+|~~~+)/.exec(line);
    if (opening) {
      fence = opening[1]!;
      out.push(style.dim(line));
      continue;
    }
    if (line.includes('|') && separatorRow.test(lines[i + 1] ?? '') && lines[i + 1]!.includes('-')) {
      const table = [line, lines[i + 1]!];
      i += 2;
      while (i < lines.length && lines[i]!.includes('|') && lines[i]!.trim() !== '') table.push(lines[i++]!);
      i--;
      out.push(...renderTable(table, style));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const text = inline(heading[2]!, style);
      if (level <= 2) {
        out.push(
          style.bold(text),
          style.dim((level === 1 ? '═' : '─').repeat(Math.max(3, visibleWidth(text)))),
        );
      } else out.push(style.bold(text));
      continue;
    }
    const summary = /<summary>(.*?)<\/summary>/i.exec(line);
    if (/<details\b/i.test(line) || summary) {
      if (summary) out.push(`${style.bold('▸')} ${style.bold(inline(summary[1]!, style))}`);
      const rest = stripTags(line.replace(/<summary>.*?<\/summary>/i, '')).trim();
      if (rest) out.push(inline(rest, style));
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push(style.dim('─'.repeat(ruleWidth)));
      continue;
    }
    const item = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      const task = /^\[([ xX])\]\s+(.*)$/.exec(item[3]!);
      const marker = task ? (task[1] === ' ' ? '☐' : '☑') : /\d/.test(item[2]!) ? item[2]! : '•';
      out.push(`${item[1]}  ${marker} ${inline(task ? task[2]! : item[3]!, style)}`);
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) {
      out.push(`${style.dim('│')} ${inline(quote[1]!, style)}`);
      continue;
    }
    const text = inline(line, style);
    // A line that held only tags (</details>, <p>) disappears instead of leaving a blank.
    if (text.trim() === '' && line.trim() !== '') continue;
    out.push(text);
  }
  // Collapse the runs of blank lines that stripped HTML leaves behind.
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '')}\n`;
}
