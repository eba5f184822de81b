import { defineAction } from '@shipgate/kit';
import { smokeTestInputs, smokeTestOutputs } from './inputs';

export const smokeTest = defineAction({
  name: 'smoke-test',
  inputs: smokeTestInputs,
  outputs: smokeTestOutputs,
  async run(inputs, context) {
    // Loaded on demand: undici, YAML and zod are most of the bundle's start-up cost.
    const { smoke } = await import('./smoke');
    return smoke(inputs, context);
  },
});
