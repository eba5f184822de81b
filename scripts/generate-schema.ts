// Writes schemas/stack-guard.schema.json from the policy's zod schema; a test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyJsonSchema } from '@shipgate/policy';

const target = join(import.meta.dirname, '..', 'schemas', 'stack-guard.schema.json');
writeFileSync(target, `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
