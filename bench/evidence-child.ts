// One memory measurement for bench/evidence.ts, in a process of its own: `none` only reads the file,
// `json` JSON.parses it, `parse` runs parseReport (its modules loaded first, as an action would). Prints
// the resident size just before the parse and the process's high-water mark, in MiB.
import { readFileSync } from 'node:fs';

const [mode, file] = process.argv.slice(2) as ['none' | 'json' | 'parse', string];
const parsers = mode === 'parse' ? await import('../packages/evidence/src/parsers/index') : undefined;
const text = readFileSync(file, 'utf8');
const beforeMiB = process.memoryUsage().rss / 2 ** 20;
let result: unknown;
if (mode === 'json') result = JSON.parse(text);
else if (parsers) result = parsers.parseReport(file, text);
const peakMiB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
// Keep the result reachable until the peak has been read.
if (result === null) console.log('');
console.log(JSON.stringify({ beforeMiB, peakMiB }));
