// Values an input of each kind must refuse, chosen so that each is truly wrong for that input: a newline is
// fine in a list (it separates items) but not in an app name; `-1` is wrong for any integer whose bounds
// start at 0, not for a free-text field.
import type { InputInfo } from '@shipgate/kit';

export interface BadValue {
  /** What is wrong with it, for the report. */
  label: string;
  value: string;
}

/** Longer than any input takes, and still under the 128 KiB the kernel allows one environment variable. */
const huge = 'a'.repeat(100_000);
const escapeSequence = 'red\u001b[31m\u001b[2Jtext';
// NUL is not here: no environment variable can carry one, so no runner can give it to an action. The kit's
// unit tests give it to the parser directly.

const controls: BadValue[] = [
  { label: 'ESC control sequence', value: escapeSequence },
  { label: '100k characters', value: huge },
];
const oneLine: BadValue[] = [{ label: 'a newline inside', value: 'first\nsecond' }, ...controls];
const listControls: BadValue[] = [
  { label: 'an ESC control sequence in an item', value: `first\n${escapeSequence}` },
  { label: 'a 100k-character item', value: huge },
];

/** Values outside any grammar the kit's text inputs are given (names, codes, repositories). */
const offGrammar: BadValue[] = [
  { label: 'path traversal', value: '../../etc/passwd' },
  { label: 'unicode', value: 'shöp-äpp-名前' },
];

const badUrls: BadValue[] = [
  { label: 'not a URL', value: 'not a url' },
  { label: 'URL with credentials', value: 'https://deploy:hunter2-secret@example.com/' },
  { label: 'a newline inside the host', value: 'https://exa\nmple.com/' },
  { label: 'a 100k-character host', value: `https://${huge}.com/` },
];

function integerValues(info: InputInfo): BadValue[] {
  const values: BadValue[] = [
    { label: 'NaN', value: 'NaN' },
    { label: 'a fraction', value: '1.5' },
  ];
  if (info.min !== undefined && info.min > Number.MIN_SAFE_INTEGER)
    values.push({ label: 'below the minimum', value: String(info.min - 1) });
  if (info.max !== undefined && info.max < Number.MAX_SAFE_INTEGER)
    values.push({ label: 'above the maximum', value: String(info.max + 1) });
  return values;
}

function durationValues(info: InputInfo): BadValue[] {
  const values: BadValue[] = [
    { label: 'not a duration', value: 'soon' },
    { label: 'negative', value: '-5s' },
  ];
  if (info.max !== undefined)
    values.push({ label: 'above the maximum', value: `${info.max / 1000 + 3600}s` });
  if (info.min !== undefined && info.min > 0) values.push({ label: 'zero, below the minimum', value: '0s' });
  return values;
}

const byKind: Record<InputInfo['kind'], (info: InputInfo) => BadValue[]> = {
  text: (info) => [
    // A token's grammar is its characters: a path is printable ASCII, and a wrong token is the API's to refuse.
    ...(info.grammar && info.shortestToken === undefined ? offGrammar : []),
    ...(info.shortestToken !== undefined
      ? [
          { label: 'too short for a token', value: 'abc12' },
          { label: 'a token with non-ASCII characters', value: 'tökén-välue-1234' },
        ]
      : []),
  ],
  boolean: () => [
    { label: 'yes', value: 'yes' },
    { label: 'a typo', value: 'ture' },
  ],
  choice: (info) => [
    { label: 'not one of the choices', value: 'nope' },
    { label: 'a choice in capitals', value: (info.choices?.[0] ?? 'x').toUpperCase() },
  ],
  integer: integerValues,
  duration: durationValues,
  'fraction-or-count': () => [
    { label: 'zero', value: '0' },
    { label: 'negative', value: '-1' },
    { label: 'NaN', value: 'NaN' },
  ],
  url: () => badUrls,
  alias: () => badUrls,
  file: () => [
    { label: 'a missing file', value: 'missing/nothing-here.txt' },
    { label: 'a folder', value: '.' },
    { label: 'a file outside the workspace of another format', value: '../../etc/passwd' },
  ],
  folder: () => [
    { label: 'a missing folder', value: '/nonexistent/folder' },
    { label: 'a file', value: '/etc/passwd' },
  ],
  'output-file': () => [
    { label: 'under /proc', value: '/proc/nonexistent/x.json' },
    { label: 'a folder', value: '.' },
    { label: 'outside the workspace', value: '../../etc/shipgate-bad-input.json' },
  ],
  image: () => [
    { label: 'not an image reference', value: 'not an image' },
    { label: 'capitals in the name', value: 'Registry.fly.io/Shop-App:v1' },
    { label: 'unicode', value: 'shöp-äpp:v1' },
    { label: 'a short digest', value: 'shop-app@sha256:1234' },
  ],
  'git-sha': () => [
    { label: 'not hex', value: 'zzzz' },
    { label: 'a short SHA', value: 'abc1234' },
  ],
  'key-values': () => [
    { label: 'no name', value: '=value' },
    { label: 'a space in the name', value: 'BAD NAME=1' },
    { label: 'ESC in a value', value: `NAME=${escapeSequence}` },
    { label: '100k characters', value: `NAME=${huge}` },
  ],
  custom: () => [
    { label: 'NaN', value: 'NaN' },
    { label: 'negative', value: '-1' },
  ],
  list: (info) => (info.grammar ? offGrammar : []),
};

/**
 * Control characters and huge values, refused alike by every builder of text: each input gets one of them in
 * turn (free text two), so that the walk covers each kind with each of them without trying every one everywhere.
 */
function shapeValues(info: InputInfo): BadValue[] {
  if (info.kind === 'list') return listControls;
  if (info.kind === 'key-values') return [];
  if (info.kind === 'text') return info.multiline ? controls : oneLine;
  const textual: InputInfo['kind'][] = ['file', 'folder', 'output-file', 'image', 'git-sha', 'custom'];
  return textual.includes(info.kind) ? oneLine : [];
}

/**
 * The bad values for one input, by its kind; `turn` (the input's place in the walk) picks which of the control
 * characters and huge values it gets. `required` inputs are also tried empty.
 */
export function badValuesFor(info: InputInfo, turn: number): BadValue[] {
  const shapes = shapeValues(info);
  const free = info.kind === 'text' && !info.grammar && info.shortestToken === undefined;
  const picked = shapes.filter((_, index) =>
    free ? index !== turn % shapes.length || shapes.length < 3 : index === turn % shapes.length,
  );
  const values = [...picked, ...byKind[info.kind](info)];
  return info.required ? [{ label: 'empty', value: '' }, ...values] : values;
}
