import * as github from '@actions/github';
import { describe, expect, it } from 'vitest';
import { context } from '../src/github-context';

describe('the run context the kit loads', () => {
  it("is @actions/github's own Context, read from the same environment as github.context", () => {
    expect(context).toBeInstanceOf(github.context.constructor);
    expect({ ...context }).toEqual({ ...github.context });
  });
});
