import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const schemaFile = join(
  dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib/schemas/sarif-2.1.0-rtm.5.json',
);

/**
 * A validator for the official SARIF 2.1.0 schema. The published schema is draft-04, which ajv 8 does not
 * load; ajv 8's default is draft-07. The schema uses only keywords that mean the same in both drafts, so
 * renaming its `id` to `$id` is enough. Its `language` pattern has a stray `]` that only a non-unicode
 * RegExp accepts, hence unicodeRegExp: false.
 */
export function sarifValidator() {
  const { $schema: _draft04, id, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile({ ...schema, $id: id });
}

/** The schema file itself, for tests that inspect it. */
export const sarifSchemaFile = schemaFile;
