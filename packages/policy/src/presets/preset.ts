import type { RuleConfig } from '../config-schema';

/** A built-in preset: rules written as policy-file data, validated by the same schema as a policy file. */
export interface Preset {
  name: string;
  description: string;
  rules: (RuleConfig & { description: string })[];
}
