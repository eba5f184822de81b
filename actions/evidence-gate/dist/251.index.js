export const id = 251;
export const ids = [251];
export const modules = {

/***/ 251:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gate: () => (/* binding */ gate)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
;// CONCATENATED MODULE: ./packages/evidence/src/parsers/json-scan.ts
// A string-aware walk over JSON text that neither builds values nor allocates per token: it finds the
// top-level keys of an object (with the span of each value) and tells a truncated document from a
// malformed one. Detection reads only as far as it needs; a parse error is explained without a second parse.
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;
/** Index just past the closing quote of the string whose opening quote is at `start`, or -1 if unterminated. */
function skipString(text, start) {
    let index = start + 1;
    for (;;) {
        const quote = text.indexOf('"', index);
        if (quote < 0)
            return -1;
        let backslashes = 0;
        for (let back = quote - 1; text.charCodeAt(back) === BACKSLASH; back--)
            backslashes++;
        if (backslashes % 2 === 0)
            return quote + 1;
        index = quote + 1;
    }
}
function skipWhitespace(text, index) {
    let at = index;
    for (;;) {
        const code = text.charCodeAt(at);
        if (code === 32 || code === 10 || code === 13 || code === 9)
            at++;
        else
            return at;
    }
}
/** Index just past the value starting at `start` (no validation beyond brackets and strings), or -1 at end of text. */
function skipValue(text, start) {
    const first = text.charCodeAt(start);
    if (first === QUOTE)
        return skipString(text, start);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
        let at = start;
        while (at < text.length) {
            const code = text.charCodeAt(at);
            if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || code <= 32)
                return at;
            at++;
        }
        return -1;
    }
    let depth = 0;
    for (let at = start; at < text.length; at++) {
        const code = text.charCodeAt(at);
        if (code === QUOTE) {
            at = skipString(text, at) - 1;
            if (at < 0)
                return -1;
        }
        else if (code === OPEN_BRACE || code === OPEN_BRACKET)
            depth++;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
            depth--;
            if (depth === 0)
                return at + 1;
        }
    }
    return -1;
}
/**
 * The keys of the top-level object in `text` (which must start, after whitespace, with `{`), walking until
 * `enough` says the keys seen so far decide the question (it is asked at each key, before that key's value
 * is read), or the object ends. Undefined when not an object.
 */
function scanTopLevelKeys(text, enough = () => false) {
    let at = skipWhitespace(text, 0);
    if (text.charCodeAt(at) !== OPEN_BRACE)
        return undefined;
    const spans = new Map();
    at++;
    for (;;) {
        at = skipWhitespace(text, at);
        if (at >= text.length)
            return { spans, truncated: true };
        const code = text.charCodeAt(at);
        if (code === CLOSE_BRACE)
            return { spans, truncated: false };
        if (code === COMMA) {
            at++;
            continue;
        }
        if (code !== QUOTE)
            return { spans, truncated: false };
        const keyEnd = skipString(text, at);
        if (keyEnd < 0)
            return { spans, truncated: true };
        const key = text.slice(at + 1, keyEnd - 1);
        at = skipWhitespace(text, keyEnd);
        if (at >= text.length)
            return { spans, truncated: true };
        if (text.charCodeAt(at) !== COLON)
            return { spans, truncated: false };
        const valueStart = skipWhitespace(text, at + 1);
        // Asked before the value is skipped: a decision on keys alone never walks a 30 MB testResults array.
        const span = [valueStart, -1];
        spans.set(key, span);
        if (enough(spans))
            return { spans, truncated: false };
        const valueEnd = skipValue(text, valueStart);
        if (valueEnd < 0)
            return { spans, truncated: true };
        span[1] = valueEnd;
        at = valueEnd;
    }
}
/** Whether JSON text that failed to parse ends inside an unterminated string, object or array. */
function endsInsideJson(text) {
    const start = skipWhitespace(text, 0);
    const first = text.charCodeAt(start);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE)
        return false;
    return skipValue(text, start) < 0;
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/detect.ts

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/**
 * The signature of each JSON format: the keys that name the tool. Missing *required* fields are the
 * parser's to report ("Lighthouse report without categories"), so a damaged report of a known tool
 * says what is wrong with it instead of "unknown format".
 */
function jsonFormatOfKeys(has, total) {
    if (has('numTotalTests') && has('testResults'))
        return 'vitest-json';
    if (has('config') && has('suites'))
        return 'playwright-json';
    if (has('lighthouseVersion'))
        return 'lighthouse-json';
    if (has('total')) {
        const value = total();
        if (isObject(value) && isObject(value.lines))
            return 'coverage-summary';
    }
    return undefined;
}
/** The format of an already parsed JSON value (what parseReport uses, so a file is parsed once). */
function jsonFormatOf(value) {
    if (!isObject(value))
        return undefined;
    return jsonFormatOfKeys((key) => Object.hasOwn(value, key), () => value.total);
}
/** Largest `total` value detection will parse on its own (istanbul's is a few hundred bytes). */
const maxTotalBytes = 64 * 1024;
function sniffJson(text) {
    let format;
    const decide = (spans) => {
        format = jsonFormatOfKeys((key) => spans.has(key), () => {
            const [start, known] = spans.get('total');
            const end = known >= 0 ? known : skipValue(text, start);
            if (end < 0 || end - start > maxTotalBytes)
                return undefined;
            try {
                return JSON.parse(text.slice(start, end));
            }
            catch {
                return undefined;
            }
        });
        return format !== undefined;
    };
    scanTopLevelKeys(text, decide);
    return format;
}
/** Skips a BOM, whitespace, the XML declaration, comments, processing instructions and a doctype. */
function xmlRootName(text) {
    let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (;;) {
        while (at < text.length && /\s/.test(text[at]))
            at++;
        if (text.startsWith('<?', at)) {
            const end = text.indexOf('?>', at + 2);
            if (end < 0)
                return undefined;
            at = end + 2;
        }
        else if (text.startsWith('<!--', at)) {
            const end = text.indexOf('-->', at + 4);
            if (end < 0)
                return undefined;
            at = end + 3;
        }
        else if (text.startsWith('<!', at)) {
            const end = text.indexOf('>', at + 2);
            if (end < 0)
                return undefined;
            at = end + 1;
        }
        else
            break;
    }
    const match = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(at, at + 256));
    return match?.[1];
}
/** The first significant character: '{' or '[' for JSON, '<' for XML. */
function firstSignificant(text) {
    const match = /^\uFEFF?\s*(\S)/.exec(text.slice(0, 4096));
    return match?.[1];
}
/**
 * The report format of `text`, from its content: Vitest JSON (numTotalTests, testResults), Playwright
 * JSON (config, suites), a Lighthouse result (lighthouseVersion, also LHCI's lhr files), an istanbul
 * coverage summary (total.lines…), or JUnit XML (<testsuites> or <testsuite> root). Undefined otherwise.
 */
