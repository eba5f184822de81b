// Regenerates the inputs and outputs tables of docs/actions/<name>.md from actions/<name>/action.yml, between
// the markers <!-- inputs:start --> … <!-- inputs:end --> and <!-- outputs:start --> … <!-- outputs:end -->.
// check-dist runs it, so a page can never disagree with its action.yml.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './bundles';

interface Manifest {
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
}

const cell = (text: string) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

function inputsTable(manifest: Manifest): string {
  const rows = Object.entries(manifest.inputs ?? {}).map(
    ([name, input]) =>
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default === undefined ? '' : `\`${cell(String(input.default))}\``} | ${cell(input.description ?? '')} |`,
  );
  return ['| input | required | default | description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function outputsTable(manifest: Manifest): string {
  const rows = Object.entries(manifest.outputs ?? {}).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description ?? '')} |`,
  );
  return ['| output | description |', '| --- | --- |', ...rows].join('\n');
}

function replaceBetween(text: string, marker: string, body: string, page: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to < from) throw new Error(`${page} lacks the ${start} … ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

const actionsDir = join(repoRoot, 'actions');
let changed = 0;
for (const name of readdirSync(actionsDir).sort()) {
  const manifestPath = join(actionsDir, name, 'action.yml');
  if (!existsSync(manifestPath)) continue;
  const page = join(repoRoot, 'docs', 'actions', `${name}.md`);
  if (!existsSync(page)) throw new Error(`docs/actions/${name}.md is missing`);
  const manifest = parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const before = readFileSync(page, 'utf8');
  let after = replaceBetween(before, 'inputs', inputsTable(manifest), page);
  after = replaceBetween(after, 'outputs', outputsTable(manifest), page);
  if (after !== before) {
    writeFileSync(page, after);
    changed++;
  }
}
console.log(changed === 0 ? 'docs tables are up to date' : `updated the tables of ${changed} docs pages`);
