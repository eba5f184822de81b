import { isExampleFile, isLoopbackHost, isPlaceholder } from '@shipgate/policy';
import { describe, expect, it } from 'vitest';

describe('placeholders', () => {
  it('recognises the usual placeholder shapes', () => {
    for (const value of [
      '',
      '<password>',
      '[YOUR-PASSWORD]',
      '$' + '{DB_PASSWORD}',
      '$DB_PASSWORD',
      '{{ secrets.X }}',
      'xxxx',
      '*****',
      'changeme',
      'your-api-key',
      'your_token',
      'REPLACE_ME',
      'example',
      'placeholder',
      'dummy',
      'secret',
      '{password}',
      'PASSWORD',
      'HOST',
      'DB_NAME',
    ]) {
      expect(isPlaceholder(value), value).toBe(true);
    }
  });

  it('does not take real-looking values for placeholders', () => {
    for (const value of [
      's3cret-Pa55-w0rd',
      'hunter22',
      'Tr0ub4dor&3',
      'postgres',
      'password',
      'db',
      'Password',
    ]) {
      expect(isPlaceholder(value), value).toBe(false);
    }
  });

  it('knows example files and loopback hosts', () => {
    expect(
      ['.env.example', 'apps/web/.env.sample', '.env.template', 'config.yml.example', 'x.template'].every(
        isExampleFile,
      ),
    ).toBe(true);
    expect(['.env', '.env.production', 'example.ts'].some(isExampleFile)).toBe(false);
    expect(['localhost', '127.0.0.1', '::1', 'db.localhost'].every(isLoopbackHost)).toBe(true);
    expect(isLoopbackHost('db.internal')).toBe(false);
  });
});
