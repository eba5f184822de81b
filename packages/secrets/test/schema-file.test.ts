import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMirrorConfig, mirrorConfigJsonSchema } from '../src/index';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

describe('the mirror file people write', () => {
  it('has a committed JSON Schema that matches the zod schema (npx tsx scripts/generate-schema.ts)', () => {
    const committed = JSON.parse(
      readFileSync(join(repoRoot, 'schemas', 'secret-mirror.schema.json'), 'utf8'),
    );
    expect(committed).toEqual(mirrorConfigJsonSchema());
  });

  it("accepts the sample app's mirror file", () => {
    const path = join(repoRoot, 'examples', 'shop-app', '.github', 'secret-mirror.yml');
    const config = loadMirrorConfig(readFileSync(path, 'utf8'), '.github/secret-mirror.yml');
    expect(config.mirrors.map((mirror) => mirror.name)).toEqual(['staging', 'production']);
    expect(config.parity).toEqual([['staging', 'production']]);
  });
});
