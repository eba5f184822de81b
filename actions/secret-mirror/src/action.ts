import { defineAction, InputError } from '@shipgate/kit';
import { secretMirrorInputs, secretMirrorOutputs } from './inputs';

export const secretMirror = defineAction({
  name: 'secret-mirror',
  inputs: secretMirrorInputs,
  outputs: secretMirrorOutputs,
  async run(inputs, context) {
    // Every mirror needs GitHub (targets, and the digest state of every target): ask before loading the engine.
    if (!inputs['github-token']?.trim() && !process.env.GH_TOKEN?.trim()) {
      throw new InputError(
        'github-token',
        "Input 'github-token' is required: a token that may write Actions secrets, variables and environments (the workflow's GITHUB_TOKEN cannot), from a secret.",
      );
    }
    // Loaded on demand: Octokit, libsodium, the Fly client and the YAML reader are most of the bundle.
    const { mirrorAction } = await import('./mirror');
    return mirrorAction(inputs, context);
  },
});
