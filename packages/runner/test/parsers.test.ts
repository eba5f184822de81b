import { describe, expect, it } from 'vitest';
import { escapeProperty, unescapeData, unescapeProperty } from '../src/escaping';
import { type ExpressionContext, evaluateExpressions } from '../src/expressions';
import { parseKeyValueFile } from '../src/file-commands';
import { parseActionManifest } from '../src/manifest';
import { Masker } from '../src/masker';
import { parseWorkflowCommand } from '../src/workflow-commands';

describe('parseKeyValueFile', () => {
  it('takes whichever of = and << comes first', () => {
    expect(parseKeyValueFile('a=b<<c\nd<<E=F\nx=F\nE=F\n')).toEqual({
      pairs: [
        ['a', 'b<<c'],
        ['d', 'x=F'],
      ],
    });
  });

  it('accepts a delimiter on the last line without a newline, and empty values', () => {
    expect(parseKeyValueFile('\n\nk<<EOF\nEOF')).toEqual({ pairs: [['k', '']] });
    expect(parseKeyValueFile('k<<EOF\n\nEOF\n')).toEqual({ pairs: [['k', '']] });
  });

  it('needs the delimiter as a whole line', () => {
    expect(parseKeyValueFile('k<<EOF\n EOF\nEOF \n').error).toBe(
      "Invalid value. Matching delimiter not found 'EOF'",
    );
  });

  it('names the errors as the runner does', () => {
    expect(parseKeyValueFile('k<<\nv\n').error).toBe(
      "Invalid format 'k<<'. Name must not be empty and delimiter must not be empty",
    );
    expect(parseKeyValueFile('just text\n').error).toBe("Invalid format 'just text'");
    expect(parseKeyValueFile('k<<EOF\nv').error).toBe('Invalid value. EOF marker missing new line.');
  });
});

describe('parseWorkflowCommand', () => {
  it('parses like TryParseV2: leading spaces, case-insensitive names and keys, empty pairs dropped', () => {
    expect(parseWorkflowCommand('   ::Warning File=a%2Cb.ts,,line=,=x,col=3::msg :: with colons')).toEqual({
      command: 'warning',
      properties: { file: 'a,b.ts', col: '3' },
      data: 'msg :: with colons',
    });
    expect(parseWorkflowCommand('::nope::x')).toBeUndefined();
    expect(parseWorkflowCommand('::error no end')).toBeUndefined();
  });

  it('round-trips the escaping of @actions/core, % decoded last', () => {
    const value = 'a:b,c%0A\r\nd%';
    expect(unescapeProperty(escapeProperty(value))).toBe(value);
    expect(unescapeData('100%25 %250A')).toBe('100% %0A');
  });
});

describe('Masker', () => {
  it('masks whole values and each trimmed line, merging overlaps', () => {
    const masker = new Masker();
    masker.add('abc\n  def  \n');
    masker.add('cdx');
    expect(masker.mask('xxabcdxx def abc\ndef')).toBe('xx***x *** ***\n***');
    expect(masker.size).toBe(4);
  });
});

describe('evaluateExpressions', () => {
  const context = { 'github.workspace': '/ws', 'runner.temp': '/tmp/r' } as ExpressionContext;
  it('replaces each supported reference and names an unsupported one', () => {
    expect(evaluateExpressions(`\${{ github.workspace }}/a:\${{runner.temp}}`, context)).toBe('/ws/a:/tmp/r');
    expect(() => evaluateExpressions(`\${{ inputs.x || 'y' }}`, context)).toThrow(
      /^unsupported expression \$\{\{ inputs\.x \|\| 'y' \}\}/,
    );
  });
});

describe('parseActionManifest', () => {
  it('reads inputs, outputs and runs, and names what is wrong', () => {
    const manifest = parseActionManifest(
      'name: x\ninputs:\n  a:\n    required: true\n  b:\n    default: 3\noutputs:\n  o:\nruns:\n  using: node24\n  main: dist/index.js\n  post: dist/post.js\n',
    );
    expect(manifest.inputs).toEqual({
      a: { description: '', required: true },
      b: { description: '', required: false, default: '3' },
    });
    expect(manifest.outputs).toEqual({ o: { description: '' } });
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post.js' });
    expect(() =>
      parseActionManifest('name: x\nruns:\n  using: docker\n  main: a.js\n', 'a/action.yml'),
    ).toThrow(/^a\/action\.yml: runs\.using: a JavaScript action/);
  });
});
