import { ruleSchema } from '../config-schema';
import { flySupabase } from './fly-supabase';
import type { Preset } from './preset';
import { secretsPreset } from './secrets';

export type { Preset } from './preset';

const presets: Record<string, Preset> = {
  [flySupabase.name]: flySupabase,
  [secretsPreset.name]: secretsPreset,
};

/** The names of the built-in presets. */
export const presetNames = Object.keys(presets);

/** A built-in preset by name, its rules checked against the policy schema; undefined when there is none. */
export function getPreset(name: string): Preset | undefined {
  const preset = Object.hasOwn(presets, name) ? presets[name] : undefined;
  if (!preset) return undefined;
  for (const rule of preset.rules) {
    const checked = ruleSchema.safeParse(rule);
    if (!checked.success) {
      throw new Error(`preset ${name}, rule ${rule.id}: ${checked.error.issues[0]?.message ?? 'invalid'}`);
    }
  }
  return preset;
}
