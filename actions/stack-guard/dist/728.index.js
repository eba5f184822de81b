export const id = 728;
export const ids = [728];
export const modules = {

/***/ 3728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  guard: () => (/* binding */ guard_guard)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/policy/src/fingerprint.ts

/**
 * A finding's identity: rule, path, what matched (or the message) and which occurrence of that match in
 * the file. The line number is left out so a finding keeps its fingerprint when lines above it move.
 */
function fingerprintOf(ruleId, path, matchOrMessage, occurrence) {
    // NUL never appears in a rule id or a path, so the parts cannot run into each other.
    return (0,external_node_crypto_.createHash)('sha256')
        .update(`${ruleId}\0${path}\0${matchOrMessage}\0${occurrence}`)
        .digest('hex')
        .slice(0, 32);
}

;// CONCATENATED MODULE: ./packages/policy/src/placeholders.ts
// Values that stand for a secret without being one: what example env files, docs and templates hold.
const placeholderPatterns = [
    /^<[^<>]*>$/, // <password>
    /^\[[^[\]]*\]$/, // [YOUR-PASSWORD]
    /^\$\{[^}]*\}$/, // ${DB_PASSWORD}
    /^\$\(?[A-Za-z_][A-Za-z0-9_]*\)?$/, // $DB_PASSWORD, $(PASSWORD)
    /^\{\{.*\}\}$/, // {{ secrets.X }}
    /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %PASSWORD%
    /^(?:x{3,}|\*{3,}|\.{3,}|…|-+|_+|0{4,}|#{3,})$/i, // xxx, ***, ..., 0000
    /^x{3,}[-_]/i, // xxx-xxx style fillers
    /^(?:your|my|enter|insert|put|add)[-_ ]/i, // your-api-key, my_password
    /^replace/i, // replace-me, REPLACE_WITH_KEY
    /^(?:change[-_]?me|changeit|todo|tbd|fixme|none|null|undefined|empty|redacted|removed|hidden|masked)$/i,
    /^(?:example|sample|placeholder|dummy|fake|test|testing|secret|token|key|value|foo|bar|baz|abc123?|123456?)$/i,
    /(?:^|[-_ .])(?:example|placeholder|dummy|changeme|your)(?:[-_ .]|$)/i,
];
/**
 * Whether a value is a placeholder, not a real secret: empty, `<...>`, `[...]`, `${...}`, `$NAME`, `{{...}}`,
 * `xxx…`, `***…`, `changeme`, `your-…`, `replace…`, `example`, `placeholder`, `dummy`, `secret` and the like.
 */
function isPlaceholder(value) {
    const trimmed = value.trim().replace(/^(['"`])(.*)\1$/, '$2');
    if (trimmed === '')
        return true;
    return placeholderPatterns.some((pattern) => pattern.test(trimmed));
}
const exampleFile = /(?:^|\/)(?:\.env\.(?:example|sample|template|dist|defaults)|[^/]+\.(?:example|sample|template|dist))$/i;
/** Whether a path is an example or template file (`.env.example`, `config.sample`, `*.template`, ...). */
function isExampleFile(path) {
    return exampleFile.test(path);
}
const loopbackHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
/** Whether a host is the local machine (a password on it protects nothing worth leaking). */
function isLoopbackHost(host) {
    const lower = host.toLowerCase();
    return loopbackHosts.has(lower) || lower.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(lower);
}

;// CONCATENATED MODULE: ./packages/policy/src/url-userinfo.ts

/**
 * Database URL schemes: in these a user info without a colon is a user name (libpq, MySQL, MongoDB, Redis and
 * AMQP clients all read it so), which reports keep; anywhere else it is as likely a token (`https://ghp_…@`).
 */
const databaseSchemes = [
    'postgres',
    'postgresql',
    'mysql',
    'mariadb',
    'mongodb',
    'mongodb+srv',
    'redis',
    'rediss',
    'amqp',
    'amqps',
];
const databaseSchemeSet = new Set(databaseSchemes);
/**
 * Whether an authority with no `@` is a user info rather than a host: `a:b` where `b` is not a port and `a:b`
 * is no host and port the URL parser accepts (`localhost:3000` and `[::1]:5432` are hosts).
 */
function isUserinfoNotHost(authority) {
    const colon = authority.indexOf(':');
    if (colon === -1 || authority.includes('@'))
        return false;
    const afterColon = authority.slice(colon + 1);
    if (afterColon === '' || /^\d+$/.test(afterColon))
        return false;
    try {
        new URL(`http://${authority}`);
        return false;
    }
    catch {
        return true;
    }
}
/**
 * The user info of `scheme://<rest>`, or undefined when there is none. It ends at the last `@` before the
 * path, so a password holding `@`, `?` or `#` unencoded is taken whole; an authority that is no host
 * (`user:pa`) takes the user info to the last `@` anywhere, so one holding a `/` is too; with no `@` at all
 * that authority is a user info cut before its host, unless a path follows (`http://host:port/…`).
 */
function splitUserinfo(rest) {
    const pathStart = rest.indexOf('/');
    const beforePath = pathStart === -1 ? rest : rest.slice(0, pathStart);
    const authority = beforePath.slice(0, beforePath.search(/[?#]|$/));
    let at = authority.includes('@') ? beforePath.lastIndexOf('@') : -1;
    if (at === -1) {
        // Punctuation that ends a sentence or a message part (`postgresql://user:pw: host …`) is not the URL's.
        const trimmed = authority.replace(/[.,;:!]+$/, '');
        if (!isUserinfoNotHost(trimmed))
            return undefined;
        at = rest.lastIndexOf('@');
        if (at === -1) {
            if (rest[authority.length] === '/')
                return undefined;
            return { userinfo: trimmed, after: rest.slice(trimmed.length), cut: true };
        }
    }
    return { userinfo: rest.slice(0, at), after: rest.slice(at + 1), cut: false };
}
const schemeStart = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*):\/\//gi;
/** What can follow `scheme://` in one URL: anything up to a space, a quote or an angle bracket. */
const urlRest = /[^\s"'`<>\\]*/y;
/**
 * Every URL-like text with its user info removed, parsed or not: `scheme://user:***@host` for database
 * schemes (`scheme://user@host` kept), `scheme://***@host` for any other; and an authority cut before its
 * `@host` (`"postgresql://user:pw" +` at the end of a line) as `postgresql://user:***`. What findings carry
 * passes through here, as does every text a report takes from a finding.
 */
function redactUrlUserinfo(text) {
    if (!text.includes('://'))
        return text;
    let redacted = '';
    let copied = 0;
    schemeStart.lastIndex = 0;
    for (let match = schemeStart.exec(text); match !== null; match = schemeStart.exec(text)) {
        const restStart = match.index + match[0].length;
        urlRest.lastIndex = restStart;
        const found = splitUserinfo(urlRest.exec(text)[0]);
        // A placeholder after the colon of a cut authority is a templated port (`localhost:${PORT}`), not a password.
        if (!found || (found.cut && isPlaceholder(found.userinfo.slice(found.userinfo.indexOf(':') + 1)))) {
            continue;
        }
        redacted += `${text.slice(copied, restStart)}${redactUserinfo(match[1], found.userinfo)}${found.cut ? '' : '@'}`;
        copied = restStart + found.userinfo.length + (found.cut ? 0 : 1);
        // Scanning goes on after the user info, so a URL inside this one's query is redacted too.
        schemeStart.lastIndex = copied;
    }
    return copied === 0 ? text : redacted + text.slice(copied);
}
function redactUserinfo(scheme, userinfo) {
    if (!databaseSchemeSet.has(scheme.toLowerCase()))
        return '***';
    const colon = userinfo.indexOf(':');
    return colon === -1 ? userinfo : `${userinfo.slice(0, colon)}:***`;
}

;// CONCATENATED MODULE: ./packages/policy/src/findings.ts


/** Runs every given rule on one file and returns its findings, fingerprinted, in file order. */
async function checkFile(file, rules) {
    const findings = [];
    for (const rule of rules) {
        let found;
        try {
            found = await rule.check(file);
        }
        catch (error) {
            throw new Error(`rule ${rule.id} failed on ${file.path}`, { cause: error });
        }
        if (found.length > 0)
            findings.push(...fingerprinted(rule, file.path, found));
    }
    return findings;
}
function fingerprinted(rule, path, found) {
    // Occurrences are numbered in file order, so the n-th identical match keeps its identity when lines move.
    const ordered = [...found].sort(byPosition);
    const seen = new Map();
    return ordered.map((found) => {
        const finding = withoutUrlUserinfo(found);
        const key = finding.match ?? finding.message;
        const occurrence = seen.get(key) ?? 0;
        seen.set(key, occurrence + 1);
        return {
            ...finding,
            ruleId: rule.id,
            kind: rule.kind,
            severity: rule.severity,
            path,
            fingerprint: fingerprintOf(rule.id, path, key, occurrence),
        };
    });
}
/**
 * A finding's message and match with the user info of every URL in them removed, before the match becomes
 * the fingerprint's input: no report, and no hash of a short password, carries a credential from a URL.
 */
function withoutUrlUserinfo(finding) {
    const message = redactUrlUserinfo(finding.message);
    const match = finding.match === undefined ? undefined : redactUrlUserinfo(finding.match);
    if (message === finding.message && match === finding.match)
        return finding;
    return { ...finding, message, ...(match === undefined ? {} : { match }) };
}
function byPosition(a, b) {
    return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
/** Report order: path, line, column, rule id (code-unit order, the same on every machine). */
function compareFindings(a, b) {
    return (compareText(a.path, b.path) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0) ||
        compareText(a.ruleId, b.ruleId) ||
        compareText(a.fingerprint, b.fingerprint));
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** How many findings of each severity. */
function countBySeverity(findings) {
    const counts = { error: 0, warning: 0, note: 0 };
    for (const finding of findings)
        counts[finding.severity]++;
    return counts;
}

;// CONCATENATED MODULE: ./packages/policy/src/baseline.ts




const baselineFile = schemas/* object */.Ikc({
    version: schemas/* literal */.euz(1),
    findings: schemas/* array */.YOg(schemas/* looseObject */._H3({ fingerprint: schemas/* string */.YjP().min(1) })),
});
/** Reads a baseline file's fingerprints; a missing or malformed file is an error naming it. */
async function readBaseline(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT') {
            throw new Error(`baseline file ${path} does not exist: create it with input 'write-baseline', or remove 'baseline' from the policy`);
        }
        throw new Error(`baseline file ${path} cannot be read (${code ?? String(error)})`);
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`baseline file ${path} is not JSON: ${error.message}`);
    }
    const parsed = baselineFile.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : 'the top level';
        throw new Error(`baseline file ${path} is not a stack-guard baseline (at ${where}: ${issue?.message ?? 'invalid'}); expected {"version": 1, "findings": [{"fingerprint": "..."}]}`);
    }
    return new Set(parsed.data.findings.map((entry) => entry.fingerprint));
}
/** Writes today's findings as a baseline, sorted, so only new findings fail from now on. */
async function writeBaseline(path, findings) {
    const seen = new Set();
    const entries = [];
    for (const finding of [...findings].sort(compareFindings)) {
        if (seen.has(finding.fingerprint))
            continue;
        seen.add(finding.fingerprint);
        const entry = {
            fingerprint: finding.fingerprint,
            ruleId: finding.ruleId,
            path: finding.path,
        };
        if (finding.line !== undefined)
            entry.line = finding.line;
        entries.push(entry);
    }
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    await (0,promises_.writeFile)(path, `${JSON.stringify({ version: 1, findings: entries }, null, 2)}\n`);
}

;// CONCATENATED MODULE: ./packages/policy/src/config-schema.ts

// The policy file's shape. Keys are kebab-case, objects are strict (a typo is an error with a location, not a
// silently ignored key), and every field carries a description so editors can complete and explain it.
const glob = schemas/* string */.YjP().min(1);
const globs = (what) => schemas/* array */.YOg(glob).describe(what);
const regexSource = schemas/* string */.YjP().min(1);
const ruleSeverities = ['error', 'warning', 'note', 'off'];
const severity = schemas/* enum */.k5n(ruleSeverities)
    .describe("How findings of this rule are reported; 'off' disables the rule. Default: error.");
const ruleId = schemas/* string */.YjP()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'invalid rule id' })
    .describe('Unique id of the rule: lowercase letters, digits and dashes.');
const common = {
    id: ruleId,
    severity: severity.optional(),
    message: schemas/* string */.YjP()
        .min(1)
        .optional()
        .describe('Appended to each finding of this rule: "<what was found> — <message>".'),
    description: schemas/* string */.YjP()
        .min(1)
        .optional()
        .describe('One sentence: what the rule keeps out and why (shown as the SARIF rule description).'),
    files: globs('Globs (picomatch, dotfiles included) of the files the rule looks at.').optional(),
    ignore: globs('Globs of files this rule skips.').optional(),
};
const packageName = schemas/* string */.YjP().min(1).describe('Package name or name glob, e.g. @remix-run/*.');
const semverRange = schemas/* string */.YjP().min(1).describe('A semver range, e.g. ">=7".');
const dependencySections = [
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'optionalDependencies',
];
const dependenciesRule = schemas/* strictObject */.rej({
    ...common,
    kind: schemas/* literal */.euz('dependencies'),
    forbid: schemas/* array */.YOg(schemas/* union */.KCZ([
        packageName,
        schemas/* strictObject */.rej({
            name: packageName,
            version: semverRange
                .optional()
                .describe('Forbidden only when the declared range can resolve into this range.'),
        }),
    ]))
        .optional()
        .describe('Packages that must not be declared (name globs, optionally only within a version range).'),
    require: schemas/* array */.YOg(schemas/* strictObject */.rej({
        name: schemas/* string */.YjP().min(1).describe('Exact package name.'),
        version: semverRange
            .optional()
            .describe('The lowest version the declared range allows must satisfy this range.'),
        files: globs('Where this requirement applies (default: the rule files), e.g. ["package.json"].').optional(),
    }))
        .optional()
        .describe('Packages every package.json the rule applies to must declare, in any section.'),
    constrain: schemas/* array */.YOg(schemas/* strictObject */.rej({
        name: packageName,
        version: semverRange.describe('The lowest version the declared range allows must satisfy this range.'),
    }))
        .optional()
        .describe('Version ranges packages must satisfy wherever they are declared.'),
    sections: schemas/* array */.YOg(schemas/* enum */.k5n(dependencySections))
        .min(1)
        .optional()
        .describe('package.json sections to read. Default: all four.'),
})
    .superRefine((rule, ctx) => {
    if (!rule.forbid && !rule.require && !rule.constrain) {
        ctx.addIssue({
            code: 'custom',
            message: `rule '${rule.id}' has nothing to check`,
            params: { expected: 'at least one of: forbid, require, constrain' },
        });
    }
})
    .describe('Forbid, require or constrain packages in package.json files (default files: **/package.json).');
const textRule = schemas/* strictObject */.rej({
    ...common,
    kind: schemas/* literal */.euz('text'),
    files: globs('Globs (picomatch, dotfiles included) of the files the rule looks at. Required.'),
    pattern: regexSource.optional().describe('A JavaScript regular expression (source, no slashes).'),
    patterns: schemas/* array */.YOg(regexSource).min(1).optional().describe('Several regular expressions; any may match.'),
    'case-sensitive': schemas/* boolean */.zMY().optional().describe('Match case exactly. Default: false.'),
    'exclude-pattern': regexSource.optional().describe('A line matching this regular expression is skipped.'),
})
    .superRefine((rule, ctx) => {
    if ((rule.pattern === undefined) === (rule.patterns === undefined)) {
        ctx.addIssue({
            code: 'custom',
            message: rule.pattern === undefined
                ? `rule '${rule.id}' has no pattern`
                : `rule '${rule.id}' has both pattern and patterns`,
            params: { expected: 'exactly one of: pattern, patterns' },
        });
    }
})
    .describe('Regular expressions over the text of files.');
const assertionOps = [
    'absent',
    'present',
    'equals',
    'one-of',
    'matches',
    'not-matches',
    'min',
    'max',
];
const bound = schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP().min(1)])
    .describe('A number, or a size such as 512mb or 1gb (compared in MB; a bare number is MB).');
