import { existsSync } from 'node:fs';
import { defineAction } from '@shipgate/kit';
import { evidenceGateInputs, evidenceGateOutputs } from './inputs';

export const evidenceGate = defineAction({
  name: 'evidence-gate',
  inputs: evidenceGateInputs,
  outputs: evidenceGateOutputs,
  check(inputs, refuse) {
    if (inputs.thresholds && inputs['thresholds-file']) {
      refuse(
        ['thresholds', 'thresholds-file'],
        'exclude each other: give the thresholds inline or as a file.',
      );
    }
    if (inputs.lighthouserc && /\.[cm]?js$/.test(inputs.lighthouserc)) {
      refuse(
        ['lighthouserc'],
        'is JavaScript, which shipgate does not run: use a .lighthouserc.json or .yml.',
      );
    }
    if (inputs.mode === 'gate' && inputs.reports.length === 0) {
      refuse(['reports'], 'is required in gate mode: name the report files, folders or globs.');
    }
    if (inputs.mode === 'verify' && !inputs.manifest) {
      refuse(['manifest'], 'is required in verify mode: the evidence-manifest.json to check.');
    }
    if (inputs.mode === 'verify' && inputs.manifest && !existsSync(inputs.manifest)) {
      refuse(
        ['manifest'],
        `names no file (${inputs.manifest}): verify mode checks a manifest written earlier.`,
      );
    }
  },
  async run(inputs, context) {
    // Loaded on demand: the parsers, YAML and the XML reader are most of the bundle.
    const { gate } = await import('./gate');
    return gate(inputs, context);
  },
});
