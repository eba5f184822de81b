import { defineAction } from '@shipgate/kit';
import { evidenceGateInputs, evidenceGateOutputs } from './inputs';

export const evidenceGate = defineAction({
  name: 'evidence-gate',
  inputs: evidenceGateInputs,
  outputs: evidenceGateOutputs,
  async run(inputs, context) {
    // Loaded on demand: the parsers, YAML and the XML reader are most of the bundle.
    const { gate } = await import('./gate');
    return gate(inputs, context);
  },
});
