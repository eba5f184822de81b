import { defineAction } from '@shipgate/kit';
import { smokeTestInputs } from './inputs';

export const smokeTest = defineAction({
  name: 'smoke-test',
  inputs: smokeTestInputs,
  async run(inputs, context) {
    // Loaded on demand: undici, YAML and zod are most of the bundle's start-up cost.
    const { smoke } = await import('./smoke');
    return smoke(inputs, context);
  },
});
