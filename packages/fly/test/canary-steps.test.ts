import { describe, expect, it } from 'vitest';
import { canarySteps } from '../src/deploy/index';

describe('canarySteps', () => {
  it.for([
    { spec: '1, 25%, 50%, 100%', machines: 4, steps: [1, 2, 4] },
    { spec: '1, 25%, 50%, 100%', machines: 10, steps: [1, 3, 5, 10] },
    { spec: '1, 25%, 50%, 100%', machines: 1, steps: [1] },
    { spec: '1 25% 50% 100%', machines: 8, steps: [1, 2, 4, 8] },
    { spec: ' 10% ,, 100% ', machines: 20, steps: [2, 20] },
    { spec: '10%, 100%', machines: 3, steps: [1, 3] },
    { spec: '33.3%, 100%', machines: 3, steps: [1, 3] },
    { spec: '12.5%, 100%', machines: 8, steps: [1, 8] },
    { spec: '1, 1, 2, 3', machines: 3, steps: [1, 2, 3] },
    { spec: '100%', machines: 5, steps: [5] },
    { spec: '2, 4', machines: 4, steps: [2, 4] },
  ])('$spec on $machines machines → $steps', ({ spec, machines, steps }) => {
    expect(canarySteps(spec, machines)).toEqual(steps);
  });

  it.for([
    { spec: '1, 30x, 100%', machines: 4, error: "'30x' is not a count or a percentage" },
    { spec: '1.5, 100%', machines: 4, error: "'1.5' is not a count or a percentage" },
    { spec: '-1, 100%', machines: 4, error: "'-1' is not a count or a percentage" },
    { spec: '', machines: 4, error: 'the canary plan has no steps; write e.g. 1, 25%, 50%, 100%' },
    { spec: ' , ', machines: 4, error: 'the canary plan has no steps; write e.g. 1, 25%, 50%, 100%' },
    { spec: '0, 100%', machines: 4, error: "'0' moves no machine; a step must be at least 1" },
    { spec: '0%, 100%', machines: 4, error: "'0%' moves no machine; a step must be more than 0%" },
    { spec: '1, 150%', machines: 4, error: "'150%' is more than 100%" },
    { spec: '1, 6', machines: 4, error: "'6' is more than the app's 4 machines" },
    {
      spec: '50%, 1, 100%',
      machines: 4,
      error: "steps must not go down: '1' (1 machine) comes after '50%' (2 machines)",
    },
    { spec: '1, 25%, 50%', machines: 4, error: "the last step must be 100%: '50%' reaches 2 of 4 machines" },
    { spec: '1, 100%', machines: 0, error: 'a canary needs at least 1 machine, got 0' },
  ])('refuses $spec on $machines machines', ({ spec, machines, error }) => {
    expect(() => canarySteps(spec, machines)).toThrow(new Error(error));
  });
});
