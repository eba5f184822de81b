import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/render-markdown';

describe('renderMarkdown', () => {
  it('aligns tables as text tables, honouring column alignment and escaped pipes', () => {
    const text = renderMarkdown(
      [
        '| Severity | Rule | Line |',
        '| --- | :---: | ---: |',
        '| error | a \\| b | 12 |',
        '| warning | **dsn** | 3 |',
      ].join('\n'),
    );
    expect(text).toBe(
      [
        'Severity  Rule   Line',
        '────────  ─────  ────',
        'error     a | b    12',
        'warning    dsn      3',
        '',
      ].join('\n'),
    );
  });

  it('underlines top headings and keeps lower ones as plain bold lines', () => {
    expect(renderMarkdown('# Title\n\n### Small')).toBe('Title\n═════\n\nSmall\n');
    expect(renderMarkdown('## Report', { color: true })).toBe(
      '\x1b[1mReport\x1b[22m\n\x1b[2m──────\x1b[22m\n',
    );
  });

  it('renders lists, links and inline code, and decodes entities', () => {
    expect(renderMarkdown('- see [docs](https://x.test/a) &amp; `a*b*c`\n  1. nested\n- [x] done')).toBe(
      '  • see docs (https://x.test/a) & a*b*c\n    1. nested\n  ☑ done\n',
    );
  });

  it('keeps code fences verbatim, Markdown inside them untouched', () => {
    const md = '```json\n{"a": "**x** | y"}\n```';
    expect(renderMarkdown(md)).toBe(`${md}\n`);
  });

  it('shows <details> by their label and strips other HTML', () => {
    const md = '<details><summary>All <b>3</b> findings</summary>\n\n<p>body</p> text\n\n</details>\n\nafter';
    expect(renderMarkdown(md)).toBe('▸ All 3 findings\n\nbody text\n\nafter\n');
  });

  it('uses no escape codes without colour', () => {
    const text = renderMarkdown('**bold** _it_ `code` [l](u)\n\n---');
    expect(text).toBe(`bold it code l (u)\n\n${'─'.repeat(60)}\n`);
  });
});
