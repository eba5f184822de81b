// Writes the JSON Schemas of the files people write (stack-guard policies, evidence-gate thresholds, secret-mirror files) from their
// zod schemas, for editors; a test fails when a committed schema is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { thresholdsJsonSchema } from '@shipgate/evidence';
import { policyJsonSchema } from '@shipgate/policy';
import { mirrorConfigJsonSchema } from '@shipgate/secrets';

const schemas = {
  'stack-guard.schema.json': policyJsonSchema(),
  'evidence-gate.schema.json': thresholdsJsonSchema(),
  'secret-mirror.schema.json': mirrorConfigJsonSchema(),
};
for (const [name, schema] of Object.entries(schemas)) {
  const target = join(import.meta.dirname, '..', 'schemas', name);
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${target}`);
}
