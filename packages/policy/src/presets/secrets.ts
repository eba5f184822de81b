import { databaseSchemes } from '../url-userinfo';
import { noSecretsRule } from './fly-supabase';
import type { Preset } from './preset';

export const secretsPreset: Preset = {
  name: 'secrets',
  description: 'Leak checks only: secrets in code, and database URLs with an embedded password.',
  rules: [
    noSecretsRule,
    {
      id: 'no-dsn-passwords',
      kind: 'connection-strings',
      description:
        'Database URLs carry no password (placeholders and localhost aside); passwords belong in secrets.',
      schemes: [...databaseSchemes],
      'forbid-password': true,
    },
  ],
};