function detectFormat(text) {
    const first = firstSignificant(text);
    if (first === '{')
        return sniffJson(text);
    if (first === '<') {
        const root = xmlRootName(text);
        return root === 'testsuites' || root === 'testsuite' ? 'junit-xml' : undefined;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/evidence/src/types.ts
// The normalised shape of every report the gate reads. Parsers turn each tool's own format into these;
// thresholds, the gate, the manifest and the summary only ever see these.
/** A parse failure: the file is evidence that cannot be read, which fails a gate that needs it. */
class ReportParseError extends Error {
    path;
    constructor(path, reason) {
        super(`${path}: ${reason}`);
        this.path = path;
        this.name = 'ReportParseError';
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
;// CONCATENATED MODULE: ./packages/evidence/src/parsers/json-value.ts
// Reading untyped report JSON: parse with reasons a gate can print, and tolerant accessors that ignore
// whatever a tool adds that shipgate does not read.


/** Parses report text, throwing ReportParseError with a plain reason: empty, truncated or not JSON. */
function json_value_readJson(path, text) {
    if (text.trim() === '')
        throw new ReportParseError(path, 'empty file');
    try {
        return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    }
    catch (error) {
        if (endsInsideJson(text))
            throw new ReportParseError(path, 'truncated JSON: the file ends inside an object');
        const detail = error instanceof Error ? error.message : String(error);
        throw new ReportParseError(path, `not valid JSON (${detail})`);
    }
}
const json_value_isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const asString = (value) => (typeof value === 'string' ? value : undefined);
const asNumber = (value) => typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const asArray = (value) => (Array.isArray(value) ? value : []);
/** A short description of a value's type for error messages. */
function kindOf(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
/**
 * Copies the defined properties of `fields` onto `target`: optional fields are absent rather than
 * undefined, so reports compare and serialise cleanly (without `delete`, which slows big arrays of objects).
 */
function withDefined(target, fields) {
    for (const key in fields) {
        const value = fields[key];
        if (value !== undefined)
            target[key] = value;
    }
    return target;
}
/** An ISO time from epoch milliseconds or a date string, when it names a real time. */
function isoTime(value) {
    if (typeof value !== 'number' && typeof value !== 'string')
        return undefined;
    const time = new Date(value);
    return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/zod-reason.ts
function valueAt(value, path) {
    let current = value;
    for (const key of path) {
        if (typeof current !== 'object' || current === null)
            return undefined;
        current = current[key];
    }
    return current;
}
/** "without categories", "with audits.x.score: expected number, received string"… */
function zodReason(error, input) {
    const issue = error.issues[0];
    if (!issue)
        return 'is not valid';
    const field = issue.path.map(String).join('.');
    if (field === '')
        return `is not an object`;
    if (valueAt(input, issue.path) === undefined)
        return `without ${field}`;
    return `with an invalid ${field}: ${issue.message}`;
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/coverage-summary.ts
// istanbul's json-summary (coverage-summary.json): `total` plus one entry per file, each metric
// {total, covered, skipped, pct}, where pct is the string "Unknown" when there is nothing to cover.




const metric = schemas/* object */.Ikc({
    total: schemas/* number */.aig(),
    covered: schemas/* number */.aig(),
    pct: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* literal */.euz('Unknown')]),
});
const summarySchema = schemas/* object */.Ikc({
    total: schemas/* object */.Ikc({ lines: metric, statements: metric, functions: metric, branches: metric }),
});
function metricOf(value) {
    // Nothing to cover is fully covered (istanbul writes "Unknown", and its text report shows 100%).
    const pct = typeof value.pct === 'number' ? value.pct : value.total === 0 ? 100 : (value.covered / value.total) * 100;
    return { total: value.total, covered: value.covered, pct };
}
/** An istanbul coverage summary already parsed, as the normalised coverage report. */
function coverageFromJson(path, report) {
    const parsed = summarySchema.safeParse(report);
    if (!parsed.success)
        throw new ReportParseError(path, `coverage summary ${zodReason(parsed.error, report)}`);
    const { total } = parsed.data;
    return {
        kind: 'coverage',
        format: 'coverage-summary',
        tool: 'istanbul',
        total: {
            lines: metricOf(total.lines),
            statements: metricOf(total.statements),
            functions: metricOf(total.functions),
            branches: metricOf(total.branches),
        },
        files: Object.keys(report).filter((key) => key !== 'total').length,
    };
}
/** Parses an istanbul coverage summary (`json-summary` reporter, coverage-summary.json). */
function parseCoverageSummary(path, text) {
    return coverageFromJson(path, readJson(path, text));
}

// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 26 modules
var XMLParser = __webpack_require__(9658);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/fxp.js
var fxp = __webpack_require__(5824);
;// CONCATENATED MODULE: ./packages/evidence/src/parsers/failure-text.ts
// What a summary shows of a failure: its first lines without colour codes or stack, and where it was raised.

/** Colour codes and cursor moves, as test runners print them into messages, removed. */
const stripAnsi = (text) => text.includes('\u001b') || text.includes('\u009b') ? (0,external_node_util_.stripVTControlCharacters)(text) : text;
const maxLines = 6;
const maxChars = 600;
/** The message part of an error text: colour codes removed, stack frames and code snippets dropped, capped. */
function summariseFailure(text) {
    if (!text)
        return undefined;
    const lines = [];
    for (const line of stripAnsi(text).split('\n', 200)) {
        // Stack frames ("    at …", Vitest's " ❯ file:1:2") and Playwright's snippet ("  24 |", "> 26 |") end the message.
        if (/^\s+at\s|^\s*❯\s|^\s*>?\s*\d+\s\|/.test(line))
            break;
        lines.push(line.trimEnd());
        if (lines.length >= maxLines)
            break;
    }
    while (lines.length > 0 && lines[lines.length - 1] === '')
        lines.pop();
    const message = lines.join('\n').trim();
    if (message === '')
        return undefined;
    return message.length > maxChars ? `${message.slice(0, maxChars - 1)}…` : message;
}
// A stack frame: "at fn (path:1:2)", "at path:1:2", or Vitest's "❯ path:1:2". Requiring the marker keeps
// out positions that are not where the error was raised, like Playwright's "› shop.spec.mjs:23:3 ›" header.
const framePattern = /(?:\bat\s+(?:[^\n(]*?\()?|❯\s*)(?:file:\/\/)?([^\s()'"`]+?):(\d+):(\d+)/g;
/**
 * The line and column of the first stack frame in `text` that points at `file` (the same path, or one
 * ending with it after a slash: JUnit gives paths relative to a root the frames spell out in full).
 */
function failurePosition(text, file) {
    if (!text || !file)
        return undefined;
    const wanted = file.replaceAll('\\', '/');
    for (const match of stripAnsi(text).matchAll(framePattern)) {
        const path = match[1].replaceAll('\\', '/');
        if (path === wanted || path.endsWith(`/${wanted}`) || wanted.endsWith(`/${path}`)) {
            return { line: Number(match[2]), column: Number(match[3]) };
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/paths.ts
// Test file paths in the normalised model are relative to the project (the repository checkout), with
// forward slashes, so the gate, annotations and summaries name files the same way whatever the tool wrote.

const toSlashes = (path) => path.replaceAll('\\', '/');
const isAbsolutePath = (path) => /^(?:[A-Za-z]:)?\//.test(toSlashes(path));
const withoutTrailingSlash = (path) => (path.length > 1 ? path.replace(/\/+$/, '') : path);
/**
 * The given root when every one of `paths` (absolute) lies under it, that is when the report was made there.
 * Evidence made on another runner and downloaded here keeps the root its parser infers.
 */
function rootHolding(root, paths) {
    if (!root || paths.length === 0)
        return undefined;
    const base = withoutTrailingSlash(toSlashes(root));
    return paths.every((path) => toSlashes(path).startsWith(`${base}/`)) ? base : undefined;
}
/** `path` relative to `root` when it lies under it, else `path` (with forward slashes) as given. */
function relativeTo(path, root) {
    const file = toSlashes(path);
    if (!root)
        return file;
    const base = withoutTrailingSlash(toSlashes(root));
    if (file.startsWith(`${base}/`))
        return file.slice(base.length + 1);
    return file;
}
/** The longest directory that holds every one of `paths` (absolute, forward slashes), or undefined. */
function commonDirectory(paths) {
    let common;
    for (const path of paths) {
        const parts = external_node_path_.posix.dirname(toSlashes(path)).split('/');
        if (!common) {
            common = parts;
            continue;
        }
        let same = 0;
        while (same < common.length && same < parts.length && common[same] === parts[same])
            same++;
        common.length = same;
    }
    if (!common || common.length === 0)
        return undefined;
    const joined = common.join('/');
    return joined === '' ? '/' : joined;
}
// Directories that hold tests rather than being the project: a common directory ending in one of these is
// stepped out of, so `test/math.test.js` keeps its `test/` even when it is the only file.
const testDirectoryNames = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e', 'src']);
/** The project directory guessed from the test files alone: their common directory, out of test folders. */
function guessProjectRoot(files) {
    let root = commonDirectory(files);
    while (root && root !== '/' && testDirectoryNames.has(external_node_path_.posix.basename(root)))
        root = external_node_path_.posix.dirname(root);
    return root === '/' ? undefined : root;
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/test-case.ts
/** A test case with only its known fields present. */
function testCase(name, status, fields) {
    const test = { name, status };
    if (fields.file !== undefined)
        test.file = fields.file;
    if (fields.line !== undefined)
        test.line = fields.line;
    if (fields.column !== undefined)
        test.column = fields.column;
    if (fields.project !== undefined)
        test.project = fields.project;
    if (fields.durationMs !== undefined)
        test.durationMs = fields.durationMs;
    return test;
}
/** Adds what is known of a failure (for failed and flaky cases). */
function addFailure(test, message, position) {
    if (message !== undefined)
        test.message = message;
    if (position?.line !== undefined)
        test.failureLine = position.line;
    if (position?.column !== undefined)
        test.failureColumn = position.column;
    return test;
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/junit-xml.ts
// JUnit XML as Vitest, Playwright and most other runners write it: <testsuites> (or a single <testsuite>),
// suites possibly nested, <testcase> with <failure>/<error> (failed), <skipped/>, and Surefire's
// <flakyFailure>/<flakyError> (failed, then passed on a rerun: Playwright writes them with includeRetries).







const repeated = new Set([
    'testsuite',
    'testcase',
    'property',
    'failure',
    'error',
    'skipped',
    'flakyFailure',
    'flakyError',
    'rerunFailure',
    'rerunError',
]);
const parser = new XMLParser/* default */.A({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && repeated.has(name),
});
const attr = (node, name) => {
    const value = node[`@${name}`];
    return typeof value === 'string' ? value : undefined;
};
/** The text of an element that may be a bare string or an object with attributes and text. */
const textOf = (node) => typeof node === 'string'
    ? node
    : json_value_isObject(node) && typeof node['#text'] === 'string'
        ? node['#text']
        : undefined;
// A classname names a file when it has a slash or a source extension; Java-style `com.shop.CartTest` does not.
const fileLike = /\/|\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|cs|php|feature|vue|svelte)$/;
const commitProperties = ['commit', 'git.commit', 'vcs.revision', 'revision'];
function commitOf(node) {
    const properties = json_value_isObject(node.properties) ? asArray(node.properties.property) : [];
    for (const property of properties) {
        if (!json_value_isObject(property))
            continue;
        const name = attr(property, 'name');
        const value = (attr(property, 'value') ?? textOf(property))?.trim();
        if (name && commitProperties.includes(name) && value)
            return value;
    }
    return undefined;
}
function caseStatus(testcase) {
    const failure = asArray(testcase.failure)[0] ?? asArray(testcase.error)[0];
    if (failure !== undefined)
        return { status: 'failed', problem: failure };
    if (asArray(testcase.skipped).length > 0)
        return { status: 'skipped' };
    const flaky = asArray(testcase.flakyFailure)[0] ?? asArray(testcase.flakyError)[0];
    if (flaky !== undefined)
        return { status: 'flaky', problem: flaky };
    return { status: 'passed' };
}
function addCase(walk, testcase, suite) {
    const { status, problem } = caseStatus(testcase);
    const rawName = attr(testcase, 'name') ?? '';
    // Vitest joins describe blocks with ' > ' here and ' › ' elsewhere; one spelling keeps names comparable.
    const name = walk.tool === 'vitest' ? rawName.split(' > ').join(' › ') : rawName;
    const fileAttribute = attr(testcase, 'file');
    const classname = attr(testcase, 'classname');
    const file = fileAttribute !== undefined
        ? toSlashes(fileAttribute)
        : classname && fileLike.test(classname)
            ? toSlashes(classname)
            : undefined;
    const seconds = Number(attr(testcase, 'time'));
    const line = Number(attr(testcase, 'line'));
    const test = testCase(name, status, {
        file,
        line: Number.isInteger(line) && line > 0 ? line : undefined,
        project: walk.tool === 'playwright' ? attr(suite, 'hostname') || undefined : undefined,
        durationMs: attr(testcase, 'time') !== undefined && Number.isFinite(seconds) ? seconds * 1000 : undefined,
    });
    if (problem !== undefined) {
        const body = textOf(problem);
        const message = json_value_isObject(problem) ? attr(problem, 'message') : undefined;
        const position = failurePosition(body, file);
        addFailure(test, summariseFailure(message) ?? summariseFailure(body), position);
    }
    walk.tests.push(test);
}
function walkSuite(walk, suite) {
    const timestamp = attr(suite, 'timestamp');
    if (timestamp) {
        const time = Date.parse(timestamp);
        if (!Number.isNaN(time) && (walk.earliest === undefined || time < walk.earliest.time)) {
            // JUnit timestamps often carry no zone; those are kept as written rather than guessed into UTC.
            const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(timestamp);
            walk.earliest = { time, text: zoned ? new Date(time).toISOString() : timestamp };
        }
    }
    walk.commit ??= commitOf(suite);
    for (const testcase of asArray(suite.testcase))
        if (json_value_isObject(testcase))
            addCase(walk, testcase, suite);
    for (const child of asArray(suite.testsuite))
        if (json_value_isObject(child))
            walkSuite(walk, child);
}
/**
 * The producing tool, only where its output is unmistakable: Vitest names the root "vitest tests";
 * Playwright writes an `id` and a `skipped` count on the root and the project as each suite's hostname.
 */
function toolOf(root, rootName) {
    if (rootName === 'testsuites' && attr(root, 'name') === 'vitest tests')
        return 'vitest';
    const suites = asArray(root.testsuite).filter(json_value_isObject);
    if (rootName === 'testsuites' &&
        attr(root, 'id') !== undefined &&
        attr(root, 'skipped') !== undefined &&
        suites.length > 0 &&
        suites.every((suite) => attr(suite, 'hostname') !== undefined && attr(suite, 'timestamp') !== undefined)) {
        return 'playwright';
    }
    return 'junit';
}
/** Parses a JUnit XML report (Vitest, Playwright, or any runner writing the common JUnit shape). */
function parseJunitXml(path, text) {
    if (text.trim() === '')
        throw new ReportParseError(path, 'empty file');
    const rootName = xmlRootName(text);
    if (rootName === undefined)
        throw new ReportParseError(path, 'not JSON or XML');
    if (rootName !== 'testsuites' && rootName !== 'testsuite') {
        throw new ReportParseError(path, `not a Vitest, Playwright, Lighthouse, istanbul or JUnit report (XML root <${rootName}>)`);
    }
    const valid = fxp/* XMLValidator */.iI.validate(text);
    if (valid !== true) {
        if (!new RegExp(`</${rootName}\\s*>\\s*(?:<!--[\\s\\S]*?-->\\s*)*$`).test(text)) {
            throw new ReportParseError(path, `truncated XML: the file ends before </${rootName}>`);
        }
        throw new ReportParseError(path, `not well-formed XML (${valid.err.msg}, line ${valid.err.line})`);
    }
    const document = parser.parse(text);
    // A <testsuite> root comes back as a one-element array, like every testsuite.
    const parsedRoot = asArray(document[rootName])[0] ?? document[rootName];
    const root = json_value_isObject(parsedRoot) ? parsedRoot : {};
    const walk = { tool: toolOf(root, rootName), tests: [] };
    walk.commit = commitOf(root);
    if (rootName === 'testsuite')
        walkSuite(walk, root);
    else
        for (const suite of asArray(root.testsuite))
            if (json_value_isObject(suite))
                walkSuite(walk, suite);
    return withDefined({ kind: 'tests', format: 'junit-xml', tool: walk.tool, tests: walk.tests }, { startedAt: walk.earliest?.text, commit: walk.commit });
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/lighthouse-json.ts
// A Lighthouse result (lhr): what `lighthouse --output=json` writes and LHCI keeps as .lighthouseci/lhr-*.json.




const score = schemas/* number */.aig().nullable().optional();
// Only what the gate reads; everything else in the 300 KiB of an lhr (details, screenshots, i18n) is ignored.
const lhrSchema = schemas/* object */.Ikc({
    lighthouseVersion: schemas/* string */.YjP(),
    requestedUrl: schemas/* string */.YjP().optional(),
    finalUrl: schemas/* string */.YjP().optional(),
    finalDisplayedUrl: schemas/* string */.YjP().optional(),
    mainDocumentUrl: schemas/* string */.YjP().optional(),
    fetchTime: schemas/* string */.YjP().optional(),
    runtimeError: schemas/* object */.Ikc({ code: schemas/* string */.YjP().optional(), message: schemas/* string */.YjP().optional() }).optional(),
    categories: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({ score })),
    audits: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({
        score,
        numericValue: schemas/* number */.aig().optional(),
        numericUnit: schemas/* string */.YjP().optional(),
        scoreDisplayMode: schemas/* string */.YjP().optional(),
        details: schemas/* object */.Ikc({ items: schemas/* unknown */.L5J().optional() }).nullable().optional(),
    })),
});
/** A Lighthouse result already parsed, as the normalised Lighthouse report. */
function lighthouseFromJson(path, report) {
    const parsed = lhrSchema.safeParse(report);
    if (!parsed.success) {
        throw new ReportParseError(path, `Lighthouse report ${zodReason(parsed.error, report)}`);
    }
    const lhr = parsed.data;
    const requestedUrl = lhr.requestedUrl ?? lhr.mainDocumentUrl ?? lhr.finalUrl ?? lhr.finalDisplayedUrl;
    const finalUrl = lhr.finalDisplayedUrl ?? lhr.finalUrl ?? lhr.mainDocumentUrl ?? requestedUrl;
    if (requestedUrl === undefined || finalUrl === undefined) {
        throw new ReportParseError(path, 'Lighthouse report without a URL (requestedUrl, finalDisplayedUrl or finalUrl)');
    }
    const categories = {};
    for (const [id, category] of Object.entries(lhr.categories))
        categories[id] = category.score ?? null;
    const audits = {};
    for (const [id, audit] of Object.entries(lhr.audits)) {
        audits[id] = withDefined({ score: audit.score ?? null }, {
            numericValue: audit.numericValue,
            numericUnit: audit.numericUnit,
            scoreDisplayMode: audit.scoreDisplayMode,
            items: Array.isArray(audit.details?.items) ? audit.details.items.length : undefined,
        });
    }
    const error = lhr.runtimeError;
    return withDefined({
        kind: 'lighthouse',
        format: 'lighthouse-json',
        tool: 'lighthouse',
        lighthouseVersion: lhr.lighthouseVersion,
        requestedUrl,
        finalUrl,
        categories,
        audits,
    }, {
        startedAt: isoTime(lhr.fetchTime),
        // A run Lighthouse flags as broken (NO_FCP, a page that did not load…) still has scores; they mean nothing.
        runtimeError: error ? error.message || error.code || 'runtime error' : undefined,
    });
}
/** Parses a Lighthouse result JSON (the CLI's --output=json, or an LHCI lhr-*.json). */
function parseLighthouseJson(path, text) {
    return lighthouseFromJson(path, readJson(path, text));
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/playwright-json.ts
// Playwright's JSON reporter: suites (files, then describes) → specs → tests (one per project) → results
// (one per attempt). The test's own status already folds the retries: expected, unexpected, skipped, flaky.






function statusOf(status) {
    switch (status) {
        case 'expected':
            return 'passed';
        case 'skipped':
            return 'skipped';
        case 'flaky':
            return 'flaky';
        default:
            // 'unexpected', and anything a future Playwright may add: unknown evidence is no pass.
            return 'failed';
    }
}
/**
 * The commit the run names, from whichever metadata wrote it: captureGitInfo (`gitCommit.hash`), the CI
 * info Playwright adds on GitHub, GitLab and Jenkins (`ci.commitHash`), or a user's own metadata keys.
 */
function playwright_json_commitOf(metadata) {
    if (!json_value_isObject(metadata))
        return undefined;
    const candidates = [
        json_value_isObject(metadata.gitCommit) ? metadata.gitCommit.hash : undefined,
        json_value_isObject(metadata.ci) ? metadata.ci.commitHash : undefined,
        metadata['revision.id'],
        metadata.commit,
        metadata.sha,
    ];
    for (const candidate of candidates) {
        if (typeof candidate === 'string' && candidate.trim() !== '')
            return candidate.trim();
    }
    return undefined;
}
function errorsOf(result) {
    const errors = asArray(result.errors).filter(json_value_isObject);
    return json_value_isObject(result.error) ? [result.error, ...errors] : errors;
}
function addTest(walk, name, spec, test, file) {
    const status = statusOf(test.status);
    const results = asArray(test.results).filter(json_value_isObject);
    let durationMs;
    for (const result of results) {
        const duration = asNumber(result.duration);
        if (duration !== undefined)
            durationMs = (durationMs ?? 0) + duration;
    }
    const entry = testCase(name, status, {
        file,
        line: asNumber(spec.line),
        column: asNumber(spec.column),
        project: asString(test.projectName) || asString(test.projectId) || undefined,
        durationMs,
    });
    if (status === 'failed' || status === 'flaky') {
        // The first attempt that raised an error: for a flaky test the failure before the passing retry.
        const error = results.map(errorsOf).find((errors) => errors.length > 0)?.[0];
        const location = json_value_isObject(error?.location) ? error.location : undefined;
        const locationFile = asString(location?.file);
        const here = locationFile !== undefined && file !== undefined && walk.fileOf(locationFile) === file;
        addFailure(entry, summariseFailure(asString(error?.message) ?? asString(error?.stack) ?? asString(error?.value)), here ? { line: asNumber(location?.line), column: asNumber(location?.column) } : undefined);
    }
    walk.tests.push(entry);
}
function playwright_json_walkSuite(walk, suite, titles, depth) {
    // Top-level suites are files (titled with their path); below them, describe blocks.
    const path = depth === 0 ? titles : [...titles, asString(suite.title) ?? ''];
    for (const spec of asArray(suite.specs)) {
        if (!json_value_isObject(spec))
            continue;
        const specFile = asString(spec.file) ?? asString(suite.file);
        const file = specFile === undefined ? undefined : walk.fileOf(specFile);
        const name = [...path, asString(spec.title) ?? ''].join(' › ');
        for (const test of asArray(spec.tests))
            if (json_value_isObject(test))
                addTest(walk, name, spec, test, file);
    }
    for (const child of asArray(suite.suites))
        if (json_value_isObject(child))
            playwright_json_walkSuite(walk, child, path, depth + 1);
}
/**
 * Spec paths relative to the project: the directory of the config file (where Playwright runs from) or
 * the given root, joined with config.rootDir (the test directory spec paths are relative to).
 */
function fileMapper(config, options) {
    const rootDir = asString(config.rootDir);
    const configFile = asString(config.configFile);
    const configDir = configFile && isAbsolutePath(configFile) ? external_node_path_.posix.dirname(toSlashes(configFile)) : undefined;
    const project = rootHolding(options.root, rootDir ? [rootDir] : []) ?? configDir ?? options.root;
    const cache = new Map();
    return (specFile) => {
        const known = cache.get(specFile);
        if (known !== undefined)
            return known;
        const absolute = isAbsolutePath(specFile)
            ? toSlashes(specFile)
            : rootDir && isAbsolutePath(rootDir)
                ? external_node_path_.posix.join(toSlashes(rootDir), toSlashes(specFile))
                : undefined;
        let file = toSlashes(specFile);
        if (absolute !== undefined) {
            file = relativeTo(absolute, project);
            if (file === absolute && rootDir)
                file = relativeTo(absolute, rootDir);
        }
        cache.set(specFile, file);
        return file;
    };
}
/** A Playwright JSON report already parsed, as the normalised test report (one test per project). */
function playwrightFromJson(path, report, options = {}) {
    if (!json_value_isObject(report))
        throw new ReportParseError(path, `Playwright report is ${kindOf(report)}, not an object`);
    if (!Array.isArray(report.suites)) {
        throw new ReportParseError(path, `Playwright report without a suites array (found ${kindOf(report.suites)})`);
    }
    const stats = report.stats;
    if (!json_value_isObject(stats) ||
        asNumber(stats.expected) === undefined ||
        asNumber(stats.unexpected) === undefined) {
        throw new ReportParseError(path, 'Playwright report without stats (expected, unexpected counts)');
    }
    const config = json_value_isObject(report.config) ? report.config : {};
    const walk = { fileOf: fileMapper(config, options), tests: [] };
    for (const suite of report.suites)
        if (json_value_isObject(suite))
            playwright_json_walkSuite(walk, suite, [], 0);
    // Errors outside any test (a spec that fails to load, a global setup that throws) leave no test to fail,
    // so each becomes a failed case: a report of zero failures must not hide them.
    for (const error of asArray(report.errors)) {
        if (!json_value_isObject(error))
            continue;
        const location = json_value_isObject(error.location) ? error.location : undefined;
        const locationFile = asString(location?.file);
        const file = locationFile === undefined ? undefined : walk.fileOf(locationFile);
        const test = testCase(`${file ?? 'test run'} (error outside any test)`, 'failed', { file });
        addFailure(test, summariseFailure(asString(error.message) ?? asString(error.stack)) ?? 'an error outside any test', { line: asNumber(location?.line), column: asNumber(location?.column) });
        walk.tests.push(test);
    }
    return withDefined({ kind: 'tests', format: 'playwright-json', tool: 'playwright', tests: walk.tests }, { startedAt: isoTime(stats.startTime), commit: playwright_json_commitOf(config.metadata) });
}
/** Parses a Playwright JSON report (`--reporter=json`). */
function parsePlaywrightJson(path, text, options = {}) {
    return playwrightFromJson(path, readJson(path, text), options);
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/vitest-json.ts





/**
 * Vitest writes `pending` for tests that never finished and for `.only` leftovers, `todo` for todos;
 * both count as skipped. Anything unknown counts as failed: evidence that cannot be read is no pass.
 */
function vitest_json_statusOf(status, failureMessages) {
    switch (status) {
        case 'passed':
            // Vitest keeps the errors of failed attempts on a test that passed on retry.
            return failureMessages.length > 0 ? 'flaky' : 'passed';
        case 'failed':
            return 'failed';
        case 'skipped':
        case 'pending':
        case 'todo':
            return 'skipped';
        default:
            return 'failed';
    }
}
/**
 * The project directory: given, else the prefix before `/node_modules/` in a stack frame (Vitest's own
 * runner frames sit in the project's node_modules), else the test files' common directory.
 */
function projectRoot(files, options) {
    const names = files.map((file) => asString(file.name)).filter((name) => !!name);
    const absolute = names.filter(isAbsolutePath).map(toSlashes);
    if (absolute.length === 0)
        return options.root;
    const given = rootHolding(options.root, absolute);
    if (given)
        return given;
    for (const file of files) {
        const results = asArray(file.assertionResults);
        for (const result of results) {
            const messages = json_value_isObject(result) ? asArray(result.failureMessages) : [];
            for (const message of messages) {
                if (typeof message !== 'string')
                    continue;
                const match = /(?:file:\/\/)?((?:[A-Za-z]:)?\/[^\s()'"`]*?)\/node_modules\//.exec(toSlashes(message));
                const root = match?.[1];
                if (root && absolute.every((name) => name.startsWith(`${root}/`)))
                    return root;
            }
        }
    }
    return guessProjectRoot(absolute);
}
/** Describe blocks and title joined as the tools print them: `outer › inner › title`. */
function joinTitles(ancestors, title) {
    if (!Array.isArray(ancestors))
        return title;
    let name = '';
    for (const ancestor of ancestors)
        if (typeof ancestor === 'string')
            name += `${ancestor} › `;
    return name + title;
}
/** A Vitest JSON report already parsed, as the normalised test report. */
function vitestFromJson(path, report, options = {}) {
    if (!json_value_isObject(report))
        throw new ReportParseError(path, `Vitest report is ${kindOf(report)}, not an object`);
    if (!Array.isArray(report.testResults)) {
        throw new ReportParseError(path, `Vitest report without a testResults array (found ${kindOf(report.testResults)})`);
    }
    const files = report.testResults.filter(json_value_isObject);
    const root = projectRoot(files, options);
    const tests = [];
    for (const file of files) {
        const name = asString(file.name);
        const relative = name === undefined ? undefined : relativeTo(name, root);
        const results = asArray(file.assertionResults);
        let failedTests = 0;
        for (const result of results) {
            if (!json_value_isObject(result))
                continue;
            const failureMessages = asArray(result.failureMessages);
            const status = vitest_json_statusOf(result.status, failureMessages);
            if (status === 'failed')
                failedTests++;
            const title = asString(result.title) ?? asString(result.fullName) ?? '';
            const location = json_value_isObject(result.location) ? result.location : undefined;
            const test = testCase(joinTitles(result.ancestorTitles, title), status, {
                file: relative,
                line: asNumber(location?.line),
                column: asNumber(location?.column),
                durationMs: asNumber(result.duration),
            });
            if (status === 'failed' || status === 'flaky') {
                const first = asString(failureMessages[0]);
                addFailure(test, summariseFailure(first), failurePosition(first, name));
            }
            tests.push(test);
        }
        // A file that failed outside any test (an import error, a failing hook) has status failed and a message;
        // it must fail the evidence even when no test inside it did, so it becomes a failed case of its own.
        const message = asString(file.message);
        if (file.status === 'failed' && failedTests === 0) {
            const test = testCase(`${relative ?? 'test file'} (failed outside any test)`, 'failed', {
                file: relative,
            });
            tests.push(addFailure(test, summariseFailure(message) ?? 'the file failed outside any test', undefined));
        }
    }
    return withDefined({ kind: 'tests', format: 'vitest-json', tool: 'vitest', tests }, { startedAt: isoTime(asNumber(report.startTime)) });
}
/** Parses a Vitest JSON report (`--reporter=json`). */
function parseVitestJson(path, text, options = {}) {
    return vitestFromJson(path, readJson(path, text), options);
}

;// CONCATENATED MODULE: ./packages/evidence/src/parsers/index.ts














const unknownFormat = 'not a Vitest, Playwright, Lighthouse, istanbul or JUnit report';
/**
 * Detects the format of `text` and parses it into the normalised model. Throws ReportParseError
 * (path and a plain reason) for an empty, truncated or malformed file, or one of no known format.
 */
function parseReport(path, text, options = {}) {
    if (text.trim() === '')
        throw new ReportParseError(path, 'empty file');
    const first = firstSignificant(text);
    if (first === '<')
        return parseJunitXml(path, text);
    if (first !== '{' && first !== '[') {
        throw new ReportParseError(path, `not JSON or XML (it starts with ${JSON.stringify(text.trim().slice(0, 20))})`);
    }
    const value = json_value_readJson(path, text);
    switch (jsonFormatOf(value)) {
        case 'vitest-json':
            return vitestFromJson(path, value, options);
        case 'playwright-json':
            return playwrightFromJson(path, value, options);
        case 'lighthouse-json':
            return lighthouseFromJson(path, value);
        case 'coverage-summary':
            return coverageFromJson(path, value);
        default:
            throw new ReportParseError(path, unknownFormat);
    }
}

;// CONCATENATED MODULE: ./packages/evidence/src/collect.ts
// Finds the report files a gate reads, and reads each once: bytes, SHA-256, format, parsed report.






const kindOfFormat = {
    'vitest-json': 'tests',
    'playwright-json': 'tests',
    'junit-xml': 'tests',
    'lighthouse-json': 'lighthouse',
    'coverage-summary': 'coverage',
};
/**
 * `patterns` are files, folders (every .json and .xml below them, as in an LHCI `.lighthouseci/` folder) and
 * globs, relative to `root`; a leading `!` excludes. A file named exactly must be a report; a file found by a
 * folder or glob that is not one is skipped and listed.
 */
async function collectEvidence(patterns, root) {
    const excludes = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
    const explicit = new Set();
    const found = new Set();
    const unmatched = [];
    for (const pattern of patterns) {
        if (pattern.startsWith('!'))
            continue;
        const absolute = (0,external_node_path_.resolve)(root, pattern);
        let matches;
        if (!(0,dist/* isDynamicPattern */.ey)(pattern)) {
            const info = await (0,promises_.stat)(absolute).catch(() => undefined);
            if (info?.isFile()) {
                explicit.add(absolute);
                matches = [absolute];
            }
            else if (info?.isDirectory()) {
                matches = await (0,dist/* glob */.TI)(['**/*.json', '**/*.xml'], {
                    cwd: absolute,
                    absolute: true,
                    dot: true,
                    ignore: ['**/node_modules/**'],
                });
            }
            else {
                matches = [];
            }
        }
        else {
            matches = await (0,dist/* glob */.TI)(pattern, { cwd: root, absolute: true, dot: true, ignore: excludes });
        }
        const kept = matches.filter((match) => !excludes.some((exclude) => (0,external_node_path_.resolve)(root, exclude) === match));
        if (kept.length === 0)
            unmatched.push(pattern);
        for (const match of kept)
            found.add(match);
    }
    const files = [];
    const skipped = [];
    for (const absolutePath of [...found].sort()) {
        const file = await readEvidenceFile(absolutePath, root, explicit.has(absolutePath));
        if (file)
            files.push(file);
        else
            skipped.push(displayPath(root, absolutePath));
    }
    return { files, skipped, unmatched };
}
/** Reads and parses one file; undefined when `mustBeReport` is false and the file is some other JSON or XML. */
async function readEvidenceFile(absolutePath, root, mustBeReport = true) {
    const [buffer, info] = await Promise.all([(0,promises_.readFile)(absolutePath), (0,promises_.stat)(absolutePath)]);
    const file = {
        path: displayPath(root, absolutePath),
        absolutePath,
        bytes: buffer.length,
        sha256: (0,external_node_crypto_.createHash)('sha256').update(buffer).digest('hex'),
    };
    const text = buffer.toString('utf8');
    if (!mustBeReport && text.trim() !== '' && detectFormat(text) === undefined && isWellFormed(text))
        return undefined;
    try {
        const report = parseReport(file.path, text, { root });
        file.report = report;
        file.format = report.format;
        file.kind = kindOfFormat[report.format];
        if (report.startedAt && !Number.isNaN(Date.parse(report.startedAt))) {
            file.date = new Date(report.startedAt).toISOString();
            file.datedBy = 'report';
        }
    }
    catch (thrown) {
        file.error = reasonOf(thrown, file.path);
        const format = detectFormat(text);
        if (format) {
            file.format = format;
            file.kind = kindOfFormat[format];
        }
    }
    if (!file.date) {
        file.date = info.mtime.toISOString();
        file.datedBy = 'file';
    }
    return file;
}
function reasonOf(thrown, path) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}
/** Other JSON or XML (not truncated, not garbage): safe to skip when it was not named. */
function isWellFormed(text) {
    const trimmed = text.trimStart().replace(/^\uFEFF/, '');
    if (trimmed.startsWith('<'))
        return trimmed.trimEnd().endsWith('>');
    try {
        JSON.parse(trimmed);
        return true;
    }
    catch {
        return false;
    }
}
function displayPath(root, absolute) {
    const inside = (0,external_node_path_.relative)((0,external_node_path_.resolve)(root), absolute);
    if (inside && !inside.startsWith('..') && !(0,external_node_path_.isAbsolute)(inside))
        return inside.split(external_node_path_.sep).join('/');
    return absolute.split(external_node_path_.sep).join('/');
}

;// CONCATENATED MODULE: ./packages/evidence/src/durations.ts
const units = {
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
    w: 604_800_000,
};
/** `90m`, `24h`, `7d`, `2w` (and combinations such as `1d12h`) in milliseconds; `none` or `0` is no limit. */
function parseDuration(text) {
    const value = text.trim().toLowerCase();
    if (value === 'none' || value === '0')
        return undefined;
    const parts = [...value.matchAll(/(\d+(?:\.\d+)?)\s*([smhdw])/g)];
    const joined = parts.map((part) => part[0]).join('');
    if (parts.length === 0 || joined.replace(/\s/g, '') !== value.replace(/\s/g, '')) {
        throw new Error(`'${text}' is not a duration; expected a number with a unit (s, m, h, d, w) such as 24h, or none`);
    }
    return parts.reduce((total, [, amount, unit]) => total + Number(amount) * units[unit], 0);
}
/** A duration the way people say it: 3 d 4 h, 25 min, 40 s. */
function formatDuration(ms) {
    const abs = Math.abs(ms);
    if (abs < 60_000)
        return `${Math.round(abs / 1000)} s`;
    if (abs < 3_600_000)
        return `${Math.round(abs / 60_000)} min`;
    if (abs < 86_400_000) {
        const hours = Math.floor(abs / 3_600_000);
        const minutes = Math.round((abs % 3_600_000) / 60_000);
        return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
    }
    const days = Math.floor(abs / 86_400_000);
    const hours = Math.round((abs % 86_400_000) / 3_600_000);
    return hours ? `${days} d ${hours} h` : `${days} d`;
}

;// CONCATENATED MODULE: ./packages/evidence/src/evaluate/check.ts
function compare(actual, operator, limit) {
    if (actual === null || Number.isNaN(actual))
        return false;
    return operator === '<=' ? actual <= limit : actual >= limit;
}

;// CONCATENATED MODULE: ./packages/evidence/src/evaluate/coverage.ts

const coverageMetrics = ['lines', 'statements', 'functions', 'branches'];
function evaluateCoverage(reports, rules) {
    const results = [];
    const checks = [];
    for (const { path, report } of reports) {
        results.push({ path, total: report.total, files: report.files });
        for (const metric of coverageMetrics) {
            const limit = rules[metric];
            if (limit === undefined)
                continue;
            const actual = report.total[metric].pct;
            checks.push({
                kind: 'coverage',
                subject: path,
                rule: metric,
                actual,
                operator: '>=',
                limit,
                shown: { actual: `${actual}%`, limit: `${limit}%` },
                level: 'error',
                passed: compare(actual, '>=', limit),
                note: `${report.total[metric].covered} of ${report.total[metric].total} ${metric} covered`,
            });
        }
    }
    return { results, checks };
}

;// CONCATENATED MODULE: ./packages/evidence/src/thresholds.ts
// What the evidence must show. One YAML document (a file or an inline input), optionally plus the
// assertions of a Lighthouse CI configuration, validated once into `Thresholds`.


const evidenceKinds = ['tests', 'coverage', 'lighthouse'];
const percentString = /^(\d+(?:\.\d+)?)\s*%$/;
/** 0–1, or a percentage written as such ("90%"): the form Lighthouse scores and shares take. */
const fraction = schemas/* union */.KCZ([
    schemas/* number */.aig().min(0).max(1),
    schemas/* string */.YjP()
        .regex(percentString)
        .transform((text) => Number(percentString.exec(text)[1]) / 100)
        .pipe(schemas/* number */.aig().max(1)),
], { error: 'expected a number from 0 to 1 or a percentage such as 90%' });
/** 0–100 as istanbul reports coverage, or "80%". */
const percent = schemas/* union */.KCZ([
    schemas/* number */.aig().min(0).max(100),
    schemas/* string */.YjP()
        .regex(percentString)
        .transform((text) => Number(percentString.exec(text)[1]))
        .pipe(schemas/* number */.aig().max(100)),
], { error: 'expected a percentage from 0 to 100, such as 80 or 80%' });
const count = schemas/* number */.aig().int().min(0);
const testRules = schemas/* strictObject */.rej({
    'max-failed': count.optional(),
    'min-passed': count.optional(),
    'max-skipped': count.optional(),
    'max-skipped-share': fraction.optional(),
    'allow-flaky': schemas/* boolean */.zMY().optional(),
    'max-flaky': count.optional(),
});
const coverageRules = schemas/* strictObject */.rej({
    lines: percent.optional(),
    statements: percent.optional(),
    functions: percent.optional(),
    branches: percent.optional(),
});
/** Short metric names and the Lighthouse audits they read. */
const lighthouseMetrics = {
    lcp: { audit: 'largest-contentful-paint', label: 'LCP', unit: 'ms' },
    fcp: { audit: 'first-contentful-paint', label: 'FCP', unit: 'ms' },
    cls: { audit: 'cumulative-layout-shift', label: 'CLS', unit: '' },
    tbt: { audit: 'total-blocking-time', label: 'TBT', unit: 'ms' },
    'speed-index': { audit: 'speed-index', label: 'Speed Index', unit: 'ms' },
    tti: { audit: 'interactive', label: 'TTI', unit: 'ms' },
};
const aggregationMethods = ['median-run', 'median', 'optimistic', 'pessimistic'];
const assertionLevel = schemas/* enum */.k5n(['off', 'warn', 'error']);
const assertionOptions = schemas/* strictObject */.rej({
    minScore: schemas/* number */.aig().min(0).max(1).optional(),
    maxNumericValue: schemas/* number */.aig().optional(),
    maxLength: count.optional(),
    aggregationMethod: schemas/* enum */.k5n(aggregationMethods).optional(),
});
/** Lighthouse CI's form: `"error"`, or `["warn", { "maxNumericValue": 2500 }]`. */
const lhciAssertion = schemas/* union */.KCZ([assertionLevel, schemas/* tuple */.PVZ([assertionLevel, assertionOptions])], {
    error: 'expected a level (off, warn, error) or [level, { minScore | maxNumericValue | maxLength }]',
});
const lhciAssertions = schemas/* record */.g1P(schemas/* string */.YjP(), lhciAssertion);
const lighthousePageRules = schemas/* strictObject */.rej({
    categories: schemas/* record */.g1P(schemas/* string */.YjP(), fraction).optional(),
    metrics: schemas/* strictObject */.rej(Object.fromEntries(Object.keys(lighthouseMetrics).map((name) => [name, schemas/* number */.aig().min(0).optional()])))
        .optional(),
    assertions: lhciAssertions.optional(),
});
const assertMatrixEntry = schemas/* strictObject */.rej({
    matchingUrlPattern: schemas/* string */.YjP().optional(),
    assertions: lhciAssertions.optional(),
    aggregationMethod: schemas/* enum */.k5n(aggregationMethods).optional(),
});
const lighthouseRules = lighthousePageRules.extend({
    aggregation: schemas/* enum */.k5n(aggregationMethods).optional(),
    /** Per page: a path (`/checkout`) matches any origin, a full URL matches exactly. */
    urls: schemas/* record */.g1P(schemas/* string */.YjP(), lighthousePageRules).optional(),
    'assert-matrix': schemas/* array */.YOg(assertMatrixEntry).optional(),
});
const duration = schemas/* string */.YjP().superRefine((text, context) => {
    try {
        parseDuration(text);
    }
    catch (thrown) {
        context.addIssue({ code: 'custom', message: thrown.message });
    }
});
const thresholdsSchema = schemas/* strictObject */.rej({
    required: schemas/* array */.YOg(schemas/* enum */.k5n(evidenceKinds)).optional(),
    'max-age': schemas/* union */.KCZ([duration, schemas/* literal */.euz(0)]).optional(),
    tests: testRules.extend({ projects: schemas/* record */.g1P(schemas/* string */.YjP(), testRules).optional() }).optional(),
    coverage: coverageRules.optional(),
    lighthouse: lighthouseRules.optional(),
});
const defaultMaxAge = '7d';
const defaultTestRules = { 'max-failed': 0, 'min-passed': 1, 'allow-flaky': true };
/** The kinds a configuration sets limits for; with nothing configured, tests are still required. */
function configuredKinds(config, lhci) {
    const kinds = [];
    if (config.tests)
        kinds.push('tests');
    if (config.coverage && Object.keys(config.coverage).length > 0)
        kinds.push('coverage');
    const lighthouse = config.lighthouse;
    if ((lighthouse &&
        (lighthouse.categories ||
            lighthouse.metrics ||
            lighthouse.assertions ||
            lighthouse.urls ||
            lighthouse['assert-matrix'])) ||
        (lhci && (lhci.assertions || lhci.assertMatrix))) {
        kinds.push('lighthouse');
    }
    return kinds.length > 0 ? kinds : ['tests'];
}
/** Applies defaults and merges a lighthouserc's assertions in; a limit set twice is an error. */
function resolveThresholds(options) {
    const { config, lhci } = options;
    const lighthouse = config.lighthouse ?? {};
    const assertions = { ...(lighthouse.assertions ?? {}) };
    const assertMatrix = [...(lighthouse['assert-matrix'] ?? [])];
    let aggregation = lighthouse.aggregation;
    if (lhci) {
        for (const [key, value] of Object.entries(lhci.assertions ?? {})) {
            if (key in assertions) {
                throw new Error(`assertion '${key}' is set both in the thresholds and in the lighthouserc; keep one`);
            }
            assertions[key] = value;
        }
        assertMatrix.push(...(lhci.assertMatrix ?? []));
        if (lhci.aggregationMethod && !aggregation)
            aggregation = lhci.aggregationMethod;
    }
    // A week unless told: evidence from an older run is not evidence for this promotion.
    const maxAgeText = options.maxAge ?? (config['max-age'] === 0 ? 'none' : config['max-age']) ?? defaultMaxAge;
    const required = options.required ?? config.required ?? configuredKinds(config, lhci);
    return {
        required: [...new Set(required)],
        ...(maxAgeText !== undefined && parseDuration(maxAgeText) !== undefined
            ? { maxAgeMs: parseDuration(maxAgeText) }
            : {}),
        tests: {
            ...defaultTestRules,
            ...omit(config.tests ?? {}, 'projects'),
            projects: config.tests?.projects ?? {},
        },
        coverage: config.coverage ?? {},
        lighthouse: {
            ...(lighthouse.categories ? { categories: lighthouse.categories } : {}),
            ...(lighthouse.metrics ? { metrics: lighthouse.metrics } : {}),
            ...(Object.keys(assertions).length > 0 ? { assertions } : {}),
            aggregation: aggregation ?? 'median-run',
            urls: lighthouse.urls ?? {},
            assertMatrix,
        },
        sources: options.sources ?? [],
    };
}
function omit(value, key) {
    const { [key]: _dropped, ...rest } = value;
    return rest;
}
/** The part of a lighthouserc (`ci.assert`) the gate understands. */
const lhciAssertSection = schemas/* object */.Ikc({
    preset: schemas/* string */.YjP().optional(),
    assertions: lhciAssertions.optional(),
    assertMatrix: schemas/* array */.YOg(assertMatrixEntry.extend({ preset: schemas/* string */.YjP().optional() })).optional(),
    aggregationMethod: schemas/* enum */.k5n(aggregationMethods).optional(),
    includePassedAssertions: schemas/* boolean */.zMY().optional(),
    budgetsFile: schemas/* string */.YjP().optional(),
});
/** A lighthouserc as a whole: only `ci.assert` is read; collect and upload settings are someone else's. */
const lighthousercSchema = schemas/* object */.Ikc({
    ci: schemas/* object */.Ikc({ assert: lhciAssertSection.optional() }).optional(),
});
/** The thresholds file's JSON Schema (draft-07, for editors), generated from the zod schema: what people write. */
function thresholdsJsonSchema() {
    return z.toJSONSchema(thresholdsSchema, { target: 'draft-7', unrepresentable: 'any', io: 'input' });
}

;// CONCATENATED MODULE: ./packages/evidence/src/evaluate/lighthouse.ts
// Lighthouse evidence: runs grouped by page, the representative (median) run chosen the way Lighthouse
// and LHCI choose it, and limits written either as shipgate thresholds or as Lighthouse CI assertions.


function evaluateLighthouse(runs, rules) {
    const byPage = new Map();
    for (const run of runs) {
        const url = run.report.requestedUrl || run.report.finalUrl;
        byPage.set(url, [...(byPage.get(url) ?? []), run]);
    }
    const pages = [];
    const checks = [];
    const matchedUrlKeys = new Set();
    for (const [url, pageRuns] of byPage) {
        const median = medianRun(pageRuns);
        const metrics = {};
        for (const [name, { audit }] of Object.entries(lighthouseMetrics)) {
            const value = median.report.audits[audit]?.numericValue;
            if (value !== undefined)
                metrics[name] = value;
        }
        pages.push({
            url,
            runs: pageRuns.length,
            medianRun: median.path,
            lighthouseVersion: median.report.lighthouseVersion,
            categories: median.report.categories,
            metrics,
        });
        const pageRules = [rules];
        for (const [key, urlRules] of Object.entries(rules.urls)) {
            if (!urlMatches(key, pageRuns[0].report))
                continue;
            matchedUrlKeys.add(key);
            pageRules.push(urlRules);
        }
        const context = { url, runs: pageRuns, median, aggregation: rules.aggregation };
        const categories = Object.assign({}, ...pageRules.map((page) => page.categories ?? {}));
        for (const [category, limit] of Object.entries(categories)) {
            checks.push(assertionCheck(context, `categories:${category}`, 'error', { minScore: limit }, 'category'));
        }
        const metricLimits = Object.assign({}, ...pageRules.map((page) => page.metrics ?? {}));
        for (const [name, limit] of Object.entries(metricLimits)) {
            checks.push(metricCheck(context, name, limit));
        }
        const assertions = {};
        for (const page of pageRules) {
            for (const [key, assertion] of Object.entries(page.assertions ?? {}))
                assertions[key] = { assertion };
        }
        for (const entry of rules.assertMatrix) {
            if (entry.matchingUrlPattern && !new RegExp(entry.matchingUrlPattern).test(median.report.finalUrl))
                continue;
            for (const [key, assertion] of Object.entries(entry.assertions ?? {})) {
                assertions[key] = {
                    assertion,
                    ...(entry.aggregationMethod ? { aggregation: entry.aggregationMethod } : {}),
                };
            }
        }
        for (const [key, { assertion, aggregation }] of Object.entries(assertions)) {
            const [level, options] = typeof assertion === 'string' ? [assertion, {}] : assertion;
            if (level === 'off')
                continue;
            checks.push(...lhciAssertionChecks({ ...context, aggregation: aggregation ?? context.aggregation }, key, level, options));
        }
    }
    // A limit for a page no run measured would pass by absence: it fails instead.
    for (const key of Object.keys(rules.urls)) {
        if (matchedUrlKeys.has(key))
            continue;
        checks.push({
            kind: 'lighthouse',
            subject: key,
            rule: 'ran',
            actual: null,
            operator: '>=',
            limit: 1,
            shown: { actual: 'no run', limit: 'a run' },
            level: 'error',
            passed: false,
            note: `no Lighthouse result is for ${key} (pages seen: ${[...byPage.keys()].join(', ') || 'none'})`,
        });
    }
    return { pages, checks };
}
/** A path (`/checkout`) matches that path on any origin; anything with a scheme must match exactly. */
function urlMatches(key, report) {
    const candidates = [report.requestedUrl, report.finalUrl].filter(Boolean);
    if (key.includes('://'))
        return candidates.some((url) => trimSlash(url) === trimSlash(key));
    return candidates.some((url) => {
        try {
            return trimSlash(new URL(url).pathname) === trimSlash(key);
        }
        catch {
            return false;
        }
    });
}
function trimSlash(text) {
    return text.length > 1 && text.endsWith('/') ? text.slice(0, -1) : text;
}
/**
 * The representative run: closest to the median first contentful paint and median time to interactive,
 * ties to the faster interactive — Lighthouse's own rule (its median-run module, also used by LHCI).
 * Runs that lack either metric are not candidates; with no candidate, the first run stands.
 */
function medianRun(runs) {
    const fcp = (run) => run.report.audits['first-contentful-paint']?.numericValue;
    const tti = (run) => run.report.audits.interactive?.numericValue ??
        run.report.audits['largest-contentful-paint']?.numericValue;
    const valid = runs.filter((run) => Number.isFinite(fcp(run)) && Number.isFinite(tti(run)) && !run.report.runtimeError);
    if (valid.length === 0)
        return runs[0];
    if (valid.length === 1)
        return valid[0];
    const medianFcp = median(valid.map((run) => fcp(run)));
    const medianTti = median(valid.map((run) => tti(run)));
    const distance = (run) => (medianFcp - fcp(run)) ** 2 + (medianTti - tti(run)) ** 2;
    return [...valid].sort((a, b) => distance(a) - distance(b) || tti(a) - tti(b))[0];
}
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor((sorted.length - 1) / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle] + sorted[middle + 1]) / 2;
}
function metricCheck(context, name, limit) {
    const { audit, label, unit } = lighthouseMetrics[name];
    const check = assertionCheck(context, audit, 'error', { maxNumericValue: limit }, 'metric');
    const show = (value) => value === null ? 'no value' : unit === 'ms' ? formatMs(value) : value.toFixed(3);
    return {
        ...check,
        rule: name,
        shown: { actual: show(check.actual), limit: show(limit) },
        note: `${label}${check.note ? `; ${check.note}` : ''}`,
    };
}
function formatMs(ms) {
    return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
/** Lighthouse CI's semantics: with no option the audit must score at least 0.9. */
function lhciAssertionChecks(context, key, level, options) {
    const [auditId = '', ...property] = key.split(/[.:]/).filter(Boolean);
    if (property.length > 0 && auditId !== 'categories') {
        return [
            {
                ...unmeasured(context, key, level),
                note: `'${key}' (resource-summary, user-timings and budget assertions) is not supported; check it with lhci assert`,
            },
        ];
    }
    const checks = [];
    if (options.maxLength !== undefined)
        checks.push(assertionCheck(context, key, level, { maxLength: options.maxLength }));
    if (options.maxNumericValue !== undefined) {
        checks.push(assertionCheck(context, key, level, { maxNumericValue: options.maxNumericValue }));
    }
    const minScore = options.minScore ??
        (options.maxLength === undefined && options.maxNumericValue === undefined ? 0.9 : undefined);
    if (minScore !== undefined)
        checks.push(assertionCheck(context, key, level, { minScore }));
    return checks;
}
function unmeasured(context, rule, level) {
    return {
        kind: 'lighthouse',
        subject: context.url,
        rule,
        actual: null,
        operator: '>=',
        limit: 0,
        shown: { actual: 'no value', limit: '' },
        level,
        passed: false,
    };
}
/** One assertion over every run of a page, aggregated as asked. */
function assertionCheck(context, key, level, option, label) {
    const type = Object.keys(option)[0];
    const limit = option[type];
    const operator = type === 'minScore' ? '>=' : '<=';
    const [auditId = '', category] = key.split(/[.:]/).filter(Boolean);
    const read = (run) => {
        if (auditId === 'categories') {
            const score = run.report.categories[category ?? ''];
            return typeof score === 'number' ? score : undefined;
        }
        const audit = run.report.audits[auditId];
        return audit ? auditValue(audit, type) : undefined;
    };
    const present = (run) => auditId === 'categories'
        ? category !== undefined && category in run.report.categories
        : auditId in run.report.audits;
    const base = unmeasured(context, key, level);
    const shownLimit = type === 'minScore' ? limit.toFixed(2) : String(limit);
    if (!context.runs.every(present)) {
        const what = auditId === 'categories' ? `category '${category}'` : `audit '${auditId}'`;
        return {
            ...base,
            operator,
            limit,
            shown: { actual: 'not in report', limit: shownLimit },
            note: `${what} is not in every run`,
        };
    }
    const aggregation = context.aggregation;
    let actual;
    let how;
    if (aggregation === 'median-run') {
        actual = read(context.median) ?? null;
        how = context.runs.length > 1 ? `median of ${context.runs.length} runs` : '1 run';
    }
    else {
        const values = context.runs.map(read);
        const finite = values.filter((value) => value !== undefined && Number.isFinite(value));
        if (finite.length === 0 || (aggregation === 'pessimistic' && finite.length !== values.length))
            actual = null;
        else if (aggregation === 'median')
            actual = median(finite);
        else {
            const useMin = (aggregation === 'optimistic') === (type !== 'minScore');
            actual = useMin ? Math.min(...finite) : Math.max(...finite);
        }
        how = `${aggregation} of ${context.runs.length} run${context.runs.length === 1 ? '' : 's'}`;
    }
    const shownActual = actual === null
        ? 'no value'
        : type === 'minScore'
            ? actual.toFixed(2)
            : String(Math.round(actual * 1000) / 1000);
    return {
        ...base,
        rule: label === 'category' ? key : type === 'minScore' ? key : `${key} ${type}`,
        actual,
        operator,
        limit,
        shown: { actual: shownActual, limit: shownLimit },
        passed: compare(actual, operator, limit),
        note: actual === null ? 'the audit produced no value' : how,
    };
}
function auditValue(audit, type) {
    if (type === 'maxNumericValue')
        return audit.numericValue;
    if (type === 'maxLength')
        return audit.items ?? 0;
    if (typeof audit.score === 'number')
        return audit.score;
    if (audit.scoreDisplayMode === 'notApplicable')
        return 1;
    if (audit.scoreDisplayMode === 'informative')
        return 0;
    return undefined;
}

;// CONCATENATED MODULE: ./packages/evidence/src/evaluate/tests.ts

function emptyTotals() {
    return { total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 };
}
function add(totals, test) {
    totals.total += 1;
    totals[test.status] += 1;
}
function evaluateTests(reports, rules) {
    const totals = emptyTotals();
    const projects = {};
    const suites = [];
    const failed = [];
    const flaky = [];
    for (const { path, report } of reports) {
        const suite = {
            path,
            tool: report.tool,
            format: report.format,
            totals: emptyTotals(),
            projects: {},
        };
        for (const test of report.tests) {
            add(totals, test);
            add(suite.totals, test);
            if (test.project !== undefined) {
                projects[test.project] ??= emptyTotals();
                suite.projects[test.project] ??= emptyTotals();
                add(projects[test.project], test);
                add(suite.projects[test.project], test);
            }
            if (test.status === 'failed')
                failed.push({ ...test, report: path });
            else if (test.status === 'flaky')
                flaky.push({ ...test, report: path });
        }
        suites.push(suite);
    }
    const checks = testChecks('all tests', totals, rules);
    for (const [project, projectRules] of Object.entries(rules.projects)) {
        const projectTotals = projects[project];
        if (!projectTotals) {
            checks.push({
                kind: 'tests',
                subject: `project ${project}`,
                rule: 'ran',
                actual: 0,
                operator: '>=',
                limit: 1,
                shown: { actual: 'no tests', limit: 'tests ran' },
                level: 'error',
                passed: false,
                note: `no report holds tests of the Playwright project '${project}' (projects seen: ${Object.keys(projects).join(', ') || 'none'})`,
            });
            continue;
        }
        checks.push(...testChecks(`project ${project}`, projectTotals, projectRules));
    }
    return { suites, totals, projects, failed, flaky, checks };
}
function testChecks(subject, totals, rules) {
    const checks = [];
    const push = (rule, actual, operator, limit, shown) => {
        checks.push({
            kind: 'tests',
            subject,
            rule,
            actual,
            operator,
            limit,
            shown: shown ?? { actual: String(actual), limit: String(limit) },
            level: 'error',
            passed: compare(actual, operator, limit),
        });
    };
    if (rules['max-failed'] !== undefined)
        push('max-failed', totals.failed, '<=', rules['max-failed']);
    if (rules['min-passed'] !== undefined) {
        // A flaky test passed in the end: it counts as passed here, and is limited by max-flaky.
        push('min-passed', totals.passed + totals.flaky, '>=', rules['min-passed']);
    }
    if (rules['max-skipped'] !== undefined)
        push('max-skipped', totals.skipped, '<=', rules['max-skipped']);
    if (rules['max-skipped-share'] !== undefined) {
        const share = totals.total === 0 ? 0 : totals.skipped / totals.total;
        push('max-skipped-share', share, '<=', rules['max-skipped-share'], {
            actual: `${formatShare(share)} (${totals.skipped} of ${totals.total})`,
            limit: formatShare(rules['max-skipped-share']),
        });
    }
    const maxFlaky = rules['allow-flaky'] === false ? 0 : rules['max-flaky'];
    if (maxFlaky !== undefined)
        push(rules['allow-flaky'] === false ? 'allow-flaky' : 'max-flaky', totals.flaky, '<=', maxFlaky);
    return checks;
}
function formatShare(share) {
    const percent = share * 100;
    return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

;// CONCATENATED MODULE: ./packages/evidence/src/gate.ts






/** A clock difference this large is a report from the future, not skew between runners. */
const futureToleranceMs = 10 * 60_000;
async function runGate(options) {
    const collected = await collectEvidence(options.reports, options.root);
    return judge({
        ...options,
        files: collected.files,
        skipped: collected.skipped,
        unmatched: collected.unmatched,
    });
}
/** The verdict over files already read; the verification replays it over the manifest's files. */
function judge(options) {
    const { thresholds, commit, files } = options;
    const now = options.now ?? new Date();
    const problems = [];
    const warnings = [];
    for (const pattern of options.unmatched ?? [])
        warnings.push(`no file matches '${pattern}'`);
    const usable = {
        tests: [],
        coverage: [],
        lighthouse: [],
    };
    const refusedKinds = new Set();
    for (const file of files) {
        const refusal = refuse(file, commit, thresholds.maxAgeMs, now);
        if (refusal) {
            problems.push({ path: file.path, ...(file.kind ? { kind: file.kind } : {}), reason: refusal });
            if (file.kind)
                refusedKinds.add(file.kind);
            continue;
        }
        const report = file.report;
        if (report.kind === 'tests')
            usable.tests.push({ path: file.path, report });
        else if (report.kind === 'coverage')
            usable.coverage.push({ path: file.path, report });
        else
            usable.lighthouse.push({ path: file.path, report });
    }
    const used = {
        tests: usable.tests.length,
        coverage: usable.coverage.length,
        lighthouse: usable.lighthouse.length,
    };
    for (const kind of thresholds.required) {
        if (used[kind] > 0)
            continue;
        const unreadable = files.filter((file) => !file.kind).length;
        const why = refusedKinds.has(kind)
            ? `every ${kind} report was refused`
            : `no ${describeKind(kind)} is among the ${files.length} file${files.length === 1 ? '' : 's'} found${unreadable ? ` (${unreadable} unreadable)` : ''}`;
        problems.push({ kind, reason: `${kind} evidence is required, and ${why}` });
    }
    for (const kind of evidenceKinds) {
        if (used[kind] > 0 && !thresholds.required.includes(kind)) {
            warnings.push(`${kind} evidence is present but not required: it is checked, and its absence would not fail the gate`);
        }
    }
    const checks = [];
    const result = {
        commit,
        verdict: 'pass',
        reasons: [],
        warnings,
        files,
        skipped: options.skipped ?? [],
        problems,
        checks,
        used,
    };
    if (usable.tests.length > 0 || thresholds.required.includes('tests')) {
        result.tests = evaluateTests(usable.tests, thresholds.tests);
        if (usable.tests.length > 0)
            checks.push(...result.tests.checks);
    }
    if (usable.coverage.length > 0) {
        const coverage = evaluateCoverage(usable.coverage, thresholds.coverage);
        result.coverage = coverage.results;
        checks.push(...coverage.checks);
    }
    if (usable.lighthouse.length > 0) {
        result.lighthouse = evaluateLighthouse(usable.lighthouse, thresholds.lighthouse);
        checks.push(...result.lighthouse.checks);
    }
    for (const problem of problems)
        result.reasons.push(problem.path ? `${problem.path}: ${problem.reason}` : problem.reason);
    for (const check of checks) {
        if (check.passed)
            continue;
        const line = describeFailedCheck(check);
        if (check.level === 'error')
            result.reasons.push(line);
        else
            warnings.push(line);
    }
    result.verdict = result.reasons.length === 0 ? 'pass' : 'fail';
    return result;
}
function refuse(file, commit, maxAgeMs, now) {
    if (file.error)
        return file.error;
    const report = file.report;
    if (!report)
        return 'not a report';
    if (report.kind === 'tests' && report.tests.length === 0)
        return 'holds no tests';
    if (report.kind === 'lighthouse' && report.runtimeError) {
        return `Lighthouse could not measure ${report.requestedUrl}: ${report.runtimeError}`;
    }
    if (report.kind === 'coverage' && report.total.lines.total === 0 && report.total.statements.total === 0) {
        return 'covers no code (0 lines, 0 statements)';
    }
    if (report.commit && commit && !sameCommit(report.commit, commit)) {
        return `names commit ${report.commit.slice(0, 12)}, not ${commit.slice(0, 12)}, the commit being promoted`;
    }
    if (file.date) {
        const age = now.getTime() - Date.parse(file.date);
        const dated = file.datedBy === 'report' ? 'ran' : 'was written (file time; the report records no time)';
        if (age < -futureToleranceMs)
            return `${dated} ${formatDuration(-age)} in the future (${file.date})`;
        if (maxAgeMs !== undefined && age > maxAgeMs) {
            return `${dated} ${formatDuration(age)} ago, more than max-age ${formatDuration(maxAgeMs)}`;
        }
    }
    return undefined;
}
/** Full and abbreviated SHAs (7 characters at least) name the same commit. */
function sameCommit(a, b) {
    const x = a.trim().toLowerCase();
    const y = b.trim().toLowerCase();
    if (x === y)
        return true;
    const shorter = x.length < y.length ? x : y;
    const longer = shorter === x ? y : x;
    return shorter.length >= 7 && /^[0-9a-f]+$/.test(shorter) && longer.startsWith(shorter);
}
function describeKind(kind) {
    if (kind === 'tests')
        return 'Vitest, Playwright or JUnit report';
    if (kind === 'coverage')
        return 'istanbul coverage-summary.json';
    return 'Lighthouse result';
}
function describeFailedCheck(check) {
    if (check.actual === null || check.rule === 'ran') {
        return `${check.subject}: ${check.rule}: ${check.note ?? 'no value'}`;
    }
    const sign = check.operator === '<=' ? '≤' : '≥';
    return `${check.subject}: ${check.rule} is ${check.shown.actual}, must be ${sign} ${check.shown.limit}`;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var yaml_dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./packages/kit/src/config-file.ts
// Configuration written by people (thresholds, checks) is YAML validated by a zod schema. A mistake is
// reported as one line that points at the place: `<file>:<line>:<column>: <where> <what is wrong>`.
// Its own entry point (@shipgate/kit/config) so actions that never read YAML do not load the parser.

class ConfigError extends Error {
    source;
    line;
    column;
    constructor(message, source, line, column) {
        super(message);
        this.source = source;
        this.line = line;
        this.column = column;
        this.name = 'ConfigError';
    }
}
/**
 * Parses YAML text and validates it. `source` names the text in messages: a file path, or an input
 * ("input 'thresholds'"). Duplicate keys are errors, as a silently dropped key is a silently dropped limit.
 */
function parseConfig(text, source, schema) {
    const lineCounter = new yaml_dist/* LineCounter */.HN();
    const document = (0,yaml_dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const syntaxError = document.errors[0];
    if (syntaxError) {
        const position = syntaxError instanceof yaml_dist/* YAMLParseError */.XT ? lineCounter.linePos(syntaxError.pos[0]) : undefined;
        const what = syntaxError.message.split('\n')[0] ?? 'invalid YAML';
        throw located(source, position?.line, position?.col, `invalid YAML: ${what}`);
    }
    const data = document.toJS() ?? {};
    const result = schema.safeParse(data);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    const path = issue.path.filter((step) => typeof step !== 'symbol');
    const position = yamlPosition(document, lineCounter, path);
    const where = path.length > 0 ? `${formatPath(path)}: ` : '';
    throw located(source, position?.line, position?.column, `${where}${issue.message}`);
}
/** `a.b[2].c`, the way people point into YAML. */
function formatPath(path) {
    let text = '';
    for (const step of path)
        text += typeof step === 'number' ? `[${step}]` : text ? `.${step}` : step;
    return text;
}
function located(source, line, column, problem) {
    const prefix = line === undefined ? source : `${source}:${line}:${column ?? 1}`;
    return new ConfigError(`${prefix}: ${problem}`.replace(/\s*\r?\n\s*/g, ' '), source, line, column);
}
/** The 1-based position of the node at `path`, or of its nearest ancestor that exists. */
function yamlPosition(document, lineCounter, path) {
    for (let length = path.length; length >= 0; length--) {
        const node = document.getIn(path.slice(0, length), true);
        const range = node && typeof node === 'object' ? node.range : undefined;
        if (range) {
            const { line, col } = lineCounter.linePos(range[0]);
            return { line, column: col };
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/evidence/src/load-thresholds.ts
// Thresholds from where teams keep them: a YAML file, an inline input, and the assertions of a lighthouserc.




async function loadThresholds(options) {
    const warnings = [];
    const sources = [];
    if (options.file && options.inline) {
        throw new Error("Inputs 'thresholds' and 'thresholds-file' are both set; give the thresholds inline or as a file, not both");
    }
    let config = {};
    if (options.file) {
        const text = await readText(options.root, options.file, 'thresholds-file');
        config = parseConfig(text, options.file, thresholdsSchema);
        sources.push(options.file);
    }
    else if (options.inline) {
        config = parseConfig(options.inline, "Input 'thresholds'", thresholdsSchema);
        sources.push("Input 'thresholds'");
    }
    let lhci;
    if (options.lighthouserc) {
        if (/\.c?js$/.test(options.lighthouserc)) {
            throw new Error(`Input 'lighthouserc': ${options.lighthouserc} is JavaScript, which shipgate does not run; use a .lighthouserc.json or .yml`);
        }
        const text = await readText(options.root, options.lighthouserc, 'lighthouserc');
        const rc = parseConfig(text, options.lighthouserc, lighthousercSchema);
        lhci = rc.ci?.assert;
        if (!lhci)
            warnings.push(`${options.lighthouserc} has no ci.assert section: no Lighthouse CI assertions to apply`);
        if (lhci?.preset) {
            warnings.push(`${options.lighthouserc}: preset '${lhci.preset}' is not applied — shipgate checks the assertions written out, not LHCI's presets`);
        }
        if (lhci?.budgetsFile)
            warnings.push(`${options.lighthouserc}: budgetsFile is not applied`);
        sources.push(options.lighthouserc);
    }
    const thresholds = resolveThresholds({
        config,
        ...(lhci ? { lhci } : {}),
        ...(options.required && options.required.length > 0 ? { required: options.required } : {}),
        ...(options.maxAge ? { maxAge: options.maxAge } : {}),
        sources: sources.length > 0 ? sources : ['defaults'],
    });
    return { thresholds, warnings };
}
async function readText(root, path, inputName) {
    try {
        return await (0,promises_.readFile)((0,external_node_path_.resolve)(root, path), 'utf8');
    }
    catch (thrown) {
        const code = thrown.code;
        throw new Error(`Input '${inputName}': cannot read ${path}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(4377);
;// CONCATENATED MODULE: ./packages/evidence/src/manifest.ts
// evidence-manifest.json: what was gated, for which commit, with which limits, and the verdict — and its
// verification, which a later job runs to prove the files it holds are the ones that were gated.





const manifestVersion = 1;
function buildManifest(result, thresholds, createdAt, run) {
    const refused = new Map(result.problems.filter((problem) => problem.path).map((problem) => [problem.path, problem.reason]));
    return {
        version: manifestVersion,
        tool: 'shipgate evidence-gate',
        commit: result.commit,
        createdAt: createdAt.toISOString(),
        verdict: result.verdict,
        reasons: result.reasons,
        ...(run ? { run } : {}),
        files: result.files.map((file) => ({
            path: file.path,
            sha256: file.sha256,
            bytes: file.bytes,
            ...(file.format ? { format: file.format } : {}),
            ...(file.kind ? { kind: file.kind } : {}),
            ...(file.date ? { date: file.date } : {}),
            ...(file.datedBy ? { datedBy: file.datedBy } : {}),
            status: refused.has(file.path) ? 'refused' : 'used',
            ...(refused.has(file.path) ? { reason: refused.get(file.path) } : {}),
        })),
        skipped: result.skipped,
        results: {
            ...(result.tests
                ? {
                    tests: {
                        totals: result.tests.totals,
                        projects: result.tests.projects,
                        suites: result.tests.suites,
                        failed: result.tests.failed.map((test) => ({
                            name: test.name,
                            report: test.report,
                            ...(test.file ? { file: test.file } : {}),
                            ...(test.line ? { line: test.failureLine ?? test.line } : {}),
                            ...(test.project ? { project: test.project } : {}),
                        })),
                        flaky: result.tests.flaky.map((test) => ({
                            name: test.name,
                            report: test.report,
                            ...(test.file ? { file: test.file } : {}),
                            ...(test.project ? { project: test.project } : {}),
                        })),
                    },
                }
                : {}),
            ...(result.coverage ? { coverage: result.coverage } : {}),
            ...(result.lighthouse ? { lighthouse: result.lighthouse.pages } : {}),
        },
        checks: result.checks,
        thresholds,
    };
}
/** A manifest as its file holds it. */
function manifestText(manifest) {
    return `${JSON.stringify(manifest, null, 2)}\n`;
}
const manifestSchema = schemas/* looseObject */._H3({
    version: schemas/* literal */.euz(manifestVersion),
    tool: schemas/* literal */.euz('shipgate evidence-gate'),
    commit: schemas/* string */.YjP(),
    createdAt: iso/* datetime */.w$(),
    verdict: schemas/* enum */.k5n(['pass', 'fail']),
    reasons: schemas/* array */.YOg(schemas/* string */.YjP()),
    files: schemas/* array */.YOg(schemas/* looseObject */._H3({
        path: schemas/* string */.YjP(),
        sha256: schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/),
        bytes: schemas/* number */.aig(),
        status: schemas/* enum */.k5n(['used', 'refused']),
    })),
    skipped: schemas/* array */.YOg(schemas/* string */.YjP()),
    checks: schemas/* array */.YOg(schemas/* looseObject */._H3({})),
    thresholds: schemas/* looseObject */._H3({ required: schemas/* array */.YOg(schemas/* string */.YjP()) }),
});
async function readManifest(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (thrown) {
        throw new Error(`cannot read the manifest ${path}: ${thrown.code ?? thrown}`);
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        throw new Error(`${path} is not JSON, so not an evidence manifest`);
    }
    const parsed = manifestSchema.safeParse(data);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${path} is not an evidence manifest shipgate can read: ${issue.path.join('.') || 'document'}: ${issue.message}`);
    }
    return parsed.data;
}
/**
 * Checks a manifest against the files and the commit: same commit, every file present with the same
 * SHA-256, and the same verdict when the gate is replayed over them at the moment the manifest was made
 * (so an edited verdict, limit or result does not verify either).
 */
async function verifyManifest(options) {
    const { manifest, root } = options;
    const problems = [];
    if (!sameCommit(manifest.commit, options.commit)) {
        problems.push(`the manifest is for commit ${manifest.commit.slice(0, 12)}, not ${options.commit.slice(0, 12)}`);
    }
    const files = [];
    const current = [];
    for (const entry of manifest.files) {
        const file = await readEvidenceFile((0,external_node_path_.resolve)(root, entry.path), root).catch(() => undefined);
        if (!file) {
            files.push({ path: entry.path, status: 'missing' });
            problems.push(`${entry.path}: missing`);
            continue;
        }
        current.push(file);
        if (file.sha256 !== entry.sha256 || file.bytes !== entry.bytes) {
            files.push({ path: entry.path, status: 'changed', sha256: file.sha256 });
            problems.push(`${entry.path}: changed since it was gated (SHA-256 ${file.sha256.slice(0, 12)}…, recorded ${entry.sha256.slice(0, 12)}…)`);
            continue;
        }
        files.push({ path: entry.path, status: 'same', sha256: file.sha256 });
        // The file's own time was recorded; a copy made later (an artifact download) keeps the gated date.
        if (file.datedBy === 'file' && entry.date)
            file.date = entry.date;
    }
    let replayed;
    if (files.every((file) => file.status === 'same')) {
        const again = judge({
            root,
            files: current,
            skipped: manifest.skipped,
            thresholds: manifest.thresholds,
            commit: manifest.commit,
            now: new Date(manifest.createdAt),
        });
        replayed = again.verdict;
        if (again.verdict !== manifest.verdict || again.reasons.length !== manifest.reasons.length) {
            problems.push(`the manifest records verdict ${manifest.verdict} (${manifest.reasons.length} reasons), but its files and thresholds give ${again.verdict} (${again.reasons.length} reasons): the manifest was edited`);
        }
    }
    if (manifest.verdict !== 'pass' && !options.allowFailedVerdict) {
        problems.push(`the gate's verdict was fail: ${manifest.reasons[0] ?? 'no reason recorded'}`);
    }
    return {
        verified: problems.length === 0,
        problems,
        recorded: manifest.verdict,
        ...(replayed ? { replayed } : {}),
        files,
    };
}

;// CONCATENATED MODULE: ./packages/evidence/src/index.ts












// EXTERNAL MODULE: ./packages/kit/src/index.ts + 1 modules
var src = __webpack_require__(316);
;// CONCATENATED MODULE: ./actions/evidence-gate/src/summary.ts


const categoryColumns = [
    ['performance', 'Perf.'],
    ['accessibility', 'A11y'],
    ['best-practices', 'Best pr.'],
    ['seo', 'SEO'],
];
/** Test names and messages are data: escaped, and cut so one test cannot flood the summary. */
const failedTestRows = 50;
function renderGateSummary(summary, options) {
    const { result, thresholds } = options;
    const commit = result.commit.slice(0, 12);
    summary.heading(`evidence-gate: ${result.verdict === 'pass' ? '✅ pass' : '❌ fail'} for ${commit}`);
    summary.paragraph(result.verdict === 'pass'
        ? `**Verdict: pass.** The evidence for commit \`${commit}\` meets every threshold (${thresholds.sources.map(src/* escapeMarkdown */.FV).join(', ')}).`
        : `**Verdict: fail.** Commit \`${commit}\` may not be promoted: ${result.reasons.length} reason${result.reasons.length === 1 ? '' : 's'}.`);
    summary.list(result.reasons.map((reason) => `❌ ${(0,src/* escapeMarkdown */.FV)(reason)}`));
    summary.list(result.warnings.map((warning) => `⚠️ ${(0,src/* escapeMarkdown */.FV)(warning)}`));
    const tests = result.tests;
    if (tests && tests.suites.length > 0) {
        summary.heading('Tests', 3);
        const rows = tests.suites.map((suite) => [
            `\`${(0,src/* escapeMarkdown */.FV)(suite.path)}\``,
            suite.tool,
            ...totalsCells(suite.totals),
        ]);
        if (tests.suites.length > 1)
            rows.push(['**all**', '', ...totalsCells(tests.totals)]);
        summary.table(['report', 'tool', 'tests', 'passed', 'failed', 'skipped', 'flaky'], rows);
        const projects = Object.entries(tests.projects);
        if (projects.length > 0) {
            summary.table(['Playwright project', 'tests', 'passed', 'failed', 'skipped', 'flaky'], projects.map(([name, totals]) => [(0,src/* escapeMarkdown */.FV)(name), ...totalsCells(totals)]));
        }
        if (tests.failed.length > 0) {
            summary.heading('Failed tests', 4);
            summary.table(['test', 'where', 'project', 'failure'], tests.failed
                .slice(0, failedTestRows)
                .map((test) => [
                (0,src/* escapeMarkdown */.FV)(test.name),
                test.file
                    ? `\`${(0,src/* escapeMarkdown */.FV)(test.file)}${(test.failureLine ?? test.line) ? `:${test.failureLine ?? test.line}` : ''}\``
                    : '',
                test.project ? (0,src/* escapeMarkdown */.FV)(test.project) : '',
                test.message ? (0,src/* escapeMarkdown */.FV)(firstLine(test.message)) : '',
            ]));
            if (tests.failed.length > failedTestRows) {
                summary.paragraph(`…and ${tests.failed.length - failedTestRows} more; the manifest lists every one.`);
            }
        }
        if (tests.flaky.length > 0) {
            summary.details(`${tests.flaky.length} flaky test${tests.flaky.length === 1 ? '' : 's'} (failed, then passed on retry)`, tests.flaky
                .slice(0, failedTestRows)
                .map((test) => `- ${(0,src/* escapeMarkdown */.FV)(test.name)}${test.project ? ` [${(0,src/* escapeMarkdown */.FV)(test.project)}]` : ''}${test.file ? ` — \`${(0,src/* escapeMarkdown */.FV)(test.file)}\`` : ''}`)
                .join('\n'));
        }
    }
    if (result.coverage && result.coverage.length > 0) {
        summary.heading('Coverage', 3);
        summary.table(['report', ...coverageMetrics], result.coverage.map((coverage) => [
            `\`${(0,src/* escapeMarkdown */.FV)(coverage.path)}\``,
            ...coverageMetrics.map((metric) => {
                const limit = thresholds.coverage[metric];
                const pct = coverage.total[metric].pct;
                return `${pct}%${limit === undefined ? '' : ` ${pct >= limit ? '✅' : '❌'} (≥ ${limit}%)`}`;
            }),
        ]));
    }
    if (result.lighthouse && result.lighthouse.pages.length > 0) {
        summary.heading('Lighthouse', 3);
        summary.table([
            'page',
            'runs',
            ...categoryColumns.map(([, label]) => label),
            'LCP',
            'TBT',
            'CLS',
            'FCP',
            'Speed Index',
        ], result.lighthouse.pages.map((page) => [
            (0,src/* escapeMarkdown */.FV)(page.url),
            page.runs > 1 ? `${page.runs} (median run)` : '1',
            ...categoryColumns.map(([id]) => summary_score(page.categories[id])),
            ms(page.metrics.lcp),
            ms(page.metrics.tbt),
            page.metrics.cls === undefined ? '' : page.metrics.cls.toFixed(3),
            ms(page.metrics.fcp),
            ms(page.metrics['speed-index']),
        ]));
    }
    const checks = result.checks;
    if (checks.length > 0) {
        summary.heading('Thresholds', 3);
        summary.table(['', 'evidence', 'subject', 'limit', 'actual', 'required', 'note'], checks.map(checkRow));
    }
    summary.heading('Provenance', 3);
    summary.paragraph(`Commit \`${result.commit}\`. Manifest \`${(0,src/* escapeMarkdown */.FV)(options.manifestPath)}\`, SHA-256 \`${options.manifestSha}\`${thresholds.maxAgeMs === undefined ? '; no age limit' : ''}.`);
    summary.table(['file', 'format', 'dated', 'SHA-256', 'status'], result.files.map((file) => {
        const problem = result.problems.find((entry) => entry.path === file.path);
        return [
            `\`${(0,src/* escapeMarkdown */.FV)(file.path)}\``,
            file.format ?? '',
            file.date ? `${file.date}${file.datedBy === 'file' ? ' (file time)' : ''}` : '',
            `\`${file.sha256.slice(0, 12)}…\``,
            problem ? `❌ ${(0,src/* escapeMarkdown */.FV)(problem.reason)}` : '✅ used',
        ];
    }));
    if (result.skipped.length > 0) {
        summary.paragraph(`Not reports, skipped: ${result.skipped.map((path) => `\`${(0,src/* escapeMarkdown */.FV)(path)}\``).join(', ')}.`);
    }
}
function renderVerifySummary(summary, options) {
    const { manifest, result } = options;
    summary.heading(`evidence-gate verify: ${result.verified ? '✅ verified' : '❌ does not verify'}`);
    summary.paragraph(result.verified
        ? `**Verified.** \`${(0,src/* escapeMarkdown */.FV)(options.manifestPath)}\` was written for commit \`${manifest.commit.slice(0, 12)}\` at ${manifest.createdAt} with verdict **${manifest.verdict}**, and every one of its ${manifest.files.length} files is unchanged.`
        : `**Does not verify.** \`${(0,src/* escapeMarkdown */.FV)(options.manifestPath)}\` cannot prove that commit \`${options.commit.slice(0, 12)}\` was gated:`);
    summary.list(result.problems.map((problem) => `❌ ${(0,src/* escapeMarkdown */.FV)(problem)}`));
    summary.table(['file', 'recorded SHA-256', 'now'], result.files.map((file) => {
        const recorded = manifest.files.find((entry) => entry.path === file.path)?.sha256 ?? '';
        return [
            `\`${(0,src/* escapeMarkdown */.FV)(file.path)}\``,
            `\`${recorded.slice(0, 12)}…\``,
            file.status === 'same' ? '✅ same' : `❌ ${file.status}`,
        ];
    }));
}
function totalsCells(totals) {
    return [
        totals.total,
        totals.passed,
        totals.failed ? `**${totals.failed}**` : 0,
        totals.skipped,
        totals.flaky,
    ];
}
function checkRow(check) {
    const mark = check.passed ? '✅' : check.level === 'warn' ? '⚠️' : '❌';
    const sign = check.operator === '<=' ? '≤' : '≥';
    return [
        mark,
        check.kind,
        (0,src/* escapeMarkdown */.FV)(check.subject),
        `\`${(0,src/* escapeMarkdown */.FV)(check.rule)}\``,
        check.shown.actual,
        check.rule === 'ran' ? check.shown.limit : `${sign} ${check.shown.limit}`,
        check.note ? (0,src/* escapeMarkdown */.FV)(check.note) : '',
    ];
}
function summary_score(value) {
    return typeof value === 'number' ? String(Math.round(value * 100)) : '–';
}
function ms(value) {
    return value === undefined ? '' : formatMs(value);
}
function firstLine(text) {
    const line = text.split('\n').find((part) => part.trim() !== '') ?? '';
    return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

;// CONCATENATED MODULE: ./actions/evidence-gate/src/gate.ts








/** GitHub shows 10 annotations of each level per step; a few more keep the log useful. */
const annotationLimit = 50;
async function gate(inputs, context) {
    if (inputs.mode === 'gate' && inputs.reports.length === 0) {
        throw new src/* InputError */.dz('reports', "Input 'reports' is required in gate mode: name the report files, folders or globs");
    }
    if (inputs.mode === 'verify' && !inputs.manifest) {
        throw new src/* InputError */.dz('manifest', "Input 'manifest' is required in verify mode: the evidence-manifest.json to check");
    }
    const commit = await resolveCommit(inputs.commit, context);
    return inputs.mode === 'verify' ? verify(inputs, commit, context) : gateEvidence(inputs, commit, context);
}
async function gateEvidence(inputs, commit, { log, summary, run, writeFile }) {
    if (inputs.reports.length === 0) {
        throw new src/* InputError */.dz('reports', "Input 'reports' is required in gate mode: name the report files, folders or globs");
    }
    const required = parseRequired(inputs.required);
    const { thresholds, warnings: configWarnings } = await loadThresholds({
        root: run.workspace,
        ...(inputs['thresholds-file'] ? { file: inputs['thresholds-file'] } : {}),
        ...(inputs.thresholds ? { inline: inputs.thresholds } : {}),
        ...(inputs.lighthouserc ? { lighthouserc: inputs.lighthouserc } : {}),
        ...(required.length > 0 ? { required } : {}),
        ...(inputs['max-age'] ? { maxAge: inputs['max-age'] } : {}),
    });
    const now = new Date();
    const result = await log.group('Evidence', async () => {
        const gated = await runGate({
            reports: inputs.reports,
            root: run.workspace,
            thresholds,
            commit,
            now,
            log,
        });
        for (const file of gated.files) {
            log.info(`${file.path}: ${file.format ?? 'unreadable'}${file.error ? ` — ${file.error}` : ''}`);
        }
        for (const path of gated.skipped)
            log.info(`${path}: not a report, skipped`);
        return gated;
    });
    result.warnings.unshift(...configWarnings);
    for (const warning of result.warnings)
        log.warning(warning);
    annotate(result, log);
    const manifestPath = (0,external_node_path_.resolve)(run.workspace, inputs.manifest ?? (0,external_node_path_.join)(run.temp, 'evidence-manifest.json'));
    const manifest = buildManifest(result, thresholds, now, {
        ...(run.repository ? { repository: run.repository } : {}),
        ...(run.runId ? { runId: run.runId } : {}),
        ...(run.runAttempt ? { runAttempt: run.runAttempt } : {}),
        serverUrl: run.serverUrl,
    });
    await writeFile(manifestPath, manifestText(manifest));
    const manifestSha = await sha256(manifestPath);
    log.info(`evidence manifest: ${manifestPath} (SHA-256 ${manifestSha})`);
    renderGateSummary(summary, { result, thresholds, manifestPath, manifestSha });
    const outputs = {
        verdict: result.verdict,
        manifest: manifestPath,
        'manifest-sha256': manifestSha,
        reports: result.used.tests + result.used.coverage + result.used.lighthouse,
        ...testCounts(result),
        reasons: result.reasons,
    };
    if (result.verdict === 'pass')
        return { outputs };
    const more = result.reasons.length > 1 ? ` (and ${result.reasons.length - 1} more; see the summary)` : '';
    return {
        outputs,
        failure: `evidence for ${commit.slice(0, 12)} does not pass: ${result.reasons[0]}${more}`,
    };
}
async function verify(inputs, commit, { log, summary, run }) {
    if (!inputs.manifest) {
        throw new src/* InputError */.dz('manifest', "Input 'manifest' is required in verify mode: the evidence-manifest.json to check");
    }
    const manifestPath = (0,external_node_path_.resolve)(run.workspace, inputs.manifest);
    const manifest = await readManifest(manifestPath);
    const result = await verifyManifest({ manifest, root: run.workspace, commit });
    for (const file of result.files)
        log.info(`${file.path}: ${file.status}`);
    for (const problem of result.problems)
        log.error(problem);
    const manifestSha = await sha256(manifestPath);
    renderVerifySummary(summary, { manifest, result, manifestPath, commit });
    const totals = manifest.results.tests?.totals;
    const outputs = {
        verdict: result.verified ? 'pass' : 'fail',
        manifest: manifestPath,
        'manifest-sha256': manifestSha,
        reports: manifest.files.filter((file) => file.status === 'used').length,
        passed: (totals?.passed ?? 0) + (totals?.flaky ?? 0),
        failed: totals?.failed ?? 0,
        skipped: totals?.skipped ?? 0,
        flaky: totals?.flaky ?? 0,
        reasons: result.problems,
    };
    if (result.verified)
        return { outputs };
    return { outputs, failure: `the manifest does not verify: ${result.problems[0]}` };
}
function testCounts(result) {
    const totals = result.tests?.totals;
    return {
        passed: (totals?.passed ?? 0) + (totals?.flaky ?? 0),
        failed: totals?.failed ?? 0,
        skipped: totals?.skipped ?? 0,
        flaky: totals?.flaky ?? 0,
    };
}
function parseRequired(values) {
    for (const value of values) {
        if (!evidenceKinds.includes(value)) {
            throw new src/* InputError */.dz('required', `Input 'required' has '${value}'; expected any of ${evidenceKinds.join(', ')}`);
        }
    }
    return values;
}
/** The commit being promoted: the input, else the workflow's sha, else the checkout's HEAD. */
async function resolveCommit(given, { run, log }) {
    if (given) {
        if (!/^[0-9a-f]{7,64}$/i.test(given.trim())) {
            throw new src/* InputError */.dz('commit', `Input 'commit' is '${given}'; expected a commit SHA (7 to 64 hex digits)`);
        }
        return given.trim().toLowerCase();
    }
    if (run.sha)
        return run.sha.toLowerCase();
    try {
        const { stdout } = await (0,external_node_util_.promisify)(external_node_child_process_.execFile)('git', ['rev-parse', 'HEAD'], { cwd: run.workspace });
        const head = stdout.trim();
        log.info(`commit: ${head} (the workspace's HEAD; no GITHUB_SHA)`);
        return head;
    }
    catch {
        throw new src/* InputError */.dz('commit', "Input 'commit' is required here: there is no GITHUB_SHA and the workspace is not a git checkout");
    }
}
function annotate(result, log) {
    const failed = result.tests?.failed ?? [];
    for (const test of failed.slice(0, annotationLimit)) {
        const where = test.file
            ? {
                file: test.file,
                ...((test.failureLine ?? test.line) ? { startLine: test.failureLine ?? test.line } : {}),
            }
            : {};
        log.error(`${test.project ? `[${test.project}] ` : ''}${test.name} failed${test.message ? `: ${test.message}` : ''}`, {
            title: 'evidence-gate: failed test',
            ...where,
        });
    }
    if (failed.length > annotationLimit)
        log.error(`${failed.length - annotationLimit} more failed tests; see the summary and the manifest`);
    for (const test of (result.tests?.flaky ?? []).slice(0, annotationLimit)) {
        log.warning(`${test.project ? `[${test.project}] ` : ''}${test.name} is flaky: it failed, then passed on retry`, {
            title: 'evidence-gate: flaky test',
            ...(test.file ? { file: test.file, ...(test.line ? { startLine: test.line } : {}) } : {}),
        });
    }
}
async function sha256(path) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(await (0,promises_.readFile)(path))
        .digest('hex');
}


/***/ })

};
