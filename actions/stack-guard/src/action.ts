import { defineAction } from '@shipgate/kit';
import { stackGuardInputs, stackGuardOutputs } from './inputs';

export const stackGuard = defineAction({
  name: 'stack-guard',
  inputs: stackGuardInputs,
  outputs: stackGuardOutputs,
  async run(inputs, context) {
    // Loaded on demand: the policy engine (YAML, TOML, secretlint) is most of the bundle's start-up cost.
    const { guard } = await import('./guard');
    return guard(inputs, context);
  },
});