const assertion = schemas/* strictObject */.rej({
    path: schemas/* string */.YjP()
        .min(1)
        .describe('Dotted path; * is any key, [*] any array item, [n] item n, e.g. vm[*].memory or scripts.*.'),
    absent: schemas/* literal */.euz(true).optional().describe('The path must not exist.'),
    present: schemas/* literal */.euz(true).optional().describe('The path must exist.'),
    equals: schemas/* unknown */.L5J().optional().describe('The value must exist and equal this value.'),
    'one-of': schemas/* array */.YOg(schemas/* unknown */.L5J())
        .min(1)
        .optional()
        .describe('When present, the value must be one of these.'),
    matches: regexSource.optional().describe('When present, the value must match this regular expression.'),
    'not-matches': regexSource
        .optional()
        .describe('When present, the value must not match this regular expression.'),
    min: bound.optional().describe('When present, the value must be at least this (number or size).'),
    max: bound.optional().describe('When present, the value must be at most this (number or size).'),
})
    .superRefine((value, ctx) => {
    const ops = assertionOps.filter((op) => value[op] !== undefined);
    if (ops.length !== 1) {
        ctx.addIssue({
            code: 'custom',
            message: ops.length === 0 ? 'assertion has no operation' : `assertion has ${ops.length} operations`,
            params: { expected: `exactly one of: ${assertionOps.join(', ')}` },
        });
    }
})
    .describe('One check on one path: `path` and exactly one operation.');
const structuredFormats = ['toml', 'json', 'yaml'];
const structuredRule = schemas/* strictObject */.rej({
    ...common,
    kind: schemas/* literal */.euz('structured'),
    files: globs('Globs (picomatch, dotfiles included) of the files the rule looks at. Required.'),
    format: schemas/* enum */.k5n(structuredFormats)
        .optional()
        .describe('How to parse the files. Default: from the extension (.toml, .json, .yml/.yaml).'),
    'case-sensitive': schemas/* boolean */.zMY()
        .optional()
        .describe('Whether matches / not-matches respect case. Default: false.'),
    assert: schemas/* array */.YOg(assertion).min(1).describe('The checks, each on one path.'),
})
    .describe('Assertions on paths in TOML, JSON or YAML files.');
const connectionStringsRule = schemas/* strictObject */.rej({
    ...common,
    kind: schemas/* literal */.euz('connection-strings'),
    schemes: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^[a-z][a-z0-9+.-]*$/i))
        .min(1)
        .optional()
        .describe('URL schemes that are database URLs. Default: [postgres, postgresql].'),
    'allowed-hosts': globs('Host globs a database URL may point at; any other host is a finding. Default: no host check.').optional(),
    'forbid-password': schemas/* boolean */.zMY()
        .optional()
        .describe('An embedded password (not a placeholder, not on a loopback host) is a finding. Default: true.'),
    'direct-required': schemas/* strictObject */.rej({
        names: globs('Variable names (globs) whose URL must be a direct connection, e.g. DIRECT_URL.'),
        'pooler-ports': schemas/* array */.YOg(schemas/* number */.aig().int().min(1).max(65535))
            .optional()
            .describe('Ports that mean a pooler. Default: [6543].'),
    })
        .optional()
        .describe('URLs assigned to these names must not use a pooler port.'),
})
    .describe('Database URLs: allowed hosts, embedded passwords, pooler ports (default files: **/*).');
const secretsRule = schemas/* strictObject */.rej({
    ...common,
    kind: schemas/* literal */.euz('secrets'),
    disable: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .optional()
        .describe('secretlint rule ids to turn off, e.g. database-connection-string (short or full id).'),
})
    .describe("Secrets in code, found by secretlint's recommended rules (default files: **/*).");
const ruleSchema = schemas/* discriminatedUnion */.gMt('kind', [
    dependenciesRule,
    textRule,
    structuredRule,
    connectionStringsRule,
    secretsRule,
]);
/** The keys a rule of each kind accepts, for error messages about unknown keys. */
const ruleKeys = {
    dependencies: Object.keys(dependenciesRule.shape),
    text: Object.keys(textRule.shape),
    structured: Object.keys(structuredRule.shape),
    'connection-strings': Object.keys(connectionStringsRule.shape),
    secrets: Object.keys(secretsRule.shape),
};
const overrideSchema = schemas/* strictObject */.rej({
    severity: severity.optional(),
    message: schemas/* string */.YjP().min(1).optional().describe('Replaces the rule message.'),
    ignore: globs('More globs of files this rule skips (added to the rule ones).').optional(),
})
    .describe('Changes to a rule from a preset, by id.');
