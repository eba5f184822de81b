import { describe, expect, it } from 'vitest';
import { errorMessage } from '../src/index';

describe('errorMessage', () => {
  it.each([
    [new Error('boom'), 'boom'],
    [new Error('outer', { cause: new Error('inner') }), 'outer: inner'],
    ['a string\nover two lines', 'a string over two lines'],
    [{ status: 500 }, '{"status":500}'],
    [undefined, 'undefined'],
    [new TypeError(''), 'TypeError'],
  ])('turns %o into one line', (thrown, expected) => {
    expect(errorMessage(thrown)).toBe(expected);
  });
});
