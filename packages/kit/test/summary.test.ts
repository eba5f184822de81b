import { describe, expect, it } from 'vitest';
import { escapeMarkdown, Summary } from '../src/index';

describe('Summary', () => {
  it('renders headings, tables, lists and code as GitHub Markdown', () => {
    const md = new Summary()
      .heading('stack-guard')
      .table(
        ['rule', 'file'],
        [
          ['no-remix', 'a|b.json'],
          ['x', 'line1\nline2'],
        ],
      )
      .list(['one', 'two'])
      .mermaid('graph TD; A-->B')
      .toString();
    expect(md).toBe(
      [
        '## stack-guard',
        '',
        '| rule | file |\n| --- | --- |\n| no-remix | a\\|b.json |\n| x | line1<br>line2 |',
        '',
        '- one\n- two',
        '',
        '```mermaid\ngraph TD; A-->B\n```',
        '',
      ].join('\n'),
    );
  });

  it('leaves out an empty table and escapes details labels', () => {
    const md = new Summary().table(['a'], []).details('<b>x</b>', 'body').toString();
    expect(md).toBe('<details><summary>&lt;b&gt;x&lt;/b&gt;</summary>\n\nbody\n\n</details>\n');
  });

  it('is empty until something is added', () => {
    expect(new Summary().isEmpty).toBe(true);
    expect(new Summary().toString()).toBe('');
  });
});

describe('escapeMarkdown', () => {
  it('keeps data from turning into emphasis, code or links', () => {
    expect(escapeMarkdown('postgres://u:***@h/_db_ [x](y) `c`')).toBe(
      'postgres://u:\\*\\*\\*@h/\\_db\\_ \\[x\\](y) \\`c\\`',
    );
  });
});