const policySchema = schemas/* strictObject */.rej({
    $schema: schemas/* string */.YjP().optional().describe('The JSON Schema of this file, for editors.'),
    extends: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .optional()
        .describe('Built-in presets to apply, in order: fly-supabase, secrets.'),
    ignore: schemas/* strictObject */.rej({
        paths: globs('Globs of files never scanned.').optional(),
        baseline: schemas/* string */.YjP()
            .min(1)
            .optional()
            .describe('Baseline file (JSON of finding fingerprints), relative to the scanned directory.'),
    })
        .optional()
        .describe('What is never reported.'),
    overrides: schemas/* record */.g1P(ruleId, overrideSchema)
        .optional()
        .describe('Per-rule changes (severity, message, ignore) keyed by rule id.'),
    rules: schemas/* array */.YOg(ruleSchema).optional().describe('Rules of this repository, on top of the presets.'),
})
    .meta({
    title: 'stack-guard policy',
    description: 'Policy file of shipgate stack-guard (.github/stack-guard.yml). See docs/stack-guard-policy.md.',
});
const policyKeys = Object.keys(policySchema.shape);
/** The policy file's JSON Schema (draft-07, which editors' YAML plugins read best), generated from the zod schema. */
function policyJsonSchema() {
    const generated = z.toJSONSchema(policySchema, { target: 'draft-7', unrepresentable: 'any' });
    return {
        $schema: generated.$schema,
        ...generated,
    };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
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
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const syntaxError = document.errors[0];
    if (syntaxError) {
        const position = syntaxError instanceof YAMLParseError ? lineCounter.linePos(syntaxError.pos[0]) : undefined;
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

;// CONCATENATED MODULE: ./packages/policy/src/policy-error.ts
/**
 * A policy that cannot be used. Its message is one line: `<file>:<line>:<column>: <what is wrong>; expected
 * <what>`, so editors and the runner's log make it clickable.
 */
class PolicyError extends Error {
    problem;
    expected;
    location;
    constructor(problem, expected, location) {
        super(formatPolicyError(problem, expected, location));
        this.problem = problem;
        this.expected = expected;
        this.location = location;
        this.name = 'PolicyError';
    }
}
function formatPolicyError(problem, expected, location) {
    let prefix = '';
    if (location) {
        prefix = location.file;
        if (location.line !== undefined)
            prefix += `:${location.line}:${location.column ?? 1}`;
        prefix += ': ';
    }
    return `${prefix}${problem}${expected ? `; expected ${expected}` : ''}`.replace(/\s*\r?\n\s*/g, ' ');
}
/**
 * A rule's configuration that the schema accepts but that cannot be compiled (an invalid regex, say). `path`
 * is relative to the rule; the loader turns it into a PolicyError at the right line.
 */
class RuleConfigError extends Error {
    path;
    problem;
    expected;
    constructor(path, problem, expected) {
        super(`${problem}; expected ${expected}`);
        this.path = path;
        this.problem = problem;
        this.expected = expected;
        this.name = 'RuleConfigError';
    }
}

;// CONCATENATED MODULE: ./packages/policy/src/types.ts
/**
 * The contract between the policy (rules compiled from a policy file) and the scanner (which files,
 * which lines, what is reported). Rules see one text file at a time and know nothing of scopes.
 */
const ruleKinds = ['dependencies', 'text', 'structured', 'connection-strings', 'secrets'];
const severities = (/* unused pure expression or super */ null && (['error', 'warning', 'note']));

;// CONCATENATED MODULE: ./packages/policy/src/policy-issues.ts


const nestedKeys = {
    ignore: ['paths', 'baseline'],
    overrides: ['severity', 'message', 'ignore'],
    assert: ['path', 'absent', 'present', 'equals', 'one-of', 'matches', 'not-matches', 'min', 'max'],
    'direct-required': ['names', 'pooler-ports'],
    forbid: ['name', 'version'],
    require: ['name', 'version', 'files'],
    constrain: ['name', 'version'],
};
const formatHints = {
    id: 'lowercase letters, digits and dashes, starting with a letter or digit',
    schemes: 'a URL scheme such as postgres',
};
const unionHints = {
    forbid: 'a package name glob, or { name, version }',
    min: 'a number or a size such as 512mb',
    max: 'a number or a size such as 512mb',
};
/** Turns the first zod issue of a policy into a located, one-line explanation. */
function describeIssue(issue, data) {
    const path = issue.path.filter((step) => typeof step !== 'symbol');
    const label = formatLabel(path);
    const value = valueAt(data, path);
    const last = [...path].reverse().find((step) => typeof step === 'string');
    switch (issue.code) {
        case 'invalid_union': {
            if ('discriminator' in issue && issue.discriminator === 'kind') {
                const allowed = ruleKinds.join(', ');
                if (value === undefined)
                    return {
                        path: path.slice(0, -1),
                        problem: `${formatLabel(path.slice(0, -1))} has no kind`,
                        expected: `one of: ${allowed}`,
                    };
                return { path, problem: `unknown rule kind '${String(value)}'; allowed kinds: ${allowed}` };
            }
            return {
                path,
                problem: `${label} is ${show(value)}`,
                expected: (last && unionHints[last]) ?? 'a value of the documented form',
            };
        }
        case 'invalid_type':
            if (value === undefined) {
                return { path, problem: `${label} is missing`, expected: article(issue.expected) };
            }
            return { path, problem: `${label} is ${kindOf(value)}`, expected: article(issue.expected) };
        case 'invalid_value': {
            const values = issue.values.map((item) => String(item));
            return {
                path,
                problem: `${label} is ${show(value)}`,
                expected: values.length === 1 ? values[0] : `one of: ${values.join(', ')}`,
            };
        }
        case 'unrecognized_keys': {
            const key = issue.keys[0];
            return {
                path: [...path, key],
                problem: `unknown key '${key}' in ${label}`,
                expected: `one of: ${allowedKeys(path, data).join(', ')}`,
            };
        }
        case 'too_small':
            if (issue.origin === 'array')
                return { path, problem: `${label} is empty`, expected: `at least ${issue.minimum} item` };
            if (issue.origin === 'string')
                return { path, problem: `${label} is empty`, expected: 'a non-empty string' };
            return { path, problem: `${label} is ${show(value)}`, expected: `at least ${issue.minimum}` };
        case 'too_big':
            return { path, problem: `${label} is ${show(value)}`, expected: `at most ${issue.maximum}` };
        case 'invalid_format':
            return {
                path,
                problem: `${label} ${show(value)} is not valid`,
                expected: (last && formatHints[last]) ?? `a ${issue.format}`,
            };
        case 'invalid_key':
            return { path, problem: `${label} is not a valid rule id`, expected: formatHints.id };
        case 'custom': {
            const expected = issue.params?.expected;
            return { path, problem: issue.message, ...(expected ? { expected } : {}) };
        }
        default:
            return { path, problem: `${label}: ${issue.message}` };
    }
}
/** `rules[0].severity`; `the policy` for the top level. */
function formatLabel(path) {
    let text = '';
    for (const step of path) {
        if (typeof step === 'number')
            text += `[${step}]`;
        else
            text += text === '' ? step : /^[\w-]+$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
    }
    return text || 'the policy';
}
function allowedKeys(path, data) {
    if (path.length === 0)
        return policyKeys;
    if (path.length === 2 && path[0] === 'rules') {
        const kind = valueAt(data, path)?.kind;
        if (kind && kind in ruleKeys)
            return ruleKeys[kind];
    }
    const named = [...path].reverse().find((step) => typeof step === 'string');
    return named ? (nestedKeys[named] ?? []) : [];
}
function valueAt(data, path) {
    let value = data;
    for (const step of path) {
        if (value === null || typeof value !== 'object')
            return undefined;
        value = value[step];
    }
    return value;
}
function kindOf(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    return `${typeof value} ${show(value)}`;
}
function article(expected) {
    const names = { array: 'a list', object: 'a mapping', record: 'a mapping' };
    return names[expected] ?? `a ${expected}`;
}
function show(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

;// CONCATENATED MODULE: ./packages/policy/src/presets/fly-supabase.ts
const supabaseAndLoopback = ['*.supabase.co', '*.supabase.com', 'localhost', '127.0.0.1', '::1'];
/** Variables that must hold a direct connection: migrations and shadow databases break on the transaction pooler. */
const directUrlNames = [
    'DIRECT_URL',
    '*_DIRECT_URL',
    'DIRECT_DATABASE_URL',
    'MIGRATION*_URL',
    'SHADOW_DATABASE_URL',
];
const migrationCommands = [
    String.raw `prisma\s+migrate\b`,
    String.raw `prisma\s+db\s+(?:push|execute|seed)\b`,
    String.raw `supabase\s+db\s+(?:push|reset)\b`,
    String.raw `supabase\s+migration\s+up\b`,
    String.raw `drizzle-kit\s+(?:push|migrate)\b`,
    String.raw `knex\s+migrate:`,
    String.raw `sequelize(?:-cli)?\s+db:migrate\b`,
    String.raw `typeorm(?:-ts-node-(?:esm|commonjs))?\s+migration:run\b`,
    String.raw `node-pg-migrate\b`,
    String.raw `graphile-migrate\s+(?:migrate|reset|watch)\b`,
    String.raw `dbmate\s+(?:up|migrate)\b`,
    String.raw `atlas\s+migrate\s+apply\b`,
    String.raw `flyway\s+migrate\b`,
    String.raw `liquibase\s+update\b`,
];
const noSecretsRule = {
    id: 'no-secrets',
    kind: 'secrets',
    description: 'Credentials (tokens, keys, private keys) must not be committed; they belong in GitHub or Fly secrets.',
    // Database URLs are the connection-strings rule's job, which knows placeholders and loopback hosts.
    disable: ['database-connection-string'],
};
const flySupabase = {
    name: 'fly-supabase',
    description: 'A React Router 7 app on Fly.io with its Postgres on Supabase, migrations run from CI.',
    rules: [
        {
            id: 'no-fly-postgres-commands',
            kind: 'text',
            description: 'Postgres lives on Supabase: no fly postgres / fly pg commands (create, connect, attach, ...).',
            message: 'the database is Supabase Postgres, not Fly Postgres',
            files: [
                '**/*.{sh,bash,zsh,ps1,md,mdx,txt,yml,yaml,toml,json,mk,js,mjs,cjs,ts,mts,cts}',
                '**/Makefile',
                '**/makefile',
                '**/justfile',
                '**/Procfile',
                '**/Dockerfile',
                '**/Dockerfile.*',
                '**/*.Dockerfile',
                'scripts/**',
                'bin/**',
            ],
            // Commands, not prose: flyctl's subcommands are lower case and named, so "Fly Postgres" in a runbook
            // sentence ("we moved off Fly Postgres") is not a finding, while `fly pg attach` anywhere is.
            pattern: String.raw `\bfly(?:ctl)?(?:\.exe)?\s+(?:postgres|pg)\s+(?:attach|backup|barman|config|connect|create|db|detach|events|failover|import|list|renew-certs|restart|users)\b`,
            'case-sensitive': true,
        },
        {
            id: 'supabase-postgres-only',
            kind: 'connection-strings',
            description: 'Database URLs point at Supabase (or localhost), carry no password, and migrations use the direct port, not the pooler.',
            'allowed-hosts': supabaseAndLoopback,
            'forbid-password': true,
            'direct-required': { names: directUrlNames, 'pooler-ports': [6543] },
        },
        {
            id: 'react-router-7',
            kind: 'dependencies',
            description: 'The app is on React Router 7: no Remix packages, and react-router packages at 7 or later.',
            message: 'use React Router 7 (Remix v2 is now React Router 7)',
            forbid: ['@remix-run/*', 'remix'],
            constrain: [
                { name: 'react-router', version: '>=7' },
                { name: 'react-router-dom', version: '>=7' },
                { name: '@react-router/*', version: '>=7' },
            ],
            require: [{ name: 'react-router', version: '>=7', files: ['package.json'] }],
        },
        {
            id: 'release-command-allowlist',
            kind: 'structured',
            description: 'The Fly release command only generates the Prisma client; migrations run from CI, not on deploy.',
            message: 'run migrations from CI against DIRECT_URL',
            files: ['**/fly.toml', '**/fly.*.toml'],
            format: 'toml',
            assert: [{ path: 'deploy.release_command', 'one-of': ['npx prisma generate'] }],
        },
        {
            id: 'no-migrations-in-scripts',
            kind: 'structured',
            description: 'package.json scripts do not run database migrations; migrations run from the CI pipeline only.',
            message: 'run migrations from CI against DIRECT_URL',
            files: ['**/package.json'],
            format: 'json',
            assert: [
                {
                    path: 'scripts.*',
                    'not-matches': `(?:^|[\\s;&|(])(?:npx\\s+|pnpm\\s+(?:exec\\s+)?|yarn\\s+|bunx\\s+)?(?:${migrationCommands.join('|')})`,
                },
            ],
        },
        {
            id: 'fly-vm-memory',
            kind: 'structured',
            severity: 'warning',
            description: 'Fly VMs get at least 512 MB: a Node server with Prisma runs out of memory below that.',
            files: ['**/fly.toml', '**/fly.*.toml'],
            format: 'toml',
            assert: [
                { path: 'vm[*].memory', min: '512mb' },
                { path: 'vm[*].memory_mb', min: '512mb' },
            ],
        },
        noSecretsRule,
    ],
};

;// CONCATENATED MODULE: ./packages/policy/src/presets/secrets.ts


const secretsPreset = {
    name: 'secrets',
    description: 'Leak checks only: secrets in code, and database URLs with an embedded password.',
    rules: [
        noSecretsRule,
        {
            id: 'no-dsn-passwords',
            kind: 'connection-strings',
            description: 'Database URLs carry no password (placeholders and localhost aside); passwords belong in secrets.',
            schemes: [...databaseSchemes],
            'forbid-password': true,
        },
    ],
};

;// CONCATENATED MODULE: ./packages/policy/src/presets/index.ts



const presets = {
    [flySupabase.name]: flySupabase,
    [secretsPreset.name]: secretsPreset,
};
/** The names of the built-in presets. */
const presetNames = Object.keys(presets);
/** A built-in preset by name, its rules checked against the policy schema; undefined when there is none. */
function getPreset(name) {
    const preset = Object.hasOwn(presets, name) ? presets[name] : undefined;
    if (!preset)
        return undefined;
    for (const rule of preset.rules) {
        const checked = ruleSchema.safeParse(rule);
        if (!checked.success) {
            throw new Error(`preset ${name}, rule ${rule.id}: ${checked.error.issues[0]?.message ?? 'invalid'}`);
        }
    }
    return preset;
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./packages/policy/src/globs.ts

const never = () => false;
/** Compiles globs once (picomatch, dotfiles included); an empty list matches nothing. */
function compileGlobs(globs, options = {}) {
    if (globs.length === 0)
        return never;
    return picomatch_default()([...globs], { dot: true, nocase: options.nocase ?? false });
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/connection-url.ts

function decode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/**
 * Parses `scheme://user:password@host:port/db?query`. The user info is split by hand (see `splitUserinfo`),
 * so unencoded `[YOUR-PASSWORD]`, or `@`, `/`, `?`, `#` in passwords survive; the host and port go through the
 * WHATWG URL parser with the scheme swapped for one it knows. `scheme://user:password` with no `@` (a URL
 * split across a string concatenation) is a user info without a host, never a host and port.
 */
function parseConnectionUrl(url) {
    const schemeEnd = url.indexOf('://');
    if (schemeEnd <= 0)
        return undefined;
    const scheme = url.slice(0, schemeEnd).toLowerCase();
    const rest = url.slice(schemeEnd + 3);
    const found = splitUserinfo(rest);
    const userInfo = found?.userinfo;
    const afterUserInfo = found ? found.after : rest;
    const pathStart = afterUserInfo.search(/[/?#]|$/);
    // A URL cut before its `@host` (`"postgresql://user:pw" +`) has no host: what follows its user info is a tail.
    const hostPort = found?.cut ? '' : afterUserInfo.slice(0, pathStart);
    const tail = found?.cut ? afterUserInfo : afterUserInfo.slice(pathStart);
    let user;
    let password;
    if (userInfo !== undefined) {
        const colon = userInfo.indexOf(':');
        user = decode(colon === -1 ? userInfo : userInfo.slice(0, colon));
        if (colon !== -1)
            password = decode(userInfo.slice(colon + 1));
    }
    // Several hosts (libpq's host1:5432,host2:5432): the first one stands for all.
    const firstHost = hostPort.split(',')[0] ?? '';
    let host = '';
    let port;
    if (firstHost !== '') {
        try {
            const parsed = new URL(`http://${firstHost}`);
            host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
            if (parsed.port !== '')
                port = Number(parsed.port);
            else if (/:80$/.test(firstHost))
                port = 80; // the http scheme would hide its default port
        }
        catch {
            const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(firstHost);
            host = (match?.[1] ?? firstHost).replace(/^\[(.*)\]$/, '$1').toLowerCase();
            if (match?.[2])
                port = Number(match[2]);
        }
    }
    if (password === undefined) {
        const inQuery = /[?&](?:password|pass|pwd)=([^&#]*)/i.exec(tail);
        if (inQuery)
            password = decode(inQuery[1]);
    }
    const safeTail = tail.replace(/([?&](?:password|sslpassword|pass|pwd)=)[^&#]*/gi, '$1***');
    const safeUserInfo = userInfo === undefined ? '' : `${user ?? ''}${password === undefined ? '' : ':***'}`;
    const redacted = `${scheme}://${safeUserInfo}${found && !found.cut ? '@' : ''}${hostPort}${safeTail}`;
    return {
        scheme,
        ...(user !== undefined ? { user } : {}),
        ...(password !== undefined ? { password } : {}),
        host,
        ...(port !== undefined ? { port } : {}),
        redacted,
    };
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/locate.ts
/**
 * Turns offsets in a text into lines and columns. Line starts are computed on first use only, so a file
 * without findings never pays for them.
 */
class Locator {
    text;
    starts;
    constructor(text) {
        this.text = text;
    }
    /** The line and column of a character offset. */
    position(offset) {
        const starts = this.lineStarts();
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (starts[mid] <= offset)
                low = mid;
            else
                high = mid - 1;
        }
        return { line: low + 1, column: offset - starts[low] + 1 };
    }
    /** The text of a 1-based line, without its line break. */
    lineText(line) {
        const starts = this.lineStarts();
        const start = starts[line - 1] ?? this.text.length;
        const next = starts[line];
        const end = next === undefined ? this.text.length : next - 1;
        return this.text.slice(start, end).replace(/\r$/, '');
    }
    /** The offset where a 1-based line starts. */
    lineStart(line) {
        return this.lineStarts()[line - 1] ?? this.text.length;
    }
    lineStarts() {
        if (!this.starts) {
            const starts = [0];
            for (let index = this.text.indexOf('\n'); index !== -1; index = this.text.indexOf('\n', index + 1)) {
                starts.push(index + 1);
            }
            this.starts = starts;
        }
        return this.starts;
    }
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/connection-strings.ts




const connectionStringsDefaultFiles = ['**/*'];
const defaultSchemes = ['postgres', 'postgresql'];
const defaultPoolerPorts = [6543];
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The variable a URL is assigned to on its line: NAME=..., NAME: ..., "NAME": "...", export NAME=... */
const assignedName = /([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*["'`]?$/;
/** A connection-strings rule: database URLs on hosts not allowed, with embedded passwords, or on a pooler port. */
function connectionStringsChecker(config) {
    const schemes = config.schemes ?? defaultSchemes;
    const urlPattern = new RegExp(`(?<![A-Za-z0-9+.-])(?:${schemes.map(escapeRegex).join('|')})://[^\\s'"\`<>]+`, 'gi');
    const allowedHosts = config['allowed-hosts'];
    const hostAllowed = allowedHosts ? compileGlobs(allowedHosts, { nocase: true }) : undefined;
    const forbidPassword = config['forbid-password'] ?? true;
    const direct = config['direct-required'];
    const directName = direct ? compileGlobs(direct.names, { nocase: true }) : undefined;
    const poolerPorts = new Set(direct?.['pooler-ports'] ?? defaultPoolerPorts);
    return (file) => {
        const { content } = file;
        let findings;
        let locator;
        urlPattern.lastIndex = 0;
        for (let match = urlPattern.exec(content); match !== null; match = urlPattern.exec(content)) {
            const text = trimUrl(match[0]);
            let url = parseConnectionUrl(text);
            if (!url)
                continue;
            let end = match.index + text.length;
            if (url.host === '' && url.password !== undefined) {
                const rest = continuation(content, end);
                const joined = rest && parseConnectionUrl(text + rest.text);
                if (joined) {
                    url = joined;
                    end = rest.end;
                }
            }
            const problems = [];
            const templated = url.host === '' || /[$<{%]/.test(url.host) || isPlaceholder(url.host);
            const loopback = isLoopbackHost(url.host);
            if (hostAllowed && !templated && !hostAllowed(url.host)) {
                problems.push(`host ${url.host} is not allowed (allowed: ${allowedHosts.join(', ')})`);
            }
            if (forbidPassword && url.password !== undefined && !loopback && !isPlaceholder(url.password)) {
                problems.push('it embeds a password; read it from a secret instead');
            }
            locator ??= new Locator(content);
            const start = locator.position(match.index);
            if (directName && url.port !== undefined && poolerPorts.has(url.port)) {
                const prefix = locator.lineText(start.line).slice(0, start.column - 1);
                const name = assignedName.exec(prefix)?.[1];
                if (name && directName(name)) {
                    problems.push(`${name} must be a direct connection, but port ${url.port} is the pooler`);
                }
            }
            if (problems.length === 0)
                continue;
            findings ??= [];
            const last = locator.position(end - 1);
            findings.push({
                message: `database URL ${url.redacted}: ${problems.join('; ')}`,
                line: start.line,
                column: start.column,
                ...(last.line === start.line ? {} : { endLine: last.line }),
                endColumn: last.column + 1,
                match: url.redacted,
            });
        }
        return findings ?? [];
    };
}
// The second string of `"postgresql://user:pw" +` newline `"@host/db"`, whose first string stops before the host.
const continued = /["'`]\s*\+?\s*["'`](@[^\s'"`<>]+)/y;
/** The rest of a database URL split across a string concatenation at `end`, and where it ends. */
function continuation(content, end) {
    continued.lastIndex = end;
    const rest = continued.exec(content);
    if (!rest)
        return undefined;
    const text = trimUrl(rest[1]);
    return { text, end: rest.index + rest[0].length - rest[1].length + text.length };
}
/** Drops punctuation that ends a sentence or closes a bracket around the URL, not part of it. */
function trimUrl(text) {
    let end = text.length;
    while (end > 0) {
        const last = text[end - 1];
        if ('.,;:!?)}'.includes(last))
            end--;
        else if (last === ']' && count(text.slice(0, end), '[') < count(text.slice(0, end), ']'))
            end--;
        else
            break;
    }
    return text.slice(0, end);
}
function count(text, char) {
    let total = 0;
    for (let index = text.indexOf(char); index !== -1; index = text.indexOf(char, index + 1))
        total++;
    return total;
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./packages/policy/src/rules/dependencies.ts





const dependenciesDefaultFiles = ['**/package.json'];
/** A dependencies rule: forbidden, required and constrained packages in each package.json. */
function dependenciesChecker(config) {
    const sections = config.sections ?? [...dependencySections];
    const forbid = (config.forbid ?? []).map((entry) => {
        const { name, version } = typeof entry === 'string' ? { name: entry, version: undefined } : entry;
        return { name, matches: nameMatcher(name), ...(version ? { version } : {}) };
    });
    const require = (config.require ?? []).map((entry) => ({
        name: entry.name,
        ...(entry.version ? { version: entry.version } : {}),
        ...(entry.files ? { files: compileGlobs(entry.files) } : {}),
    }));
    const constrain = (config.constrain ?? []).map((entry) => ({
        name: entry.name,
        matches: nameMatcher(entry.name),
        version: entry.version,
    }));
    return (file) => {
        let manifest;
        try {
            manifest = JSON.parse(file.content);
        }
        catch (error) {
            return [
                {
                    message: `${file.path} is not valid JSON (${jsonError(error)}), so its dependencies cannot be checked`,
                    line: 1,
                    column: 1,
                },
            ];
        }
        const declared = readDeclared(manifest, sections);
        const locator = new Locator(file.content);
        const findings = [];
        const at = (dependency, message) => ({
            message,
            ...locateKey(file.content, locator, dependency),
            match: `${dependency.name}@${dependency.spec}`,
        });
        for (const dependency of declared) {
            for (const rule of forbid) {
                if (!rule.matches(dependency.name))
                    continue;
                if (!rule.version) {
                    findings.push(at(dependency, `${describe(dependency)} is forbidden (${rule.name})`));
                    continue;
                }
                const range = validRange(dependency.spec);
                if (range === undefined) {
                    findings.push(at(dependency, `${describe(dependency)} is not a semver range, so it cannot be shown to avoid the forbidden ${rule.version}`));
                }
                else if (semver_default().intersects(range, rule.version, { includePrerelease: true })) {
                    findings.push(at(dependency, `${describe(dependency)} can resolve to the forbidden ${rule.name}@${rule.version}`));
                }
            }
            for (const rule of constrain) {
                if (!rule.matches(dependency.name))
                    continue;
                const problem = versionProblem(dependency, rule.version);
                if (problem)
                    findings.push(at(dependency, problem));
            }
        }
        for (const rule of require) {
            if (rule.files && !rule.files(file.path))
                continue;
            const found = declared.filter((dependency) => dependency.name === rule.name);
            if (found.length === 0) {
                findings.push({
                    message: `${rule.name}${rule.version ? ` ${rule.version}` : ''} is required but not declared in ${sections.join(', ')}`,
                    line: 1,
                    column: 1,
                    match: `missing:${rule.name}`,
                });
                continue;
            }
            if (!rule.version)
                continue;
            // Declared twice (say dependencies and peerDependencies): each declaration must satisfy the requirement.
            for (const dependency of found) {
                const problem = versionProblem(dependency, rule.version);
                if (problem)
                    findings.push(at(dependency, problem));
            }
        }
        return findings;
    };
}
function nameMatcher(glob) {
    if (!/[*?[\]{}!]/.test(glob))
        return (name) => name === glob;
    return picomatch_default()(glob, { dot: true });
}
function readDeclared(manifest, sections) {
    const declared = [];
    if (!manifest || typeof manifest !== 'object')
        return declared;
    for (const section of sections) {
        const entries = manifest[section];
        if (!entries || typeof entries !== 'object' || Array.isArray(entries))
            continue;
        for (const [name, spec] of Object.entries(entries)) {
            declared.push({ name, spec: typeof spec === 'string' ? spec : String(spec), section });
        }
    }
    return declared;
}
function describe(dependency) {
    return `${dependency.name}@${dependency.spec} (${dependency.section})`;
}
/** The declared range when it is one semver understands; undefined for workspace:, file:, git, URLs, npm: aliases, tags. */
function validRange(spec) {
    if (/^(?:workspace|file|link|portal|git|git\+[a-z]+|github|gitlab|bitbucket|https?|npm|patch|catalog):/i.test(spec)) {
        return undefined;
    }
    if (spec.includes('/') && !spec.includes(' '))
        return undefined;
    return semver_default().validRange(spec) ?? undefined;
}
function versionProblem(dependency, wanted) {
    const range = validRange(dependency.spec);
    if (range === undefined) {
        return `${describe(dependency)} is not a semver range, so its version cannot be checked against ${wanted}`;
    }
    const lowest = semver_default().minVersion(range);
    if (lowest && semver_default().satisfies(lowest, wanted, { includePrerelease: true }))
        return undefined;
    return `${describe(dependency)} allows ${lowest ? lowest.version : 'no version'}, which does not satisfy ${wanted}`;
}
function jsonError(error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
const dependencies_escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The position of `"name":` inside its section's object, found in the text (JSON.parse keeps no positions). */
function locateKey(content, locator, dependency) {
    const sectionAt = new RegExp(`"${dependencies_escapeRegex(dependency.section)}"\\s*:\\s*\\{`, 'g');
    const section = sectionAt.exec(content);
    const key = new RegExp(`"${dependencies_escapeRegex(JSON.stringify(dependency.name).slice(1, -1))}"\\s*:`, 'g');
    key.lastIndex = section ? section.index + section[0].length : 0;
    const found = key.exec(content);
    if (!found)
        return { line: 1, column: 1, endColumn: 2 };
    const start = locator.position(found.index);
    return { ...start, endColumn: start.column + dependency.name.length + 2 };
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/secrets.ts



const secretsDefaultFiles = ['**/*'];
const rulePrefix = '@secretlint/secretlint-rule-';
const connectionStringRule = `${rulePrefix}database-connection-string`;
// secretlint and its rules are loaded on the first check, once per distinct `disable` list: most runs of the
// action never need them before the scan starts, and they are the heaviest part of the engine.
const detectors = new Map();
function loadDetector(disabled) {
    const key = disabled.join('\n');
    let detector = detectors.get(key);
    if (!detector) {
        detector = (async () => {
            const [{ lintSource }, { rules }] = await Promise.all([
                __webpack_require__.e(/* import() */ 198).then(__webpack_require__.bind(__webpack_require__, 198)),
                __webpack_require__.e(/* import() */ 577).then(__webpack_require__.bind(__webpack_require__, 1577)),
            ]);
            const enabled = rules.filter((rule) => !disabled.includes(rule.meta.id));
            return { lintSource, config: { rules: enabled.map((rule) => ({ id: rule.meta.id, rule })) } };
        })();
        detectors.set(key, detector);
    }
    return detector;
}
/**
 * A secrets rule: secretlint's recommended rules on each file. Findings never carry the secret: the match is
 * `<detector>:sha256:<16 hex>`, and the message is masked. Placeholders (and, in example files, obvious
 * fillers) are not findings, nor are database URLs without a real password or on a loopback host.
 */
function secretsChecker(config) {
    const disabled = (config.disable ?? []).map((id) => (id.startsWith('@') ? id : `${rulePrefix}${id}`));
    return async (file) => {
        const { lintSource, config: lintConfig } = await loadDetector(disabled);
        const result = await lintSource({
            source: { content: file.content, filePath: file.path, contentType: 'text', ext: extension(file.path) },
            options: { config: lintConfig, maskSecrets: true, noPhysicFilePath: true, locale: 'en' },
        });
        if (result.messages.length === 0)
            return [];
        const example = isExampleFile(file.path);
        const findings = [];
        for (const message of result.messages) {
            const [start, end] = message.range;
            const secret = file.content.slice(start, end);
            if (!isRealSecret(message.ruleId, secret, example))
                continue;
            const detector = message.ruleId.startsWith(rulePrefix)
                ? message.ruleId.slice(rulePrefix.length)
                : message.ruleId;
            findings.push({
                message: `possible secret: ${secrets_describe(redact(message.message, secret))} (secretlint ${detector})`,
                line: message.loc.start.line,
                column: message.loc.start.column + 1,
                ...(message.loc.end.line === message.loc.start.line ? {} : { endLine: message.loc.end.line }),
                endColumn: message.loc.end.column + 1,
                match: `${detector}:sha256:${(0,external_node_crypto_.createHash)('sha256').update(secret).digest('hex').slice(0, 16)}`,
            });
        }
        return findings;
    };
}
function isRealSecret(ruleId, secret, example) {
    if (ruleId === connectionStringRule) {
        const url = parseConnectionUrl(secret.replace(/["'`;,)]+$/, ''));
        if (url && (url.password === undefined || isPlaceholder(url.password) || isLoopbackHost(url.host)))
            return false;
    }
    const value = assignedValue(secret);
    if (isPlaceholder(secret) || isPlaceholder(value))
        return false;
    return !(example && looksLikeFiller(value));
}
/** The value part of `KEY=value` or `key: value` matches; the whole text otherwise. */
function assignedValue(secret) {
    const assignment = /^[A-Za-z_][A-Za-z0-9_.-]*["']?\s*[:=]\s*["']?(.*?)["']?$/s.exec(secret);
    return assignment?.[1] ?? secret;
}
function looksLikeFiller(value) {
    return /x{5,}|\*{4,}|0{8,}|(.)\1{7,}|example|sample|your|placeholder|dummy|fake|changeme|replace/i.test(value);
}
/** Removes the secret (and anything secretlint quoted of it) from a message. */
function redact(message, secret) {
    let text = message.replace(/\s*\r?\n\s*/g, ' ');
    for (const part of [secret, secret.trim(), assignedValue(secret)]) {
        if (part.length >= 4)
            text = text.split(part).join('***');
    }
    return text;
}
function extension(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    return dot > 0 ? name.slice(dot) : '';
}
/** secretlint's masked message ("found GitHub Token(****): ****") without its rows of asterisks. */
function secrets_describe(masked) {
    return masked
        .replace(/\(\*+\)/g, '')
        .replace(/:\s*\*+/g, '')
        .replace(/\*{3,}/g, '[redacted]')
        .trim();
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/regex.ts

/** Compiles a policy regex, or throws a RuleConfigError that points at `path` inside the rule. */
function compileRegex(source, flags, path) {
    try {
        return new RegExp(source, flags);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
        throw new RuleConfigError(path, `invalid regular expression: ${reason}`, 'a JavaScript regular expression');
    }
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/sizes.ts
const unitsInMb = {
    b: 1 / (1024 * 1024),
    k: 1 / 1024,
    m: 1,
    g: 1024,
    t: 1024 * 1024,
};
/**
 * A number, or a size in MB: 2048 and "2048" are taken as they are (fly.toml memory is in MB), "512mb" is 512,
 * "1gb" 1024, "1GiB" 1024. Undefined when the value is neither.
 */
function parseSize(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'bigint')
        return Number(value);
    if (typeof value !== 'string')
        return undefined;
    const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:([kmgt])(?:i?b)?|(b))?\s*$/i.exec(value);
    if (!match)
        return undefined;
    const amount = Number(match[1]);
    const unit = (match[2] ?? match[3])?.toLowerCase();
    return unit === undefined ? amount : amount * unitsInMb[unit];
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/structured-path.ts

/** Parses `deploy.release_command`, `vm[*].memory`, `scripts.*`, `a[0].b` into steps. */
function parsePath(text, where) {
    const steps = [];
    const token = /\.?([^.[\]]+)|\[(\*|\d+)\]/gy;
    let consumed = 0;
    for (let match = token.exec(text); match !== null; match = token.exec(text)) {
        consumed = token.lastIndex;
        if (match[1] !== undefined)
            steps.push(match[1] === '*' ? { anyKey: true } : { key: match[1] });
        else
            steps.push(match[2] === '*' ? { anyIndex: true } : { index: Number(match[2]) });
    }
    if (consumed !== text.length || steps.length === 0 || text.startsWith('.')) {
        throw new RuleConfigError(where, `invalid path '${text}'`, 'a dotted path such as deploy.release_command or vm[*].memory');
    }
    return steps;
}
/** Every value the steps reach in a parsed document. */
function resolvePath(root, steps) {
    let hits = [{ path: [], value: root }];
    for (const step of steps) {
        const next = [];
        for (const hit of hits) {
            const { value } = hit;
            if (value === null || typeof value !== 'object')
                continue;
            if ('key' in step) {
                if (!Array.isArray(value) && Object.hasOwn(value, step.key)) {
                    next.push({ path: [...hit.path, step.key], value: value[step.key] });
                }
            }
            else if ('anyKey' in step) {
                if (Array.isArray(value))
                    pushItems(next, hit, value);
                else
                    for (const [key, item] of Object.entries(value))
                        next.push({ path: [...hit.path, key], value: item });
            }
            else if ('index' in step) {
                if (Array.isArray(value) && step.index < value.length) {
                    next.push({ path: [...hit.path, step.index], value: value[step.index] });
                }
            }
            else if (Array.isArray(value)) {
                pushItems(next, hit, value);
            }
            else {
                // A table where an array of tables was expected (fly.toml's [vm] versus [[vm]]): the table is the one item.
                next.push({ path: hit.path, value });
            }
        }
        hits = next;
    }
    return hits;
}
function pushItems(next, hit, items) {
    for (let index = 0; index < items.length; index++)
        next.push({ path: [...hit.path, index], value: items[index] });
}
/** Renders a concrete path as `vm[0].memory`. */
function structured_path_formatPath(path) {
    let text = '';
    for (const step of path) {
        if (typeof step === 'number')
            text += `[${step}]`;
        else
            text += text === '' ? step : `.${step}`;
    }
    return text;
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/structured.ts







/** A structured rule: parses TOML, JSON or YAML and checks each assertion's path. */
function structuredChecker(config) {
    const flags = config['case-sensitive'] ? '' : 'i';
    const quiet = config.message !== undefined;
    const assertions = config.assert.map((assertion, index) => compileAssertion(assertion, flags, ['assert', index], quiet));
    return async (file) => {
        const format = config.format ?? formatOf(file.path);
        if (!format) {
            return [
                {
                    message: `cannot tell the format of ${file.path}; set the rule's format (toml, json or yaml)`,
                    line: 1,
                    column: 1,
                },
            ];
        }
        const parsed = await parse(file.content, format);
        if ('error' in parsed) {
            return [
                {
                    message: `${file.path} is not valid ${format.toUpperCase()} (${parsed.error}), so it cannot be checked`,
                    line: parsed.line ?? 1,
                    column: parsed.column ?? 1,
                },
            ];
        }
        const findings = [];
        let locator;
        for (const assertion of assertions) {
            const results = assertion.check(resolvePath(parsed.value, assertion.steps));
            for (const result of results) {
                locator ??= new Locator(file.content);
                const where = result.hit
                    ? locateKeys(file.content, locator, result.hit.path)
                    : { line: 1, column: 1 };
                findings.push({
                    message: result.message,
                    ...where,
                    match: result.hit
                        ? `${structured_path_formatPath(result.hit.path)}=${structured_show(result.hit.value)}`
                        : `missing:${assertion.text}`,
                });
            }
        }
        return findings;
    };
}
function compileAssertion(config, flags, where, quiet) {
    const text = config.path;
    const steps = parsePath(text, [...where, 'path']);
    const each = (fails) => (hits) => hits.flatMap((hit) => {
        const problem = fails(hit.value);
        return problem ? [{ hit, message: `${structured_path_formatPath(hit.path)} is ${structured_show(hit.value)}; ${problem}` }] : [];
    });
    const missing = (expected) => [{ message: `${text} is missing; ${expected}` }];
    if (config.absent) {
        return { text, steps, check: each(() => 'it must be absent') };
    }
    if (config.present) {
        return { text, steps, check: (hits) => (hits.length === 0 ? missing('it must be present') : []) };
    }
    if (config.equals !== undefined) {
        const expected = config.equals;
        const equalCheck = each((value) => deepEqual(value, expected) ? undefined : `expected ${structured_show(expected)}`);
        return {
            text,
            steps,
            check: (hits) => (hits.length === 0 ? missing(`expected ${structured_show(expected)}`) : equalCheck(hits)),
        };
    }
    if (config['one-of'] !== undefined) {
        const allowed = config['one-of'];
        return {
            text,
            steps,
            check: each((value) => allowed.some((candidate) => deepEqual(value, candidate))
                ? undefined
                : `expected one of ${allowed.map(structured_show).join(', ')}`),
        };
    }
    if (config.matches !== undefined || config['not-matches'] !== undefined) {
        const negate = config.matches === undefined;
        const source = (config.matches ?? config['not-matches']);
        const regex = compileRegex(source, flags, [...where, negate ? 'not-matches' : 'matches']);
        return {
            text,
            steps,
            check: each((value) => {
                if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
                    return `expected a string to match against /${source}/`;
                }
                const matched = regex.test(String(value));
                // With a rule message the finding says why; the regex would only be noise.
                if (negate && matched)
                    return quiet ? 'it matches a forbidden pattern' : `it must not match /${source}/`;
                if (!negate && !matched)
                    return `it must match /${source}/`;
                return undefined;
            }),
        };
    }
    const isMin = config.min !== undefined;
    const boundValue = (isMin ? config.min : config.max);
    const limit = parseSize(boundValue);
    if (limit === undefined) {
        throw new RuleConfigError([...where, isMin ? 'min' : 'max'], `invalid bound ${structured_show(boundValue)}`, 'a number or a size such as 512mb');
    }
    return {
        text,
        steps,
        check: each((value) => {
            const amount = parseSize(value);
            if (amount === undefined)
                return `expected a number or a size ${isMin ? 'of at least' : 'of at most'} ${structured_show(boundValue)}`;
            if (isMin ? amount < limit : amount > limit) {
                return `it must be ${isMin ? 'at least' : 'at most'} ${structured_show(boundValue)}${typeof boundValue === 'string' || typeof value === 'string' ? ` (${trim(amount)} MB ${isMin ? '<' : '>'} ${trim(limit)} MB)` : ''}`;
            }
            return undefined;
        }),
    };
}
function formatOf(path) {
    const lower = path.toLowerCase();
    if (lower.endsWith('.toml'))
        return 'toml';
    if (lower.endsWith('.json'))
        return 'json';
    if (lower.endsWith('.yml') || lower.endsWith('.yaml'))
        return 'yaml';
    return undefined;
}
async function parse(content, format) {
    if (format === 'json') {
        try {
            return { value: JSON.parse(content) };
        }
        catch (error) {
            return { error: firstLine(error), ...jsonErrorPosition(content, error) };
        }
    }
    if (format === 'toml') {
        // Loaded when a TOML file is first checked: most scans never read one.
        const { parse: parseToml } = await __webpack_require__.e(/* import() */ 292).then(__webpack_require__.bind(__webpack_require__, 3292));
        try {
            return { value: parseToml(content) };
        }
        catch (error) {
            const { line, column } = error;
            return { error: firstLine(error), ...(line ? { line } : {}), ...(column ? { column } : {}) };
        }
    }
    const document = (0,dist/* parseDocument */.Tp)(content);
    const failure = document.errors[0];
    if (failure) {
        const position = failure.linePos?.[0];
        return {
            error: failure.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
            ...(position ? { line: position.line, column: position.col } : {}),
        };
    }
    return { value: document.toJS() };
}
function jsonErrorPosition(content, error) {
    const message = error instanceof Error ? error.message : '';
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn)
        return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
    const position = /position (\d+)/.exec(message);
    if (position)
        return new Locator(content).position(Number(position[1]));
    return {};
}
const structured_escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * Finds a concrete path's last key in the text by searching each key after the previous one (the (n+1)th
 * `[[vm]]` for vm[n]); good enough for the config files rules look at. Falls back to where the search stopped.
 */
function locateKeys(content, locator, path) {
    let cursor = 0;
    let found = -1;
    let previous;
    // Items of an inline or block list (JSON, YAML) do not repeat their list's key: skip as many occurrences
    // of the next key instead.
    let skip = 0;
    const next = (key, times) => {
        for (let count = 0; count < times; count++) {
            key.lastIndex = cursor;
            const match = key.exec(content);
            if (!match)
                return false;
            found = match.index + match[0].indexOf(match[1]);
            cursor = key.lastIndex;
        }
        return true;
    };
    for (const step of path) {
        if (typeof step === 'number') {
            const start = cursor;
            const before = found;
            if (step > 0 && !(previous && next(previous, step))) {
                cursor = start;
                found = before;
                skip = step;
            }
            continue;
        }
        const key = new RegExp(`(?:^|[\\s{,\\[.])(["']?${structured_escapeRegex(step)}["']?)\\s*(?:[:=\\].])`, 'gm');
        const start = cursor;
        const before = found;
        if (!next(key, 1 + skip)) {
            cursor = start;
            found = before;
            break;
        }
        skip = 0;
        previous = key;
    }
    return found === -1 ? { line: 1, column: 1 } : locator.position(found);
}
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (a instanceof Date)
        return b instanceof Date ? a.getTime() === b.getTime() : a.toISOString() === b;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    const aKeys = Object.keys(a);
    const bKeys = Object.keys(b);
    if (aKeys.length !== bKeys.length)
        return false;
    return aKeys.every((key) => deepEqual(a[key], b[key]));
}
/** A value as the message shows it: JSON, URL credentials removed before it is shortened. */
function structured_show(value) {
    if (value === undefined)
        return 'undefined';
    const text = redactUrlUserinfo(typeof value === 'bigint' ? value.toString() : JSON.stringify(value));
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
function trim(amount) {
    return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}
function firstLine(error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0].trim();
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/text.ts



/** A text rule: every match of its patterns, with line, column and end column; lines matching exclude-pattern skipped. */
function textChecker(config) {
    const flags = config['case-sensitive'] ? 'gm' : 'gim';
    const sources = config.patterns ?? (config.pattern === undefined ? [] : [config.pattern]);
    const patterns = sources.map((source, index) => compileRegex(source, flags, config.patterns ? ['patterns', index] : ['pattern']));
    const exclude = config['exclude-pattern'] === undefined
        ? undefined
        : compileRegex(config['exclude-pattern'], flags.replace('g', ''), ['exclude-pattern']);
    // With a rule message the finding says why; the regex would only be noise.
    const quiet = config.message !== undefined;
    return (file) => {
        const { content } = file;
        let findings;
        let locator;
        const seen = patterns.length > 1 ? new Set() : undefined;
        for (const pattern of patterns) {
            pattern.lastIndex = 0;
            for (let match = pattern.exec(content); match !== null; match = pattern.exec(content)) {
                const text = match[0];
                if (text === '') {
                    pattern.lastIndex++;
                    continue;
                }
                if (seen) {
                    if (seen.has(match.index))
                        continue;
                    seen.add(match.index);
                }
                locator ??= new Locator(content);
                const start = locator.position(match.index);
                if (exclude?.test(locator.lineText(start.line)))
                    continue;
                const end = locator.position(match.index + text.length - 1);
                findings ??= [];
                findings.push({
                    message: quiet ? `found '${oneLine(text)}'` : `'${oneLine(text)}' matches /${pattern.source}/`,
                    line: start.line,
                    column: start.column,
                    ...(end.line === start.line ? {} : { endLine: end.line }),
                    endColumn: end.column + 1,
                    match: text,
                });
            }
        }
        if (!findings)
            return [];
        if (seen)
            findings.sort((a, b) => a.line - b.line || a.column - b.column);
        return findings;
    };
}
/** The match on one line, URL credentials removed before it is shortened (a cut could hide where they end). */
function oneLine(text) {
    const flat = redactUrlUserinfo(text).replace(/\s+/g, ' ');
    return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

;// CONCATENATED MODULE: ./packages/policy/src/rules/compile.ts






/**
 * Compiles one rule: its globs and regexes once, into a CompiledRule whose `appliesTo` is two glob tests and
 * whose findings carry the rule's message. Throws RuleConfigError for what the schema cannot catch.
 */
function compileRule({ config, severity }) {
    const { checker, files } = kindChecker(config);
    const included = compileGlobs(config.files ?? files);
    const ignored = config.ignore && config.ignore.length > 0 ? compileGlobs(config.ignore) : undefined;
    const suffix = config.message ? ` — ${config.message}` : '';
    return {
        id: config.id,
        kind: config.kind,
        severity,
        description: config.description ?? config.message ?? `${config.kind} rule ${config.id}`,
        appliesTo: ignored ? (path) => included(path) && !ignored(path) : included,
        async check(file) {
            const findings = await checker(file);
            if (suffix === '' || findings.length === 0)
                return findings;
            for (const finding of findings)
                finding.message += suffix;
            return findings;
        },
    };
}
function kindChecker(config) {
    switch (config.kind) {
        case 'dependencies':
            return { checker: dependenciesChecker(config), files: dependenciesDefaultFiles };
        case 'text':
            return { checker: textChecker(config), files: config.files };
        case 'structured':
            return { checker: structuredChecker(config), files: config.files };
        case 'connection-strings':
            return { checker: connectionStringsChecker(config), files: connectionStringsDefaultFiles };
        case 'secrets':
            return { checker: secretsChecker(config), files: secretsDefaultFiles };
    }
}

;// CONCATENATED MODULE: ./packages/policy/src/policy.ts









const defaultPolicyPath = '.github/stack-guard.yml';
/** Reads, validates and compiles a policy file; any problem is a PolicyError with file:line:column. */
async function loadPolicy(options) {
    if (options.text !== undefined)
        return parsePolicy(options.text, '<inline>', options.logger);
    const path = options.path ?? defaultPolicyPath;
    const absolute = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(options.root, path);
    const shown = displayPath(options.root, absolute);
    let text;
    try {
        text = await (0,promises_.readFile)(absolute, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            throw new PolicyError(`no policy file at ${shown}`);
        throw new PolicyError(`cannot read the policy file ${shown} (${code ?? String(error)})`);
    }
    return parsePolicy(text, shown, options.logger);
}
/** A policy made of built-in presets only, for repositories without a policy file. */
function policyFromPresets(names) {
    const unknown = names.find((name) => !getPreset(name));
    if (unknown !== undefined) {
        throw new PolicyError(`unknown preset '${unknown}'`, `one of: ${presetNames.join(', ')}`);
    }
    return resolvePolicy({ extends: names }, `<preset:${names.join(',')}>`, () => undefined);
}
/** Validates and compiles policy text; `source` names it in errors. */
function parsePolicy(text, source, logger) {
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
    const syntax = document.errors[0];
    if (syntax) {
        const position = syntax.linePos?.[0];
        const what = syntax.message.split('\n')[0].replace(/ at line \d+, column \d+:?\s*$/, '');
        throw new PolicyError(what, 'valid YAML', {
            file: source,
            ...(position ? { line: position.line, column: position.col } : {}),
        });
    }
    const locate = (path) => locateNode(document, lineCounter, path, source);
    const data = document.toJS() ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) {
        throw new PolicyError(`the policy is ${Array.isArray(data) ? 'a list' : `a ${typeof data}`}`, 'a mapping with extends, ignore, overrides and rules', locate([]));
    }
    const parsed = policySchema.safeParse(data);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const described = describeIssue(issue, data);
        throw new PolicyError(described.problem, described.expected, locate(described.path));
    }
    const policy = resolvePolicy(parsed.data, source, locate);
    if (policy.rules.length === 0)
        logger?.warning(`${source}: the policy has no rules, so nothing is checked`);
    for (const rule of policy.rules)
        logger?.debug(`rule ${rule.id} (${rule.kind}, ${rule.severity})`);
    return policy;
}
function resolvePolicy(config, source, locate) {
    const fail = (path, problem, expected) => {
        throw new PolicyError(problem, expected, locate(path));
    };
    const entries = new Map();
    const presets = config.extends ?? [];
    for (const [index, name] of presets.entries()) {
        const preset = getPreset(name) ??
            fail(['extends', index], `unknown preset '${name}'`, `one of: ${presetNames.join(', ')}`);
        // A rule in a later preset replaces the one of the same id in an earlier preset.
        for (const rule of preset.rules)
            entries.set(rule.id, { config: rule, origin: name });
    }
    const own = config.rules ?? [];
    own.forEach((rule, index) => {
        const existing = entries.get(rule.id);
        if (existing === undefined) {
            entries.set(rule.id, { config: rule, origin: index });
        }
        else if (typeof existing.origin === 'number') {
            fail(['rules', index, 'id'], `duplicate rule id '${rule.id}' (also rules[${existing.origin}])`, 'unique rule ids');
        }
        else {
            fail(['rules', index, 'id'], `rule '${rule.id}' is already defined by preset ${existing.origin}`, `a new id, or overrides.${rule.id} to change the preset's rule`);
        }
    });
    for (const [id, override] of Object.entries(config.overrides ?? {})) {
        const entry = entries.get(id);
        if (!entry) {
            fail(['overrides', id], `no rule '${id}' to override`, `one of: ${[...entries.keys()].join(', ') || '(no rules)'}`);
            continue;
        }
        entry.config = {
            ...entry.config,
            ...(override.severity ? { severity: override.severity } : {}),
            ...(override.message ? { message: override.message } : {}),
            ...(override.ignore ? { ignore: [...(entry.config.ignore ?? []), ...override.ignore] } : {}),
        };
    }
    const rules = [];
    const rulesOff = [];
    for (const { config: rule, origin } of entries.values()) {
        const severity = rule.severity ?? 'error';
        if (severity === 'off') {
            rulesOff.push(rule.id);
            continue;
        }
        try {
            rules.push(compileRule({ config: rule, severity }));
        }
        catch (error) {
            if (!(error instanceof RuleConfigError) || typeof origin !== 'number')
                throw error;
            fail(['rules', origin, ...error.path], error.problem, error.expected);
        }
    }
    return {
        source,
        rules,
        ignorePaths: config.ignore?.paths ?? [],
        ...(config.ignore?.baseline ? { baseline: config.ignore.baseline } : {}),
        presets,
        rulesOff,
    };
}
/** The position of the YAML node at `path`, or of its nearest ancestor that exists. */
function locateNode(document, lineCounter, path, file) {
    const position = yamlPosition(document, lineCounter, path);
    return { file, line: position?.line ?? 1, column: position?.column ?? 1 };
}
function displayPath(root, absolute) {
    const inside = (0,external_node_path_.relative)((0,external_node_path_.resolve)(root), absolute);
    if (inside && !inside.startsWith('..') && !(0,external_node_path_.isAbsolute)(inside))
        return inside.split(external_node_path_.sep).join('/');
    return absolute;
}

// EXTERNAL MODULE: ./packages/kit/src/index.ts + 1 modules
var src = __webpack_require__(316);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./packages/policy/src/read-file.ts


/** Files with a NUL byte in their first 8 KiB are binary, as git and ripgrep decide. */
const binaryProbeBytes = 8192;
// O_NOFOLLOW makes open() fail on a symlink instead of reading whatever it points at, and saves an lstat per
// file; O_NONBLOCK keeps a FIFO from blocking the open (fstat then shows it is not a regular file).
const noFollow = external_node_fs_.constants.O_NOFOLLOW;
const openFlags = external_node_fs_.constants.O_RDONLY | (noFollow ?? 0) | (external_node_fs_.constants.O_NONBLOCK ?? 0);
/**
 * Reads a file for scanning: never through a symlink, only regular files up to maxBytes, not binary.
 * Symlinks are not followed at all: a target inside the root is scanned under its own path when it is in
 * scope, and a target outside the root must never be read.
 *
 * Synchronous on purpose: measured on 50,000 files of a warm tree, open/fstat/read/close through libuv's
 * thread pool took 8.5 s (callbacks) to 23 s (FileHandle) against 2.2 s done in line; a scan reads files a
 * checkout has just written, so they are in the page cache.
 */
function readTextFile(path, maxBytes) {
    if (noFollow === undefined) {
        // Windows has no O_NOFOLLOW: look before opening.
        let isLink = false;
        try {
            isLink = (0,external_node_fs_.lstatSync)(path).isSymbolicLink();
        }
        catch { }
        if (isLink)
            return { kind: 'skipped', reason: 'symlink', detail: 'symbolic link' };
    }
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(path, openFlags);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ELOOP')
            return { kind: 'skipped', reason: 'symlink', detail: 'symbolic link' };
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return { kind: 'absent' };
        return { kind: 'skipped', reason: 'unreadable', detail: code ?? String(error) };
    }
    try {
        const stat = (0,external_node_fs_.fstatSync)(fd);
        if (stat.isDirectory())
            return { kind: 'absent' };
        if (!stat.isFile())
            return { kind: 'skipped', reason: 'unreadable', detail: 'not a regular file' };
        if (stat.size > maxBytes)
            return tooLarge(stat.size, maxBytes);
        // One extra byte tells a file that grew since fstat from one that did not.
        const buffer = Buffer.allocUnsafe(stat.size + 1);
        let length = 0;
        while (length < stat.size) {
            const bytesRead = (0,external_node_fs_.readSync)(fd, buffer, length, buffer.length - length, length);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        if (length > maxBytes)
            return tooLarge(length, maxBytes);
        return decodeText(buffer.subarray(0, length), maxBytes);
    }
    catch (error) {
        const code = error.code;
        return { kind: 'skipped', reason: 'unreadable', detail: code ?? String(error) };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Turns bytes into scannable text, or says why not (too large, binary). */
function decodeText(bytes, maxBytes) {
    if (bytes.length > maxBytes)
        return tooLarge(bytes.length, maxBytes);
    const probe = bytes.length > binaryProbeBytes ? bytes.subarray(0, binaryProbeBytes) : bytes;
    if (probe.includes(0))
        return { kind: 'skipped', reason: 'binary', detail: 'NUL byte in the first 8 KiB' };
    // A UTF-8 byte order mark is not text an editor shows, so columns on line 1 must not count it.
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    // Most source is pure ASCII, which decodes as latin1 a good deal faster than through the UTF-8 decoder.
    const content = (0,external_node_buffer_.isAscii)(bytes) ? bytes.toString('latin1') : bytes.toString('utf8', start);
    return { kind: 'text', content, bytes: bytes.length };
}
function tooLarge(size, maxBytes) {
    return { kind: 'skipped', reason: 'tooLarge', detail: `${size} bytes, over the limit of ${maxBytes}` };
}
/** What was read and what was skipped, as the report counts it. */
class FileTally {
    scanned = 0;
    bytes = 0;
    skipped = { binary: 0, tooLarge: 0, unreadable: 0, symlink: 0 };
    /** Counts one read; returns the text when there is some to scan. */
    count(result) {
        if (result.kind === 'text') {
            this.scanned++;
            this.bytes += result.bytes;
            return result.content;
        }
        if (result.kind === 'skipped')
            this.skipped[result.reason]++;
        return undefined;
    }
    toJSON() {
        return { scanned: this.scanned, bytes: this.bytes, skipped: { ...this.skipped } };
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
;// CONCATENATED MODULE: ./packages/policy/src/git.ts


// Paths come back as UTF-8 rather than octal escapes; no pager, prompt or optional lock can stall or alter a run.
const baseArgs = ['-c', 'core.quotePath=false', '--no-pager'];
const gitEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
/** A git command that exited non-zero (or git that could not start), with its stderr's first line. */
class GitError extends Error {
    args;
    exitCode;
    stderr;
    constructor(args, exitCode, stderr) {
        super(`git ${args[0] ?? ''} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}`);
        this.args = args;
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.name = 'GitError';
    }
}
/** Runs git in cwd and returns its whole stdout as bytes; rejects with GitError on a non-zero exit. */
function gitBytes(cwd, args, input) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)('git', [...baseArgs, ...args], { cwd, env: gitEnv, stdio: ['pipe', 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.on('error', (error) => reject(new GitError(args, null, error.message)));
        child.on('close', (code) => {
            if (code === 0)
                resolve(Buffer.concat(out));
            else
                reject(new GitError(args, code, Buffer.concat(err).toString('utf8').trim()));
        });
        child.stdin.on('error', () => { }); // git may exit before reading all input; close reports why.
        child.stdin.end(input ?? '');
    });
}
/** Runs git and returns stdout as trimmed text. */
async function git(cwd, args) {
    return (await gitBytes(cwd, args)).toString('utf8').trim();
}
/** Runs git and yields its stdout line by line as it arrives, so a long log is never held whole. */
async function* gitLines(cwd, args) {
    const child = (0,external_node_child_process_.spawn)('git', [...baseArgs, ...args], { cwd, env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const err = [];
    child.stderr.on('data', (chunk) => err.push(chunk));
    const exit = new Promise((resolve, reject) => {
        child.on('error', (error) => reject(new GitError(args, null, error.message)));
        child.on('close', resolve);
    });
    exit.catch(() => { }); // awaited below; this only keeps an early spawn error from being unhandled meanwhile.
    const lines = (0,external_node_readline_.createInterface)({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
    let finished = false;
    try {
        for await (const line of lines)
            yield line;
        finished = true;
    }
    finally {
        if (!finished)
            child.kill();
    }
    const code = await exit;
    if (code !== 0)
        throw new GitError(args, code, Buffer.concat(err).toString('utf8').trim());
}
/** Whether dir is inside a git work tree that git will work in (installed, not a dubious owner). */
async function isGitWorkTree(dir) {
    try {
        return (await git(dir, ['rev-parse', '--is-inside-work-tree'])) === 'true';
    }
    catch {
        return false;
    }
}
/** Whether the repository around dir ignores dir itself (a build folder, a vendored tree). */
async function isIgnoredByGit(dir) {
    try {
        await git(dir, ['check-ignore', '--quiet', '.']);
        return true;
    }
    catch {
        return false;
    }
}
/** Splits NUL-separated git output into its fields, dropping the empty tail. */
function splitNul(bytes) {
    const fields = bytes.toString('utf8').split('\0');
    if (fields.at(-1) === '')
        fields.pop();
    return fields;
}
/**
 * Reads blobs by object id through one `git cat-file --batch`, instead of one `git show` per file.
 * Returns each blob's bytes, or its size alone when it is over maxBytes (its content is dropped).
 */
async function readBlobs(cwd, oids, maxBytes) {
    const blobs = new Map();
    if (oids.length === 0)
        return blobs;
    const out = await gitBytes(cwd, ['cat-file', '--batch'], `${oids.join('\n')}\n`);
    let at = 0;
    while (at < out.length) {
        const end = out.indexOf(0x0a, at);
        if (end < 0)
            break;
        const [oid = '', type, size] = out.toString('utf8', at, end).split(' ');
        at = end + 1;
        if (type === 'missing' || size === undefined)
            continue;
        const length = Number(size);
        blobs.set(oid, length > maxBytes ? length : out.subarray(at, at + length));
        at += length + 1; // the content, then a newline
    }
    return blobs;
}
/** Undoes git's C-style quoting of a path ("a\\tb", octal bytes), used when a name has unusual characters. */
function unquotePath(text) {
    if (!text.startsWith('"') || !text.endsWith('"'))
        return text;
    const bytes = [];
    const escapes = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
    const body = Buffer.from(text.slice(1, -1), 'utf8');
    for (let i = 0; i < body.length; i++) {
        const byte = body[i];
        if (byte !== 0x5c) {
            bytes.push(byte);
            continue;
        }
        const next = String.fromCharCode(body[i + 1] ?? 0);
        if (/[0-7]/.test(next)) {
            bytes.push(Number.parseInt(body.toString('latin1', i + 1, i + 4), 8));
            i += 3;
        }
        else {
            bytes.push(escapes[next] ?? body[i + 1]);
            i += 1;
        }
    }
    return Buffer.from(bytes).toString('utf8');
}

;// CONCATENATED MODULE: ./packages/policy/src/pool.ts
/** Calls fn on every item with at most `limit` calls in flight; rejects on the first failure. */
async function forEachConcurrent(items, limit, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const item = items[next++];
            await fn(item);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

;// CONCATENATED MODULE: ./packages/policy/src/scopes/context.ts
/** The rules to run on path: none when an ignore glob matches it (counted) or no rule applies to it. */
function rulesFor(context, path, rules = context.rules) {
    if (context.ignored(path)) {
        context.ignoredFiles++;
        return [];
    }
    return rules.filter((rule) => rule.appliesTo(path));
}
/** Counts a read and returns its text, logging (at debug level) why a file was skipped. */
function textOf(context, path, result) {
    if (result.kind === 'skipped')
        context.logger.debug(`skipped ${path}: ${result.detail}`);
    return context.tally.count(result);
}
/** "1 file" or "2 files". */
function context_count(n, noun) {
    return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./packages/policy/src/scopes/walk.ts



/** How many directories are read at once. */
const concurrency = 16;
/**
 * Every regular file (and symlink, left for the reader to count) under root, outside git: `.gitignore` files
 * are honoured at every level as git would, `.git` is always skipped, symlinked directories are not entered.
 * Paths are relative to root with forward slashes, sorted.
 */
async function walkFiles(root) {
    const files = [];
    const queue = [{ dir: '', levels: [] }];
    let active = 0;
    await new Promise((resolve, reject) => {
        const pump = () => {
            if (queue.length === 0 && active === 0)
                return resolve();
            while (active < concurrency && queue.length > 0) {
                const next = queue.pop();
                active++;
                visit(root, next.dir, next.levels, files, queue)
                    .then(() => {
                    active--;
                    pump();
                })
                    .catch(reject);
            }
        };
        pump();
    });
    return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
async function visit(root, dir, parentLevels, files, queue) {
    let entries;
    try {
        entries = await (0,promises_.readdir)((0,external_node_path_.join)(root, dir), { withFileTypes: true });
    }
    catch {
        return; // unreadable or vanished directory: nothing under it can be scanned
    }
    let levels = parentLevels;
    if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
        const text = await (0,promises_.readFile)((0,external_node_path_.join)(root, dir, '.gitignore'), 'utf8').catch(() => '');
        if (text.trim())
            levels = [...parentLevels, { base: dir, rules: ignore_default()().add(text) }];
    }
    for (const entry of entries) {
        if (entry.name === '.git')
            continue;
        const path = dir ? `${dir}/${entry.name}` : entry.name;
        const isDir = entry.isDirectory();
        if (isIgnored(levels, path, isDir))
            continue;
        if (isDir)
            queue.push({ dir: path, levels });
        else if (entry.isFile() || entry.isSymbolicLink())
            files.push(path);
    }
}
/** Git's precedence: the deepest .gitignore with a matching pattern decides; within a file, the last pattern. */
function isIgnored(levels, path, isDir) {
    let ignored = false;
    for (const level of levels) {
        const relative = level.base ? path.slice(level.base.length + 1) : path;
        const result = level.rules.test(isDir ? `${relative}/` : relative);
        if (result.ignored)
            ignored = true;
        else if (result.unignored)
            ignored = false;
    }
    return ignored;
}

;// CONCATENATED MODULE: ./packages/policy/src/scopes/full.ts







/** Files in flight: rule checks are async (secretlint's are), so a few files' checks may interleave. */
const checkConcurrency = 32;
/** The full scope: every file git tracks or would track under root (a .gitignore-aware walk outside git). */
async function scanFull(context) {
    const { root } = context;
    // A directory the enclosing repository ignores has no tracked files: walk it like a plain directory.
    const inGit = (await isGitWorkTree(root)) && !(await isIgnoredByGit(root));
    const paths = inGit ? await gitFiles(root) : await walkFiles(root);
    // Paths no rule looks at are never opened.
    const jobs = [];
    for (const path of paths) {
        const rules = rulesFor(context, path);
        if (rules.length > 0)
            jobs.push({ path, rules });
    }
    const findings = [];
    await forEachConcurrent(jobs, checkConcurrency, async ({ path, rules }) => {
        const content = textOf(context, path, readTextFile((0,external_node_path_.join)(root, path), context.maxFileBytes));
        if (content === undefined)
            return;
        const found = await checkFile({ path, content }, rules);
        if (found.length > 0)
            findings.push(...found);
    });
    const where = inGit
        ? 'tracked and untracked files not ignored by git'
        : 'files under the directory, .gitignore files respected';
    return {
        findings,
        note: `full: ${context_count(paths.length, 'file')} (${where}), ${context_count(context.tally.scanned, 'file')} checked by the rules`,
    };
}
async function gitFiles(root) {
    // Paths come relative to root (git's cwd) and limited to it, so a root inside a repository works too.
    const [listed, deleted] = await Promise.all([
        gitBytes(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).then(splitNul),
        gitBytes(root, ['ls-files', '-z', '--deleted']).then(splitNul),
    ]);
    const gone = new Set(deleted);
    // An unmerged path is listed once per stage.
    return listed.filter((path, index) => path !== listed[index - 1] && !gone.has(path));
}

;// CONCATENATED MODULE: ./packages/policy/src/scopes/line-ranges.ts
const hunkHeader = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;
/** The new-side start and line count of a unified diff hunk header (`@@ -a,b +c,d @@`), count 1 when omitted. */
function parseHunkHeader(line) {
    const match = hunkHeader.exec(line);
    if (!match)
        return undefined;
    return { start: Number(match[1]), count: match[2] === undefined ? 1 : Number(match[2]) };
}
/** Whether any line from first to last (inclusive) was added. */
function touches(ranges, first, last) {
    return ranges.some(([start, end]) => start <= last && first <= end);
}

;// CONCATENATED MODULE: ./packages/policy/src/scopes/history.ts




const kindWords = { 'connection-strings': 'connection strings' };
/**
 * The history scope: the lines every commit reachable from any ref added, checked by the rules of the given
 * kinds. A finding is reported once, at the oldest commit that added it. Merge commits add nothing of their
 * own here (git log shows them without a diff), which is what a reviewer of each commit saw.
 */
async function scanHistory(context, kinds) {
    const { root } = context;
    if (!(await isGitWorkTree(root)))
        throw new Error(`the history scope needs a git repository, and ${root} is not in one`);
    const rules = context.rules.filter((rule) => kinds.includes(rule.kind));
    // Oldest first (parents before children), so the first commit to add a finding is the one kept.
    const args = [
        'log',
        '--all',
        '--date-order',
        '--reverse',
        '-p',
        '-U0',
        '--format=%x00%H',
        '--no-color',
        '--no-renames',
        '--relative',
        '--no-ext-diff',
        '--no-textconv',
        '--src-prefix=a/',
        '--dst-prefix=b/',
    ];
    const kept = new Map();
    let commits = 0;
    let commit = '';
    let change;
    let inHeader = false;
    let nextLine = 0;
    const flush = async () => {
        const done = change;
        change = undefined;
        if (!done)
            return;
        if (done.tooLarge) {
            context.tally.count({ kind: 'skipped', reason: 'tooLarge', detail: '' });
            return;
        }
        if (done.lines.size === 0)
            return;
        context.tally.count({ kind: 'text', content: '', bytes: done.bytes });
        for (const finding of await checkFile({ path: done.path, content: sparseContent(done.lines) }, done.rules)) {
            if (!kept.has(finding.fingerprint))
                kept.set(finding.fingerprint, { ...finding, commit });
        }
    };
    // Binary changes have no +++ line, so no change is collected for them.
    if (rules.length > 0) {
        for await (const line of gitLines(root, args)) {
            if (line.startsWith('\0')) {
                await flush();
                commit = line.slice(1);
                commits++;
                inHeader = false;
            }
            else if (line.startsWith('diff --git ')) {
                await flush();
                inHeader = true;
            }
            else if (inHeader) {
                if (line.startsWith('+++ ')) {
                    const name = unquotePath(line.slice(4).replace(/\t$/, ''));
                    const path = name.startsWith('b/') ? name.slice(2) : undefined;
                    const applicable = path === undefined ? [] : rulesFor(context, path, rules);
                    if (path !== undefined && applicable.length > 0) {
                        change = { path, rules: applicable, lines: new Map(), bytes: 0, tooLarge: false };
                    }
                }
                else if (line.startsWith('@@ ')) {
                    inHeader = false;
                    nextLine = parseHunkHeader(line)?.start ?? 0;
                }
            }
            else if (line.startsWith('@@ ')) {
                nextLine = parseHunkHeader(line)?.start ?? 0;
            }
            else if (line.startsWith('+') && change && !change.tooLarge) {
                const text = line.slice(1);
                change.lines.set(nextLine++, text);
                change.bytes += Buffer.byteLength(text) + 1;
                if (change.bytes > context.maxFileBytes) {
                    change.tooLarge = true;
                    change.lines.clear();
                }
            }
            else if (line.startsWith('+')) {
                nextLine++;
            }
        }
        await flush();
    }
    else {
        commits = Number(await git(root, ['rev-list', '--all', '--count']));
    }
    const what = kinds.map((kind) => kindWords[kind] ?? kind);
    const listed = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : (what[0] ?? 'no rules');
    return {
        findings: [...kept.values()],
        commits,
        note: `history: ${context_count(commits, 'commit')} on all refs; ${listed} in added lines`,
    };
}
/** A file's text with only the added lines filled in, so rules report real line numbers. */
function sparseContent(lines) {
    let last = 0;
    for (const number of lines.keys())
        if (number > last)
            last = number;
    const text = new Array(last).fill('');
    for (const [number, line] of lines)
        text[number - 1] = line;
    return text.join('\n');
}

;// CONCATENATED MODULE: ./packages/policy/src/scopes/pull-request.ts







const symlinkMode = '120000';
const submoduleMode = '160000';
/** Above this many modified files the hunk diff runs without pathspecs rather than risk a too-long argv. */
const maxPathspecs = 1000;
const diffOptions = ['--no-renames', '--relative', '--no-ext-diff', '--no-textconv', '--no-color'];
/**
 * The pull-request scope: files changed on head since its merge base with base, read at head. New files count
 * whole; in modified files only findings on added lines (or with no line) are kept.
 */
async function scanPullRequest(context, refs) {
    const { root } = context;
    if (!refs.base)
        throw new Error('the pull-request scope needs a base commit or ref');
    if (!(await isGitWorkTree(root)))
        throw new Error(`the pull-request scope needs a git repository, and ${root} is not in one`);
    const base = await resolveCommit(root, refs.base, 'base');
    const head = await resolveCommit(root, refs.head ?? 'HEAD', 'head');
    const mergeBase = await git(root, ['merge-base', base, head]).catch(() => {
        throw new Error(`no merge base between base ${pull_request_short(base)} and head ${pull_request_short(head)}: the checkout is too shallow; check out with fetch-depth: 0`);
    });
    const changed = parseRawDiff(await gitBytes(root, ['diff', '--raw', '-z', '--no-abbrev', ...diffOptions, mergeBase, head]));
    const live = changed.filter((file) => file.status !== 'D' && file.mode !== submoduleMode);
    const jobs = live.flatMap((file) => {
        const rules = rulesFor(context, file.path);
        return rules.length > 0 ? [{ file, rules }] : [];
    });
    const modified = jobs.filter(({ file }) => file.status !== 'A').map(({ file }) => file.path);
    const added = modified.length > 0 ? await addedLines(root, mergeBase, head, modified) : new Map();
    const read = await reader(context, head, jobs.map(({ file }) => file));
    const findings = [];
    await forEachConcurrent(jobs, 16, async ({ file, rules }) => {
        const content = textOf(context, file.path, await read(file));
        if (content === undefined)
            return;
        const found = await checkFile({ path: file.path, content }, rules);
        if (file.status === 'A') {
            findings.push(...found);
            return;
        }
        // Fingerprints come from the whole file, so they match the full scope's and the baseline still applies.
        const ranges = added.get(file.path) ?? [];
        for (const finding of found) {
            if (finding.line === undefined || touches(ranges, finding.line, finding.endLine ?? finding.line)) {
                findings.push(finding);
            }
        }
    });
    return {
        findings,
        base: mergeBase,
        head,
        note: `pull request: ${context_count(changed.length, 'file')} changed between ${pull_request_short(mergeBase)} and ${pull_request_short(head)}; findings on changed lines and in new files only`,
    };
}
async function resolveCommit(root, ref, role) {
    try {
        return await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    }
    catch {
        throw new Error(`the pull-request scope cannot find the ${role} commit '${ref}' in this checkout: check out with fetch-depth: 0 (actions/checkout) or fetch the ${role} first`);
    }
}
/** Parses `git diff --raw -z --no-abbrev`: `:oldmode newmode oldoid newoid status\0path\0` per file. */
function parseRawDiff(bytes) {
    const fields = splitNul(bytes);
    const files = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
        const [, mode = '', , oid = '', status = ''] = (fields[i] ?? '').slice(1).split(' ');
        files.push({ path: fields[i + 1], status: status.charAt(0), mode, oid });
    }
    return files;
}
/** For each modified file, the head-side lines its hunks added (`git diff -U0`). */
async function addedLines(root, mergeBase, head, paths) {
    const pathspecs = paths.length <= maxPathspecs ? ['--', ...paths.map((path) => `:(literal)${path}`)] : [];
    const args = [
        'diff',
        '-U0',
        '--src-prefix=a/',
        '--dst-prefix=b/',
        ...diffOptions,
        mergeBase,
        head,
        ...pathspecs,
    ];
    const ranges = new Map();
    let current;
    let inHeader = false;
    for await (const line of gitLines(root, args)) {
        if (line.startsWith('diff --git ')) {
            inHeader = true;
            current = undefined;
        }
        else if (inHeader && line.startsWith('+++ ')) {
            const name = unquotePath(line.slice(4).replace(/\t$/, ''));
            if (name.startsWith('b/')) {
                const path = name.slice(2);
                current = ranges.get(path) ?? [];
                ranges.set(path, current);
            }
        }
        else if (line.startsWith('@@ ')) {
            inHeader = false;
            const hunk = parseHunkHeader(line);
            if (current && hunk && hunk.count > 0)
                current.push([hunk.start, hunk.start + hunk.count - 1]);
        }
    }
    return ranges;
}
/** Reads head's version of each file: from the work tree when head is checked out, else from git's objects. */
async function reader(context, head, files) {
    const checkedOut = (await git(context.root, ['rev-parse', 'HEAD']).catch(() => '')) === head;
    if (checkedOut)
        return async (file) => readTextFile((0,external_node_path_.join)(context.root, file.path), context.maxFileBytes);
    const blobs = await readBlobs(context.root, files.filter((file) => file.mode !== symlinkMode).map((file) => file.oid), context.maxFileBytes);
    return async (file) => {
        if (file.mode === symlinkMode)
            return { kind: 'skipped', reason: 'symlink', detail: 'symbolic link' };
        const blob = blobs.get(file.oid);
        if (blob === undefined)
            return { kind: 'skipped', reason: 'unreadable', detail: `blob ${file.oid} missing` };
        if (typeof blob === 'number') {
            return {
                kind: 'skipped',
                reason: 'tooLarge',
                detail: `${blob} bytes, over the limit of ${context.maxFileBytes}`,
            };
        }
        return decodeText(blob, context.maxFileBytes);
    };
}
function pull_request_short(sha) {
    return sha.slice(0, 7);
}

;// CONCATENATED MODULE: ./packages/policy/src/scan.ts








const defaultMaxFileBytes = 1024 * 1024;
const defaultHistoryKinds = ['secrets', 'connection-strings'];
/** Scans a directory's files in one scope with the given rules, and reports what was found and skipped. */
async function scan(options) {
    const root = (0,external_node_path_.resolve)(options.root);
    const context = {
        root,
        rules: options.rules,
        ignored: compileGlobs(options.ignorePaths ?? []),
        maxFileBytes: options.maxFileBytes ?? defaultMaxFileBytes,
        logger: options.logger ?? src/* silentLogger */.qq,
        tally: new FileTally(),
        ignoredFiles: 0,
    };
    let result;
    switch (options.scope) {
        case 'full':
            result = await scanFull(context);
            break;
        case 'pull-request':
            result = await scanPullRequest(context, { base: options.base, head: options.head });
            break;
        case 'history':
            result = await scanHistory(context, options.historyKinds ?? defaultHistoryKinds);
            break;
        default:
            throw new Error(`unknown scope '${String(options.scope)}': use full, pull-request or history`);
    }
    const baseline = options.baseline ?? new Set();
    const findings = result.findings
        .filter((finding) => !baseline.has(finding.fingerprint))
        .sort(compareFindings);
    const report = {
        scope: options.scope,
        scopeNote: result.note,
        root,
        findings,
        suppressed: { baseline: result.findings.length - findings.length, ignored: context.ignoredFiles },
        files: context.tally.toJSON(),
        counts: countBySeverity(findings),
    };
    if (result.base !== undefined)
        report.base = result.base;
    if (result.head !== undefined)
        report.head = result.head;
    if (result.commits !== undefined)
        report.commits = result.commits;
    return report;
}

;// CONCATENATED MODULE: ./packages/policy/src/guard.ts





/** stack-guard's whole job: load the policy (or presets), read its baseline, scan the scope. */
async function guard(options) {
    const { root, logger } = options;
    const policyPath = (0,external_node_path_.isAbsolute)(options.policyFile) ? options.policyFile : (0,external_node_path_.resolve)(root, options.policyFile);
    const policy = await logger.group('Policy', async () => {
        const hasFile = await exists(policyPath);
        if (hasFile && options.presets.length > 0) {
            logger.warning(`input 'preset' (${options.presets.join(', ')}) is ignored: ${(0,external_node_path_.relative)(root, policyPath) || policyPath} exists; list presets in its extends:`);
        }
        const loaded = hasFile
            ? await loadPolicy({ root, path: policyPath, logger })
            : loadPresets(options.presets, (0,external_node_path_.relative)(root, policyPath) || policyPath);
        logger.info(`${loaded.source}: ${loaded.rules.length} rules${loaded.presets.length ? ` (presets: ${loaded.presets.join(', ')})` : ''}`);
        if (loaded.rulesOff.length > 0)
            logger.info(`rules turned off: ${loaded.rulesOff.join(', ')}`);
        return loaded;
    });
    const baseline = policy.baseline ? await readBaseline((0,external_node_path_.resolve)(root, policy.baseline)) : undefined;
    const report = await logger.group(`Scan (${options.scope})`, async () => {
        const scanned = await scan({
            root,
            rules: policy.rules,
            scope: options.scope,
            ignorePaths: policy.ignorePaths,
            logger,
            ...(options.base ? { base: options.base } : {}),
            ...(options.head ? { head: options.head } : {}),
            ...(baseline ? { baseline } : {}),
        });
        logger.info(scanned.scopeNote);
        return scanned;
    });
    return { policy, report };
}
function loadPresets(presets, policyPath) {
    if (presets.length === 0) {
        throw new Error(`no policy file at ${policyPath}: add one (for example "extends: [fly-supabase]") or set input 'preset'`);
    }
    return policyFromPresets(presets);
}
async function exists(path) {
    try {
        await (0,promises_.access)(path);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./packages/policy/src/json-report.ts

/** The scan report in the stable, documented JSON shape (see JsonReport). */
function toJsonReport(report, policy) {
    const json = {
        version: 1,
        tool: 'stack-guard',
        scope: report.scope,
        scopeNote: report.scopeNote,
        policy: {
            source: policy.source,
            presets: [...policy.presets],
            rulesOff: [...policy.rulesOff],
            ...(policy.rules ? { rules: policy.rules.length } : {}),
            ...(policy.baseline ? { baseline: policy.baseline } : {}),
        },
        counts: { ...report.counts },
        files: { ...report.files, skipped: { ...report.files.skipped } },
        suppressed: { ...report.suppressed },
        findings: report.findings.map(jsonFinding),
    };
    if (report.base !== undefined)
        json.base = report.base;
    if (report.head !== undefined)
        json.head = report.head;
    if (report.commits !== undefined)
        json.commits = report.commits;
    return json;
}
function jsonFinding(finding) {
    // Key order is fixed here so reports diff cleanly between runs.
    return {
        ruleId: finding.ruleId,
        kind: finding.kind,
        severity: finding.severity,
        path: finding.path,
        ...(finding.line !== undefined ? { line: finding.line } : {}),
        ...(finding.column !== undefined ? { column: finding.column } : {}),
        ...(finding.endLine !== undefined ? { endLine: finding.endLine } : {}),
        ...(finding.endColumn !== undefined ? { endColumn: finding.endColumn } : {}),
        message: redactUrlUserinfo(finding.message),
        ...(finding.commit !== undefined ? { commit: finding.commit } : {}),
        fingerprint: finding.fingerprint,
    };
}

;// CONCATENATED MODULE: ./packages/policy/src/sarif.ts

const schemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';
const securityKinds = ['secrets', 'connection-strings'];
/** The report as SARIF 2.1.0 (one run, the rules, one result per finding), for GitHub code scanning. */
function toSarif(report, rules, tool) {
    const driverRules = rules.map((rule) => sarifRule(rule.id, rule.kind, rule.severity, rule.description));
    const index = new Map(driverRules.map((rule, i) => [rule.id, i]));
    for (const finding of report.findings) {
        // A finding whose rule is not in the list (should not happen) still needs a rule to point at.
        if (!index.has(finding.ruleId)) {
            index.set(finding.ruleId, driverRules.length);
            driverRules.push(sarifRule(finding.ruleId, finding.kind, finding.severity, finding.message));
        }
    }
    return {
        $schema: schemaUri,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: tool.name,
                        version: tool.version,
                        semanticVersion: tool.version,
                        ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
                        rules: driverRules,
                    },
                },
                automationDetails: { id: 'stack-guard/' },
                columnKind: 'utf16CodeUnits',
                originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scanned directory.' } } },
                results: report.findings.map((finding) => sarifResult(finding, index.get(finding.ruleId))),
                properties: { scope: report.scope, scopeNote: report.scopeNote },
            },
        ],
    };
}
function sarifRule(id, kind, level, text) {
    const description = redactUrlUserinfo(text);
    return {
        id,
        name: pascalCase(id),
        shortDescription: { text: firstSentence(description) },
        fullDescription: { text: description },
        help: { text: `${description} (stack-guard rule ${id}, kind ${kind})` },
        defaultConfiguration: { level },
        properties: { tags: securityKinds.includes(kind) ? [kind, 'security'] : [kind] },
    };
}
function sarifResult(finding, ruleIndex) {
    const region = { startLine: finding.line ?? 1 };
    if (finding.line !== undefined) {
        if (finding.column !== undefined)
            region.startColumn = finding.column;
        if (finding.endLine !== undefined)
            region.endLine = finding.endLine;
        if (finding.endColumn !== undefined)
            region.endColumn = finding.endColumn;
    }
    return {
        ruleId: finding.ruleId,
        ruleIndex,
        level: finding.severity,
        message: {
            text: finding.commit
                ? `${redactUrlUserinfo(finding.message)} (added in commit ${finding.commit.slice(0, 12)})`
                : redactUrlUserinfo(finding.message),
        },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: encodeUri(finding.path), uriBaseId: '%SRCROOT%' },
                    region,
                },
            },
        ],
        partialFingerprints: { primaryLocationLineHash: `${finding.fingerprint}:1` },
        ...(finding.commit ? { properties: { commit: finding.commit } } : {}),
    };
}
/** A repository-relative path as a relative URI reference: each segment percent-encoded, slashes kept. */
function encodeUri(path) {
    return path.split('/').map(encodeURIComponent).join('/');
}
function pascalCase(id) {
    return id
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
}
function firstSentence(text) {
    const end = text.search(/\.(\s|$)/);
    return end < 0 ? text : text.slice(0, end + 1);
}

;// CONCATENATED MODULE: ./packages/policy/src/index.ts


















;// CONCATENATED MODULE: ./actions/stack-guard/src/summary.ts



const rowsShown = 200;
const icon = { error: '❌', warning: '⚠️', note: 'ℹ️' };
/** The step summary: verdict, what was scanned, counts, then every finding (up to a limit) with a link. */
function renderSummary(summary, { policy, report, failOn, run, root }) {
    const { counts } = report;
    const total = counts.error + counts.warning + counts.note;
    const headline = total === 0
        ? '✅ stack-guard: no findings'
        : `${counts.error > 0 ? '❌' : '⚠️'} stack-guard: ${[
            counts.error ? plural(counts.error, 'error') : '',
            counts.warning ? plural(counts.warning, 'warning') : '',
            counts.note ? plural(counts.note, 'note') : '',
        ]
            .filter(Boolean)
            .join(', ')}`;
    summary.heading(headline);
    summary.paragraph(`${(0,src/* escapeMarkdown */.FV)(report.scopeNote)}. Policy: \`${policy.source}\`${policy.presets.length ? ` (presets: ${policy.presets.join(', ')})` : ''}; fails on: ${failOn}.`);
    const { skipped } = report.files;
    const skippedTotal = skipped.binary + skipped.tooLarge + skipped.unreadable + skipped.symlink;
    summary.table(['scanned', 'skipped', 'errors', 'warnings', 'notes', 'suppressed'], [
        [
            `${plural(report.files.scanned, 'file')}, ${formatBytes(report.files.bytes)}${report.commits !== undefined ? `, ${plural(report.commits, 'commit')}` : ''}`,
            skippedTotal === 0
                ? '0'
                : `${skippedTotal} (${[
                    skipped.binary ? `${skipped.binary} binary` : '',
                    skipped.tooLarge ? `${skipped.tooLarge} too large` : '',
                    skipped.unreadable ? `${skipped.unreadable} unreadable` : '',
                    skipped.symlink ? `${skipped.symlink} symlinks` : '',
                ]
                    .filter(Boolean)
                    .join(', ')})`,
            counts.error,
            counts.warning,
            counts.note,
            `${report.suppressed.baseline} by baseline, ${report.suppressed.ignored} by ignores`,
        ],
    ]);
    if (total > 0) {
        const prefix = (0,external_node_path_.relative)(run.workspace, root).split('\\').join('/');
        summary.table(['', 'rule', 'where', 'finding'], report.findings
            .slice(0, rowsShown)
            .map((finding) => [
            icon[finding.severity],
            `\`${finding.ruleId}\``,
            summary_location(finding, prefix, run),
            (0,src/* escapeMarkdown */.FV)(redactUrlUserinfo(finding.message)),
        ]));
        if (report.findings.length > rowsShown) {
            summary.paragraph(`${report.findings.length - rowsShown} more findings are in the SARIF and JSON reports.`);
        }
    }
    if (policy.rulesOff.length > 0)
        summary.paragraph(`Rules turned off by the policy: ${policy.rulesOff.join(', ')}.`);
}
function summary_location(finding, prefix, run) {
    const path = prefix && prefix !== '.' ? `${prefix}/${finding.path}` : finding.path;
    const text = (0,src/* escapeMarkdown */.FV)(`${path}${finding.line ? `:${finding.line}` : ''}${finding.commit ? ` @ ${finding.commit.slice(0, 7)}` : ''}`);
    const sha = finding.commit ?? run.sha;
    if (!run.repository || !sha)
        return text;
    const url = `${run.serverUrl}/${run.repository}/blob/${sha}/${path}${finding.line ? `#L${finding.line}` : ''}`;
    return `[${text}](${url})`;
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./actions/stack-guard/src/guard.ts



const severityRank = { note: 1, warning: 2, error: 3 };
/** GitHub shows 10 annotations of each level per step; a few more keep the log useful, the rest is noise. */
const annotationsPerLevel = 50;
/** Step outputs share a 1 MB budget per job; the file keeps every finding. */
const findingsInOutput = 500;
/** Wires stack-guard's inputs to the policy engine, and its result to files, outputs, annotations and the summary. */
async function guard_guard(inputs, { log, summary, run, writeFile }) {
    const root = (0,external_node_path_.resolve)(run.workspace, inputs.path);
    const scope = resolveScope(inputs.scope, run.eventName);
    const refs = scope === 'pull-request' ? pullRequestRefs(inputs, run.event) : {};
    const { policy, report } = await guard({
        root,
        policyFile: inputs.policy,
        presets: inputs.preset,
        scope,
        logger: log,
        ...refs,
    });
    const sarifFile = (0,external_node_path_.resolve)(run.workspace, inputs['sarif-file'] ?? (0,external_node_path_.join)(run.temp, 'stack-guard.sarif'));
    const reportFile = (0,external_node_path_.resolve)(run.workspace, inputs['report-file'] ?? (0,external_node_path_.join)(run.temp, 'stack-guard.json'));
    const json = toJsonReport(report, policy);
    await log.group('Report', async () => {
        await writeFile(sarifFile, jsonText(toSarif(report, policy.rules, { name: 'shipgate stack-guard', version: '1.0.0' })));
        await writeFile(reportFile, jsonText(json));
        log.info(`SARIF: ${sarifFile}`);
        log.info(`JSON report: ${reportFile}`);
        if (inputs['write-baseline']) {
            const baselineFile = (0,external_node_path_.resolve)(run.workspace, inputs['write-baseline']);
            await writeBaseline(baselineFile, report.findings);
            log.info(`baseline of ${report.findings.length} findings written to ${baselineFile}`);
        }
    });
    annotate(report.findings, root, run.workspace, log);
    renderSummary(summary, { policy, report, failOn: inputs['fail-on'], run, root });
    const outputs = {
        errors: report.counts.error,
        warnings: report.counts.warning,
        notes: report.counts.note,
        'sarif-file': sarifFile,
        'report-file': reportFile,
        report: limitFindings(json),
    };
    const failure = inputs['write-baseline'] ? undefined : verdict(report.counts, inputs['fail-on']);
    return failure ? { outputs, failure } : { outputs };
}
function resolveScope(scope, eventName) {
    if (scope !== 'auto')
        return scope;
    return eventName === 'pull_request' || eventName === 'pull_request_target' ? 'pull-request' : 'full';
}
function pullRequestRefs(inputs, event) {
    const pullRequest = event.pull_request;
    const base = inputs.base ?? pullRequest?.base?.sha;
    const head = inputs.head ?? pullRequest?.head?.sha ?? 'HEAD';
    if (!base) {
        throw new Error("the pull-request scope needs a base: run on a pull_request event or set input 'base' (a commit or ref)");
    }
    return { base, head };
}
function annotate(findings, root, workspace, log) {
    const shown = { error: 0, warning: 0, note: 0 };
    for (const finding of findings) {
        if (shown[finding.severity]++ >= annotationsPerLevel)
            continue;
        const properties = {
            title: `stack-guard: ${finding.ruleId}`,
            file: (0,external_node_path_.relative)(workspace, (0,external_node_path_.join)(root, finding.path)).split('\\').join('/'),
        };
        if (finding.line !== undefined)
            properties.startLine = finding.line;
        if (finding.endLine !== undefined)
            properties.endLine = finding.endLine;
        if (finding.column !== undefined)
            properties.startColumn = finding.column;
        if (finding.endColumn !== undefined)
            properties.endColumn = finding.endColumn;
        const text = redactUrlUserinfo(finding.message);
        const message = finding.commit ? `${text} (commit ${finding.commit.slice(0, 12)})` : text;
        if (finding.severity === 'error')
            log.error(message, properties);
        else if (finding.severity === 'warning')
            log.warning(message, properties);
        else
            log.notice(message, properties);
    }
    for (const level of ['error', 'warning', 'note']) {
        const hidden = shown[level] - annotationsPerLevel;
        if (hidden > 0)
            log.info(`${hidden} more ${level} findings are in the summary, the SARIF and the JSON report`);
    }
}
function verdict(counts, failOn) {
    if (failOn === 'none')
        return undefined;
    const threshold = severityRank[failOn];
    const failing = ['error', 'warning', 'note'].filter((level) => severityRank[level] >= threshold);
    const total = failing.reduce((sum, level) => sum + counts[level], 0);
    if (total === 0)
        return undefined;
    const parts = failing.filter((level) => counts[level] > 0).map((level) => plural(counts[level], level));
    return `${parts.join(', ')} (fail-on: ${failOn})`;
}
function limitFindings(json) {
    if (json.findings.length <= findingsInOutput)
        return json;
    return { ...json, findings: json.findings.slice(0, findingsInOutput), findingsTruncated: true };
}
function jsonText(value) {
    return `${JSON.stringify(value, null, 2)}\n`;
}


/***/ })

};
