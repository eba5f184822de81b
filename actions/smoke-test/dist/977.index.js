export const id = 977;
export const ids = [977];
export const modules = {

/***/ 977:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  smoke: () => (/* binding */ smoke)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
// EXTERNAL MODULE: ./packages/kit/src/index.ts + 1 modules
var src = __webpack_require__(316);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
;// CONCATENATED MODULE: ./packages/probe/src/json-path.ts
// A small JSON path: `$` then any of `.name`, `["any key"]` / `['any key']`, `[0]` (negative counts from the
// end). Enough to point at one value in a health response; no wildcards or filters, so a path names exactly
// one place and a mismatch can say which.
/** The steps of a path, or an error message saying where it stops making sense. */
function parseJsonPath(path) {
    if (!path.startsWith('$'))
        return `a JSON path starts with '$' (got '${path}')`;
    const steps = [];
    let i = 1;
    while (i < path.length) {
        const rest = path.slice(i);
        let match = /^\.([A-Za-z_$][\w$-]*)/.exec(rest);
        if (match) {
            steps.push(match[1]);
            i += match[0].length;
            continue;
        }
        match = /^\[(-?\d+)\]/.exec(rest);
        if (match) {
            steps.push(Number(match[1]));
            i += match[0].length;
            continue;
        }
        match = /^\[(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\]/.exec(rest);
        if (match) {
            steps.push((match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1'));
            i += match[0].length;
            continue;
        }
        return `cannot read the JSON path '${path}' at '${rest}': use .name, ["name"] or [index]`;
    }
    return steps;
}
/** The value at `steps` in `data`, or which step found nothing. */
function lookupJsonPath(data, steps) {
    let current = data;
    let walked = '$';
    for (const step of steps) {
        const parent = walked;
        if (typeof step === 'number') {
            if (!Array.isArray(current))
                return { found: false, missing: `${parent} is not an array` };
            const index = step < 0 ? current.length + step : step;
            walked += `[${step}]`;
            if (index < 0 || index >= current.length)
                return { found: false, missing: `${walked} does not exist` };
            current = current[index];
        }
        else {
            walked += /^[A-Za-z_$][\w$-]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
            if (current === null || typeof current !== 'object' || Array.isArray(current)) {
                return { found: false, missing: `${parent} is not an object` };
            }
            if (!Object.hasOwn(current, step))
                return { found: false, missing: `${walked} does not exist` };
            current = current[step];
        }
    }
    return { found: true, value: current };
}
/** Deep equality of JSON values, as YAML and JSON.parse produce them. */
function jsonEquals(a, b) {
    if (a === b)
        return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        return (Array.isArray(a) &&
            Array.isArray(b) &&
            a.length === b.length &&
            a.every((item, index) => jsonEquals(item, b[index])));
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
        const keysA = Object.keys(a);
        const keysB = Object.keys(b);
        return (keysA.length === keysB.length &&
            keysA.every((key) => Object.hasOwn(b, key) &&
                jsonEquals(a[key], b[key])));
    }
    return false;
}

;// CONCATENATED MODULE: ./packages/probe/src/status.ts
/**
 * Reads one status expectation: `200`, `"200-299"` or `"2xx"`. Undefined when the text is none of those,
 * so the schema can say what is allowed.
 */
function parseStatusRange(value) {
    const text = String(value).trim();
    let match = /^([1-5])xx$/i.exec(text);
    if (match) {
        const hundred = Number(match[1]) * 100;
        return { from: hundred, to: hundred + 99 };
    }
    match = /^(\d{3})\s*-\s*(\d{3})$/.exec(text);
    if (match) {
        const from = Number(match[1]);
        const to = Number(match[2]);
        return valid(from) && valid(to) && from <= to ? { from, to } : undefined;
    }
    if (/^\d{3}$/.test(text) && valid(Number(text)))
        return { from: Number(text), to: Number(text) };
    return undefined;
}
function valid(code) {
    return code >= 100 && code <= 599;
}
function statusMatches(status, ranges) {
    return ranges.some((range) => status >= range.from && status <= range.to);
}
/** `200`, `200-299`, `2xx`: the way the expectation was written, for messages. */
function formatStatusRanges(ranges) {
    const parts = ranges.map((range) => {
        if (range.from === range.to)
            return String(range.from);
        if (range.from % 100 === 0 && range.to === range.from + 99)
            return `${range.from / 100}xx`;
        return `${range.from}-${range.to}`;
    });
    return parts.length === 1 ? parts[0] : `one of ${parts.join(', ')}`;
}
/**
 * True when the expectation asks for this 5xx on purpose (a maintenance page check, say): a range that
 * holds it and lies wholly in 500-599. A broad `100-599` does not count.
 */
function expectsServerError(status, ranges) {
    return ranges.some((range) => range.from >= 500 && status >= range.from && status <= range.to);
}

;// CONCATENATED MODULE: ./packages/probe/src/config-schema.ts
// The checks file as people write it (YAML, validated by zod). Either a list of checks, or a mapping with a
// `checks:` list. Every value is checked here, so a mistake is reported at its file:line:column.



const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** `x` or `[x, y]`: both forms read as a list. */
function oneOrMany(item) {
    return schemas/* preprocess */.vkY((value) => (Array.isArray(value) ? value : [value]), schemas/* array */.YOg(item).min(1));
}
const statusItem = schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]).transform((value, ctx) => {
    const range = parseStatusRange(value);
    if (!range) {
        ctx.addIssue({
            code: 'custom',
            message: `'${value}' is not a status: write a code (200), a range (200-299) or a class (2xx)`,
        });
        return core/* NEVER */.tm;
    }
    return range;
});
const regexText = schemas/* string */.YjP().superRefine((source, ctx) => {
    try {
        new RegExp(source);
    }
    catch (thrown) {
        ctx.addIssue({ code: 'custom', message: `not a regular expression: ${thrown.message}` });
    }
});
/** `/pattern/flags` in a header expectation is a regular expression; other text must appear in the value. */
const regexLiteral = /^\/(.+)\/([dgimsuvy]*)$/s;
const headerExpectation = schemas/* union */.KCZ([schemas/* boolean */.zMY(), schemas/* string */.YjP(), schemas/* number */.aig().transform(String)])
    .superRefine((value, ctx) => {
    if (typeof value !== 'string')
        return;
    const literal = regexLiteral.exec(value);
    if (!literal)
        return;
    try {
        new RegExp(literal[1], literal[2]);
    }
    catch (thrown) {
        ctx.addIssue({ code: 'custom', message: `not a regular expression: ${thrown.message}` });
    }
});
const headerName = schemas/* string */.YjP().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { message: 'not a valid header name' });
const jsonPathKey = schemas/* string */.YjP().superRefine((path, ctx) => {
    const steps = parseJsonPath(path);
    if (typeof steps === 'string')
        ctx.addIssue({ code: 'custom', message: steps });
});
const expectSchema = schemas/* strictObject */.rej({
    status: oneOrMany(statusItem).optional(),
    'body-contains': oneOrMany(schemas/* string */.YjP().min(1)).optional(),
    'body-not-contains': oneOrMany(schemas/* string */.YjP().min(1)).optional(),
    'body-regex': oneOrMany(regexText).optional(),
    json: schemas/* record */.g1P(jsonPathKey, schemas/* unknown */.L5J()).optional(),
    headers: schemas/* record */.g1P(headerName, headerExpectation).optional(),
});
const checkSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().trim().min(1).optional(),
    url: schemas/* string */.YjP()
        .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), {
        message: 'must be an absolute http:// or https:// URL (use path: for a path under base-url)',
    })
        .optional(),
    path: schemas/* string */.YjP().startsWith('/', { message: "a path starts with '/'" }).optional(),
    method: schemas/* string */.YjP()
        .transform((value) => value.toUpperCase())
        .pipe(schemas/* enum */.k5n(methods, { message: `a method is one of ${methods.join(', ')}` }))
        .optional(),
    headers: schemas/* record */.g1P(headerName, schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig().transform(String)]).refine((value) => !/[\r\n]/.test(value), {
        message: 'a header value is one line',
    }))
        .optional(),
    body: schemas/* string */.YjP().optional(),
    json: schemas/* unknown */.L5J().optional(),
    expect: expectSchema.optional(),
    'max-latency-ms': schemas/* number */.aig().int().positive().optional(),
    'tls-min-days': schemas/* number */.aig().min(0).optional(),
    'follow-redirects': schemas/* boolean */.zMY().optional(),
    'max-redirects': schemas/* number */.aig().int().min(0).max(50).optional(),
    machine: schemas/* string */.YjP()
        .regex(/^[0-9a-z]+$/i, { message: 'a Fly machine id is letters and digits' })
        .optional(),
    'timeout-ms': schemas/* number */.aig().int().min(1).optional(),
})
    .superRefine((check, ctx) => {
    if ((check.url === undefined) === (check.path === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'give exactly one of url or path' });
    }
    if (check.body !== undefined && check.json !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'give at most one of body or json' });
    }
});
const checkList = schemas/* array */.YOg(checkSchema);
const checkDocument = schemas/* strictObject */.rej({ checks: checkList });
/** The whole file: a list of checks, or `checks:` with a list. */
const checksFileSchema = schemas/* unknown */.L5J().transform((value, ctx) => {
    const list = Array.isArray(value);
    const result = list ? checkList.safeParse(value) : checkDocument.safeParse(value);
    if (!result.success) {
        for (const issue of result.error.issues) {
            // A bad record key (a header name, a JSON path) is reported by zod as "Invalid key in record" with the
            // real reason inside.
            const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
            ctx.addIssue({
                code: 'custom',
                message: inner ?? issue.message,
                path: issue.path,
            });
        }
        return core/* NEVER */.tm;
    }
    return Array.isArray(result.data) ? result.data : result.data.checks;
});

;// CONCATENATED MODULE: ./packages/probe/src/header-scope.ts
// Where secrets may travel. The `headers` input goes only to base-url's origin and the origins the user lists
// (input 'header-origins'), and `${NAME}` in a checks file reads only the variables the user lists (input
// 'header-env'): a checks file comes from the commit under test, so it must not be able to send the probe's
// token, or the runner's, anywhere it likes.

/** The runner's own variables: never expanded into a header, whatever input 'header-env' lists. */
const runnerVariable = /^(ACTIONS_|INPUT_|RUNNER_)|^GITHUB_TOKEN$/i;
const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** True for ACTIONS_*, INPUT_*, RUNNER_* and GITHUB_TOKEN (in any case: Windows reads names so). */
function isRunnerVariable(name) {
    return runnerVariable.test(name);
}
/**
 * The variables `${NAME}` may read (input 'header-env'), with their values; a name that is not a variable
 * name, or is one of the runner's, is an input error.
 */
function headerEnvironment(names, env) {
    const allowed = {};
    for (const name of names) {
        if (!variableName.test(name)) {
            throw new src/* InputError */.dz('header-env', `Input 'header-env' must list environment variable names (letters, digits, _); got '${name}'.`);
        }
        if (isRunnerVariable(name)) {
            throw new src/* InputError */.dz('header-env', `Input 'header-env' may not list ${name}: the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*) never go into a header.`);
        }
        allowed[name] = env[name];
    }
    return allowed;
}
const bareOrigin = /^https?:\/\/[^/?#@\s]+\/?$/i;
/** Input 'header-origins' as origins (`https://api.example.com`, `http://127.0.0.1:8080`), normalised. */
function parseHeaderOrigins(values) {
    return values.map((value) => {
        if (!bareOrigin.test(value) || !URL.canParse(value)) {
            // A value with an `@` may hold a password: it is not repeated.
            const given = value.includes('@') ? 'got a user or password' : `got '${value}'`;
            throw new src/* InputError */.dz('header-origins', `Input 'header-origins' must list origins, scheme://host[:port] with no path, user or password (e.g. https://api.example.com); ${given}.`);
        }
        return new URL(value).origin;
    });
}
/** The origins that get the `headers` input: base-url's, then those of input 'header-origins'. */
function sharedHeaderOrigins(baseUrl, listed) {
    return new Set([...(baseUrl ? [new URL(baseUrl).origin] : []), ...listed]);
}

;// CONCATENATED MODULE: ./packages/probe/src/checks.ts
// From what people wrote (a checks file, inline checks, bare paths) to complete checks: absolute URLs,
// headers merged, and the defaults filled in that these teams already judge a deploy by.




const healthDefaults = { status: [{ from: 200, to: 200 }], maxLatencyMs: 2000 };
const pageDefaults = { status: [{ from: 200, to: 399 }], maxLatencyMs: 3000 };
/**
 * A health endpoint by its last path segment: health, healthz, healthcheck, health-check, up, ready,
 * readyz, live, livez, ping, status, each optionally with a leading underscore (`/_health`).
 */
function isHealthPath(path) {
    const last = path.split(/[?#]/)[0].replace(/\/+$/, '').split('/').pop() ?? '';
    return /^_?(health|healthz|healthcheck|health-check|up|ready|readyz|live|livez|ping|status)$/i.test(last);
}
class CheckError extends Error {
    name = 'CheckError';
}
/** Completes the checks of one source. `origin` names the source in messages (a file, an input). */
function resolveChecks(configs, origin, defaults) {
    return configs.map((config, index) => resolveCheck(config, `${origin}, check ${index + 1}`, defaults));
}
/** Checks for bare paths (input `paths`, or `origin` names another): GET each with the defaults for its kind. */
function checksForPaths(paths, defaults, origin = "Input 'paths'") {
    return paths.map((path) => {
        const written = path.startsWith('/') || /^https?:\/\//i.test(path) ? path : `/${path}`;
        const config = /^https?:\/\//i.test(written) ? { url: written } : { path: written };
        return resolveCheck(config, origin, defaults);
    });
}
/** Fails on two checks with the same name: the report, the summary and JUnit tell checks apart by name. */
function assertUniqueNames(checks) {
    const seen = new Map();
    for (const check of checks) {
        const first = seen.get(check.name);
        if (first) {
            throw new CheckError(`two checks are named '${check.name}' (${first.origin} and ${check.origin}): give them distinct names`);
        }
        seen.set(check.name, check);
    }
}
function resolveCheck(config, origin, defaults) {
    const url = absoluteUrl(config, origin, defaults.baseUrl);
    const parsed = new URL(url);
    const kind = isHealthPath(parsed.pathname) ? 'health' : 'page';
    const kindDefaults = kind === 'health' ? healthDefaults : pageDefaults;
    const method = config.method ?? (config.body !== undefined || config.json !== undefined ? 'POST' : 'GET');
    const shared = sharedHeaderOrigins(defaults.baseUrl, defaults.headerOrigins).has(parsed.origin)
        ? defaults.headers
        : {};
    const own = expandHeaders(config.headers ?? {}, origin, defaults.env);
    const headers = mergeHeaders(shared, own.headers);
    const secretHeaders = Object.keys(headers).filter((name) => isSensitiveHeader(name) || hasHeader(shared, name) || own.expanded.has(name));
    let body = config.body;
    if (config.json !== undefined) {
        body = JSON.stringify(config.json);
        if (!hasHeader(headers, 'content-type'))
            headers['content-type'] = 'application/json';
    }
    const expect = config.expect ?? {};
    const shown = `${parsed.pathname}${parsed.search}`;
    const check = {
        name: config.name ?? `${method} ${config.path ?? url}`,
        method,
        url,
        headers,
        secretHeaders,
        expect: {
            status: expect.status ?? kindDefaults.status,
            statusIsDefault: expect.status === undefined,
            bodyContains: expect['body-contains'] ?? [],
            bodyNotContains: expect['body-not-contains'] ?? [],
            bodyRegex: (expect['body-regex'] ?? []).map((source) => new RegExp(source)),
            json: Object.entries(expect.json ?? {}).map(([path, value]) => ({
                path,
                steps: parseJsonPath(path),
                value,
            })),
            headers: Object.entries(expect.headers ?? {}).map(([name, value]) => ({
                name: name.toLowerCase(),
                expectation: checks_headerExpectation(value),
            })),
            maxLatencyMs: config['max-latency-ms'] ?? kindDefaults.maxLatencyMs,
            tlsMinDays: config['tls-min-days'] ?? defaults.tlsMinDays,
        },
        followRedirects: config['follow-redirects'] ?? defaults.followRedirects,
        maxRedirects: config['max-redirects'] ?? defaults.maxRedirects,
        timeoutMs: config['timeout-ms'] ?? defaults.timeoutMs,
        kind,
        origin: `${origin} (${method} ${shown})`,
    };
    const machine = config.machine ?? defaults.machine;
    if (machine) {
        check.machine = machine;
        check.headers['fly-force-instance-id'] = machine;
    }
    if (body !== undefined)
        check.body = body;
    return check;
}
function absoluteUrl(config, origin, baseUrl) {
    if (config.url) {
        if ((0,src/* hasUrlCredentials */.f2)(config.url)) {
            throw new CheckError(`${origin}: ${withoutUserinfo(config.url)} carries a user or password; pass credentials as a header instead (Authorization in input 'headers', sent to base-url's origin and those listed in 'header-origins')`);
        }
        return new URL(config.url).href;
    }
    if (!baseUrl)
        throw new CheckError(`${origin}: path ${config.path} needs input 'base-url'`);
    // `base-url: https://host/app` with `path: /health` means https://host/app/health, as people expect.
    // Joined as text: resolved as a reference, `//other.host/x` or `/\other.host` would leave base-url's origin.
    const base = new URL(baseUrl);
    const prefix = base.pathname.replace(/\/+$/, '');
    return new URL(`${base.origin}${prefix}${config.path}`).href;
}
/** The URL with its userinfo as `***`, for a message; nothing of it when it does not parse. */
function withoutUserinfo(url) {
    if (!URL.canParse(url))
        return 'the URL';
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href.replace('://', '://***@');
}
function checks_headerExpectation(value) {
    if (value === true)
        return { kind: 'present' };
    if (value === false)
        return { kind: 'absent' };
    const literal = regexLiteral.exec(value);
    // g and y would make test() remember where it stopped; one header value is matched once.
    if (literal) {
        return { kind: 'regex', regex: new RegExp(literal[1], literal[2].replace(/[gy]/g, '')), source: value };
    }
    return { kind: 'contains', text: value };
}
/**
 * `${NAME}` in a header value is the environment variable NAME, when input 'header-env' lists it: how a
 * checks file refers to a secret. Returns the headers and the (lower-case) names of those that read one.
 */
function expandHeaders(headers, origin, env) {
    const out = {};
    const expanded = new Set();
    for (const [name, value] of Object.entries(headers)) {
        out[name] = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, variable) => {
            const uses = `${origin}: header ${name} uses \${${variable}}`;
            if (isRunnerVariable(variable)) {
                throw new CheckError(`${uses}, one of the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*), which never go into a header`);
            }
            if (!Object.hasOwn(env, variable)) {
                throw new CheckError(`${uses}, which is not listed in input 'header-env'`);
            }
            expanded.add(name.toLowerCase());
            const found = env[variable];
            if (found === undefined || found === '') {
                throw new CheckError(`${uses}, which is not set in the environment`);
            }
            if (/[\r\n]/.test(found)) {
                throw new CheckError(`${origin}: header ${name}: \${${variable}} holds a line break`);
            }
            return found;
        });
    }
    return { headers: out, expanded };
}
function mergeHeaders(base, own) {
    const merged = {};
    for (const [name, value] of Object.entries(base)) {
        if (!hasHeader(own, name))
            merged[name.toLowerCase()] = value;
    }
    for (const [name, value] of Object.entries(own))
        merged[name.toLowerCase()] = value;
    return merged;
}
function hasHeader(headers, name) {
    return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}
/**
 * Parses `Name: value` lines (input `headers`). Errors never repeat a value: it may be a token.
 */
function parseHeaderLines(text, origin) {
    const headers = {};
    text.split(/\r?\n/).forEach((line, index) => {
        if (!line.trim() || line.trim().startsWith('#'))
            return;
        const colon = line.indexOf(':');
        const name = colon < 0 ? '' : line.slice(0, colon).trim();
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
            throw new CheckError(`${origin}, line ${index + 1}: expected 'Name: value'`);
        }
        headers[name.toLowerCase()] = line.slice(colon + 1).trim();
    });
    return headers;
}
const sensitiveHeader = /auth|token|key|secret|cookie|session|password|credential|signature/i;
/** Header names whose values are treated as secret even when written in plain YAML. */
function isSensitiveHeader(name) {
    return sensitiveHeader.test(name);
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: external "node:dns"
var external_node_dns_ = __webpack_require__(610);
;// CONCATENATED MODULE: ./packages/probe/src/lookup.ts

/**
 * The probe's name resolution: the system resolver, except that `.invalid` names fail at once with
 * ENOTFOUND. RFC 6761 §6.4 asks resolution libraries to answer those negatively without a query; glibc
 * sends one anyway. Doing it here means a check of `https://anything.invalid` never leaves the machine,
 * which is also how the tests exercise the DNS failure path.
 */
function lookup(hostname, options, callback) {
    if (isInvalidName(hostname)) {
        const error = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        error.code = 'ENOTFOUND';
        error.syscall = 'getaddrinfo';
        error.hostname = hostname;
        process.nextTick(callback, error, '', 0);
        return;
    }
    const normalized = typeof options === 'number' ? { family: options } : options;
    (0,external_node_dns_.lookup)(hostname, normalized, callback);
}
function isInvalidName(hostname) {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    return name === 'invalid' || name.endsWith('.invalid');
}

;// CONCATENATED MODULE: ./packages/probe/src/http.ts


/** A request that got no usable response, and why. */
class Fault extends Error {
    kind;
    constructor(kind, message) {
        super(message);
        this.kind = kind;
        this.name = 'Fault';
    }
}
/**
 * A connection pool of its own for one attempt (the redirects of one check included), so each attempt
 * measures a cold request: DNS, TCP and TLS are part of its latency, as for a visitor after a deploy.
 */
function openConnection(options) {
    const certificates = new Map();
    const controller = new AbortController();
    let phase = 'resolving and connecting';
    let current = { host: '', port: '' };
    let bodyBytes = 0;
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    timer.unref?.();
    const connector = (0,undici/* buildConnector */.gU)({
        lookup: lookup,
        ...(options.ca ? { ca: options.ca } : {}),
        rejectUnauthorized: true,
        // Our own deadline fires first and names the phase; undici's is a backstop.
        timeout: options.timeoutMs + 1000,
    });
    const agent = new undici/* Agent */.g6({
        connect(connectOptions, callback) {
            connector(connectOptions, (error, socket) => {
                if (!error && socket) {
                    phase = 'waiting for the response headers';
                    const tls = socket;
                    if (typeof tls.getPeerCertificate === 'function') {
                        const certificate = readCertificate(tls, connectOptions.hostname);
                        if (certificate)
                            certificates.set(connectOptions.hostname, certificate);
                    }
                }
                if (error)
                    callback(error, null);
                else
                    callback(null, socket);
            });
        },
        headersTimeout: options.timeoutMs + 1000,
        bodyTimeout: options.timeoutMs + 1000,
        // One request per connection: a fresh connection per attempt, and nothing left open after it.
        pipelining: 0,
    });
    return {
        async send(request) {
            const url = new URL(request.url);
            current = { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || defaultPort(url) };
            phase = 'resolving and connecting';
            bodyBytes = 0;
            try {
                const response = await agent.request({
                    origin: url.origin,
                    path: `${url.pathname}${url.search}`,
                    method: request.method,
                    headers: request.headers,
                    ...(request.body !== undefined ? { body: request.body } : {}),
                    signal: controller.signal,
                });
                phase = 'reading the body';
                const chunks = [];
                let truncated = false;
                for await (const chunk of response.body) {
                    const room = options.maxBodyBytes - bodyBytes;
                    if (chunk.length > room) {
                        chunks.push(chunk.subarray(0, room));
                        bodyBytes += room;
                        truncated = true;
                        // Leaving the loop destroys the body stream and its socket: the rest is never read.
                        break;
                    }
                    chunks.push(chunk);
                    bodyBytes += chunk.length;
                }
                const hop = {
                    url: url.href,
                    status: response.statusCode,
                    headers: flattenHeaders(response.headers),
                    body: Buffer.concat(chunks),
                    bodyBytes,
                    truncated,
                };
                const certificate = certificates.get(url.hostname.replace(/^\[|\]$/g, ''));
                if (url.protocol === 'https:' && certificate)
                    hop.certificate = certificate;
                return hop;
            }
            catch (thrown) {
                if (controller.signal.aborted) {
                    const received = phase === 'reading the body' ? ` (${formatBytes(bodyBytes)} received)` : '';
                    throw new Fault('timeout', `timed out after ${options.timeoutMs} ms ${phase}${received}`);
                }
                throw describeFault(thrown, current, phase);
            }
        },
        async close() {
            clearTimeout(timer);
            await agent.destroy().catch(() => { });
        },
    };
}
function defaultPort(url) {
    return url.protocol === 'https:' ? '443' : '80';
}
function readCertificate(socket, host) {
    const peer = socket.getPeerCertificate();
    if (!peer?.valid_to)
        return undefined;
    const validTo = new Date(peer.valid_to);
    return {
        host,
        subject: String(peer.subject?.CN ?? ''),
        issuer: String(peer.issuer?.O ?? peer.issuer?.CN ?? ''),
        validTo: validTo.toISOString(),
        daysLeft: Math.floor(((validTo.getTime() - Date.now()) / 86_400_000) * 10) / 10,
    };
}
function flattenHeaders(headers) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value === undefined)
            continue;
        out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
}
const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA', 'ENODATA']);
const tlsCodes = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'CERT_REVOKED',
    'CERT_UNTRUSTED',
    'CERT_REJECTED',
    'HOSTNAME_MISMATCH',
    'EPROTO',
]);
/** The innermost error that carries a code (undici and fetch wrap the socket's error). */
function facts(thrown) {
    let error = thrown;
    for (let depth = 0; depth < 5 && error; depth++) {
        const candidate = error;
        if (candidate.code && candidate.code !== 'UND_ERR_ABORTED')
            return candidate;
        error = candidate.cause;
    }
    return { message: thrown instanceof Error ? thrown.message : String(thrown) };
}
/** One plain sentence for anything a request can throw. */
function describeFault(thrown, target, phase) {
    if (thrown instanceof Fault)
        return thrown;
    const error = facts(thrown);
    const code = error.code ?? '';
    const where = `${target.host}:${target.port}`;
    if (dnsCodes.has(code) || error.syscall === 'getaddrinfo') {
        return new Fault('dns', `DNS lookup failed for host ${target.host}: ${code || error.message}`);
    }
    if (code === 'ECONNREFUSED')
        return new Fault('refused', `connection refused by ${where} (ECONNREFUSED)`);
    if (tlsCodes.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) {
        // Node 24 appends advice about --use-system-ca to some of these; the reason is the part before it.
        const what = error.message.split(';')[0].trim();
        return new Fault('tls', `TLS error with ${where}: ${what} (${code})`);
    }
    if (['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT'].includes(code)) {
        return new Fault('timeout', `timed out connecting to ${where} (${code})`);
    }
    if (['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'].includes(code)) {
        return new Fault('timeout', `timed out ${phase} from ${where} (${code})`);
    }
    if (['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(code)) {
        return new Fault('unreachable', `cannot reach ${where} (${code})`);
    }
    if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code)) {
        return new Fault('reset', `${where} closed the connection while ${phase} (${code})`);
    }
    return new Fault('protocol', `request to ${where} failed while ${phase}: ${error.message}${code ? ` (${code})` : ''}`);
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
}

;// CONCATENATED MODULE: ./packages/probe/src/expectations.ts




/** Every expectation the response misses, one sentence each; empty when it meets them all. */
function evaluate(expect, observed, options = {}) {
    const failures = [];
    const { status } = observed;
    if (status >= 500 && !expectsServerError(status, expect.status)) {
        failures.push(`server error: status ${status}`);
    }
    else if (!statusMatches(status, expect.status)) {
        failures.push(`expected status ${formatStatusRanges(expect.status)}, got ${status}`);
    }
    if (options.statusOnly)
        return failures;
    if (observed.latencyMs > expect.maxLatencyMs) {
        failures.push(`took ${Math.round(observed.latencyMs)} ms, over the ${expect.maxLatencyMs} ms limit`);
    }
    if (observed.https && observed.certificate && expect.tlsMinDays > 0) {
        const { certificate } = observed;
        if (certificate.daysLeft < expect.tlsMinDays) {
            failures.push(`TLS certificate of ${certificate.host} expires in ${certificate.daysLeft} days (${certificate.validTo.slice(0, 10)}), under the ${expect.tlsMinDays}-day minimum`);
        }
    }
    if (observed.truncated) {
        failures.push(`body larger than the ${formatBytes(observed.maxBodyBytes)} cap: read ${formatBytes(observed.bodyBytes)}, the rest discarded`);
    }
    else {
        failures.push(...bodyFailures(expect, observed.body));
    }
    failures.push(...headerFailures(expect, observed.headers));
    return failures;
}
function bodyFailures(expect, raw) {
    const failures = [];
    const body = raw.toString('utf8');
    for (const text of expect.bodyContains) {
        if (!body.includes(text))
            failures.push(`body does not contain ${quote(text)}`);
    }
    for (const text of expect.bodyNotContains) {
        if (body.includes(text))
            failures.push(`body contains ${quote(text)}`);
    }
    for (const regex of expect.bodyRegex) {
        if (!regex.test(body))
            failures.push(`body does not match /${regex.source}/`);
    }
    if (expect.json.length > 0) {
        let data;
        try {
            data = JSON.parse(body);
        }
        catch {
            failures.push(`body is not JSON (${formatBytes(raw.length)}, starts ${quote(body.slice(0, 40))})`);
            return failures;
        }
        for (const { path, steps, value } of expect.json) {
            const found = lookupJsonPath(data, steps);
            if (!found.found)
                failures.push(`${path}: ${found.missing}, expected ${show(value)}`);
            else if (!jsonEquals(found.value, value)) {
                failures.push(`${path} is ${show(found.value)}, expected ${show(value)}`);
            }
        }
    }
    return failures;
}
function headerFailures(expect, headers) {
    const failures = [];
    for (const { name, expectation } of expect.headers) {
        const value = headers[name];
        // A Set-Cookie or token header's value stays out of messages, as it may be a credential.
        const shown = value === undefined || isSensitiveHeader(name) ? '' : ` (${quote(value)})`;
        switch (expectation.kind) {
            case 'present':
                if (value === undefined)
                    failures.push(`header ${name} is missing`);
                break;
            case 'absent':
                if (value !== undefined)
                    failures.push(`header ${name} is present${shown}, expected absent`);
                break;
            case 'contains':
                if (value === undefined)
                    failures.push(`header ${name} is missing, expected ${quote(expectation.text)}`);
                else if (!value.includes(expectation.text)) {
                    failures.push(`header ${name}${shown} does not contain ${quote(expectation.text)}`);
                }
                break;
            case 'regex':
                if (value === undefined)
                    failures.push(`header ${name} is missing, expected ${expectation.source}`);
                else if (!expectation.regex.test(value)) {
                    failures.push(`header ${name}${shown} does not match ${expectation.source}`);
                }
                break;
        }
    }
    return failures;
}
function quote(text) {
    const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
    return JSON.stringify(short);
}
function show(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

;// CONCATENATED MODULE: ./packages/probe/src/attempt.ts


/** Faults after which repeating a check in the same run cannot tell anything new. */
const stopsRepeats = new Set([
    'dns',
    'refused',
    'tls',
    'timeout',
    'unreachable',
]);
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Runs a check once. Never throws: every fault is an attempt that did not pass, with the reason. */
async function runAttempt(check, options) {
    const timeoutMs = Math.max(1, Math.ceil(Math.min(check.timeoutMs, options.timeoutMs ?? Number.POSITIVE_INFINITY)));
    const connection = openConnection({
        timeoutMs,
        maxBodyBytes: options.maxBodyBytes,
        ...(options.ca ? { ca: options.ca } : {}),
    });
    const redirects = [];
    const started = performance.now();
    try {
        let request = {
            url: check.url,
            method: check.method,
            headers: { ...check.headers },
            ...(check.body !== undefined ? { body: check.body } : {}),
        };
        const visited = [check.url];
        let hop;
        for (;;) {
            hop = await connection.send(request);
            const location = hop.headers.location;
            if (!check.followRedirects || !redirectStatuses.has(hop.status) || !location)
                break;
            let next;
            try {
                next = new URL(location, hop.url);
            }
            catch {
                throw new Fault('bad-redirect', `redirect ${hop.status} to an invalid location ${JSON.stringify(location)}`);
            }
            if (next.protocol !== 'http:' && next.protocol !== 'https:') {
                throw new Fault('bad-redirect', `redirect ${hop.status} to a non-HTTP location ${next.protocol}`);
            }
            redirects.push({ status: hop.status, location: next.href });
            if (visited.includes(next.href)) {
                throw new Fault('redirect-loop', `redirect loop: ${chain([...visited, next.href])}`);
            }
            if (redirects.length > check.maxRedirects) {
                throw new Fault('too-many-redirects', `more than ${check.maxRedirects} redirects: ${chain([...visited, next.href])}`);
            }
            visited.push(next.href);
            request = redirectRequest(request, hop.status, next, check.secretHeaders);
        }
        const latencyMs = round(performance.now() - started);
        const attempt = {
            passed: false,
            status: hop.status,
            latencyMs,
            bodyBytes: hop.bodyBytes,
            truncated: hop.truncated,
            redirects,
            failures: evaluate(check.expect, {
                status: hop.status,
                headers: hop.headers,
                body: hop.body,
                bodyBytes: hop.bodyBytes,
                truncated: hop.truncated,
                maxBodyBytes: options.maxBodyBytes,
                latencyMs,
                https: hop.url.startsWith('https:'),
                ...(hop.certificate ? { certificate: hop.certificate } : {}),
            }, { statusOnly: options.statusOnly ?? false }),
        };
        if (hop.certificate)
            attempt.certificate = hop.certificate;
        attempt.passed = attempt.failures.length === 0;
        return attempt;
    }
    catch (thrown) {
        const fault = thrown instanceof Fault
            ? thrown
            : new Fault('protocol', thrown instanceof Error ? thrown.message : String(thrown));
        return { passed: false, redirects, fault: { kind: fault.kind, message: fault.message }, failures: [] };
    }
    finally {
        await connection.close();
    }
}
/**
 * The request a redirect asks for, as browsers and fetch make it: 303 (and 301/302 after a POST) become a
 * GET without a body; secret headers and the machine header are not sent to another origin.
 */
function redirectRequest(previous, status, next, secretHeaders) {
    const toGet = status === 303
        ? previous.method !== 'HEAD'
        : (status === 301 || status === 302) && previous.method === 'POST';
    const headers = {};
    const crossOrigin = new URL(previous.url).origin !== next.origin;
    for (const [name, value] of Object.entries(previous.headers)) {
        if (crossOrigin && (secretHeaders.includes(name) || name === 'fly-force-instance-id'))
            continue;
        if (toGet && (name === 'content-type' || name === 'content-length'))
            continue;
        headers[name] = value;
    }
    const request = {
        url: next.href,
        method: toGet ? 'GET' : previous.method,
        headers,
    };
    if (!toGet && previous.body !== undefined)
        request.body = previous.body;
    return request;
}
function chain(urls) {
    const origin = new URL(urls[0]).origin;
    return urls
        .map((url) => {
        const parsed = new URL(url);
        return parsed.origin === origin ? `${parsed.pathname}${parsed.search}` : url;
    })
        .join(' → ');
}
function round(ms) {
    return Math.round(ms * 10) / 10;
}

;// CONCATENATED MODULE: ./packages/probe/src/junit.ts
/** The report as a JUnit XML document. */
function toJUnit(report, options = {}) {
    const suite = options.suite ?? 'smoke-test';
    const seconds = (ms) => (ms / 1000).toFixed(3);
    const cases = report.checks.map((check) => testCase(check, suite, seconds));
    const properties = [
        property('repeat', String(report.repeat)),
        ...(report.latency
            ? [
                property('latency.p50.ms', String(report.latency.p50)),
                property('latency.p95.ms', String(report.latency.p95)),
                property('latency.max.ms', String(report.latency.max)),
            ]
            : []),
        ...(report.ready
            ? [property('ready', String(report.ready.ready)), property('ready.ms', String(report.ready.ms))]
            : []),
    ];
    const counts = `tests="${report.counts.checks}" failures="${report.counts.failed}" errors="0" skipped="0"`;
    const time = `time="${seconds(report.durationMs)}"`;
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="${attr(suite)}" ${counts} ${time}>`,
        `  <testsuite name="${attr(suite)}" ${counts} ${time} timestamp="${attr(report.startedAt.replace(/\.\d+Z$/, ''))}">`,
        '    <properties>',
        ...properties.map((line) => `      ${line}`),
        '    </properties>',
        ...cases,
        '  </testsuite>',
        '</testsuites>',
        '',
    ].join('\n');
}
function testCase(check, suite, seconds) {
    const total = check.attempts.reduce((sum, attempt) => sum + (attempt.latencyMs ?? 0), 0);
    const open = `    <testcase classname="${attr(suite)}" name="${attr(check.name)}" time="${seconds(total)}"`;
    const out = check.attempts
        .map((attempt, index) => {
        const head = `#${index + 1} ${check.method} ${check.url}`;
        if (attempt.fault)
            return `${head}: ${attempt.fault.message}`;
        const verdict = attempt.passed ? 'ok' : attempt.failures.join('; ');
        return `${head}: ${attempt.status} in ${attempt.latencyMs} ms: ${verdict}`;
    })
        .join('\n');
    const systemOut = `      <system-out>${junit_text(out)}</system-out>`;
    if (check.passed)
        return `${open}>\n${systemOut}\n    </testcase>`;
    const type = check.attempts.find((attempt) => attempt.fault)?.fault?.kind ?? 'expectation';
    const reason = check.reason ?? 'failed';
    return [
        `${open}>`,
        `      <failure message="${attr(reason)}" type="${attr(type)}">${junit_text(`${reason}\nexpected: ${check.expects.join('; ')}`)}</failure>`,
        systemOut,
        '    </testcase>',
    ].join('\n');
}
function property(name, value) {
    return `<property name="${attr(name)}" value="${attr(value)}"/>`;
}
/** Characters XML 1.0 cannot hold at all (control characters other than tab, LF, CR; lone surrogates). */
const forbidden = 
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 cannot hold.
/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function junit_text(value) {
    return value
        .replace(forbidden, '\uFFFD')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
}
function attr(value) {
    return junit_text(value)
        .replace(/"/g, '&quot;')
        .replace(/\n/g, '&#10;')
        .replace(/\r/g, '&#13;')
        .replace(/\t/g, '&#9;');
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
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const syntaxError = document.errors[0];
    if (syntaxError) {
        const position = syntaxError instanceof dist/* YAMLParseError */.XT ? lineCounter.linePos(syntaxError.pos[0]) : undefined;
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

;// CONCATENATED MODULE: ./packages/probe/src/load.ts




/**
 * Every check of a run, in order: file, inline, then paths. With none at all, `base-url` alone means one
 * check of its root page.
 */
async function loadChecks(sources, defaults) {
    const checks = [];
    if (sources.file) {
        let text;
        try {
            text = await (0,promises_.readFile)(sources.file.path, 'utf8');
        }
        catch (thrown) {
            const code = thrown.code;
            throw new CheckError(code === 'ENOENT'
                ? `no checks file at ${sources.file.label}`
                : `cannot read ${sources.file.label}: ${code ?? thrown}`);
        }
        checks.push(...resolveChecks(parseConfig(text, sources.file.label, checksFileSchema), sources.file.label, defaults));
    }
    if (sources.inline?.trim()) {
        const label = "Input 'checks'";
        checks.push(...resolveChecks(parseConfig(sources.inline, label, checksFileSchema), label, defaults));
    }
    checks.push(...checksForPaths(sources.paths, defaults));
    if (checks.length === 0) {
        if (!defaults.baseUrl) {
            throw new CheckError("nothing to check: set input 'base-url' (and 'paths', 'checks' or 'checks-file'), or give checks with full URLs");
        }
        checks.push(...checksForPaths(['/'], defaults));
    }
    assertUniqueNames(checks);
    return checks;
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./packages/probe/src/ready.ts


/** The shortest poll worth sending before the deadline. */
const minimumPollMs = 100;
/**
 * Polls a check until its response has the expected status (a 5xx never does) or the time is up. Speed,
 * body, headers and certificate are judged in the measured rounds, so a wrong page does not wait out the
 * whole timeout. Pauses grow exponentially with "equal jitter" (half fixed, half random), so
 * many jobs waiting on one deploy do not poll in step.
 */
async function waitForReady(check, options) {
    const { logger, timeoutMs } = options;
    const initial = options.initialDelayMs ?? 250;
    const cap = options.maxDelayMs ?? 5000;
    const random = options.random ?? Math.random;
    const redact = options.redact ?? ((text) => text);
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    let polls = 0;
    let reason = '';
    for (;;) {
        polls++;
        const attempt = await runAttempt(check, {
            maxBodyBytes: options.maxBodyBytes,
            statusOnly: true,
            timeoutMs: Math.max(1, timeoutMs - elapsed()),
            ...(options.ca ? { ca: options.ca } : {}),
        });
        if (attempt.passed) {
            return { ready: true, check: check.name, url: check.url, ms: round(elapsed()), polls };
        }
        reason = redact(attempt.fault?.message ?? attempt.failures.join('; '));
        const base = Math.min(cap, initial * 2 ** (polls - 1));
        const delay = base / 2 + (random() * base) / 2;
        const left = timeoutMs - elapsed();
        if (left < minimumPollMs)
            break;
        logger.info(`not ready yet (poll ${polls}): ${reason}; next poll in ${Math.round(Math.min(delay, left))} ms`);
        await (0,external_node_timers_promises_.setTimeout)(Math.min(delay, left));
        // A poll squeezed into the last milliseconds would only report its own timeout.
        if (timeoutMs - elapsed() < minimumPollMs)
            break;
    }
    return { ready: false, check: check.name, url: check.url, ms: round(elapsed()), polls, reason };
}

;// CONCATENATED MODULE: ./packages/probe/src/stats.ts
/**
 * The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. It is
 * always a latency that was measured; with three samples p50 is the median and p95 the maximum.
 */
function percentile(sorted, p) {
    if (sorted.length === 0)
        throw new Error('percentile of no samples');
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return sorted[Math.min(rank, sorted.length) - 1];
}
/** Statistics of the samples; undefined when there are none (every attempt failed before a response). */
function latencyStats(samples) {
    if (samples.length === 0)
        return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
    return {
        count: sorted.length,
        min: sorted[0],
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        max: sorted[sorted.length - 1],
        mean: Math.round(mean * 10) / 10,
    };
}

;// CONCATENATED MODULE: ./packages/probe/src/probe.ts
// A smoke test run: wait for the service to answer, then run every check `repeat` times, in order, one
// request at a time (concurrent requests would measure each other). The result is a report that holds
// every attempt and its reason; nothing here throws for a fault of the service under test.





/** Runs the checks and returns the report; the caller decides what a failure means for the step. */
async function runProbe(options) {
    const { logger } = options;
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const redactor = new src/* Redactor */.pO();
    for (const secret of options.secrets ?? [])
        redactor.add(secret);
    const redact = (text) => redactor.redact(text);
    const common = { maxBodyBytes: options.maxBodyBytes, ...(options.ca ? { ca: options.ca } : {}) };
    let ready;
    if (options.ready) {
        const target = options.ready;
        ready = await logger.group(`Waiting for ${target.check.url} to be ready`, async () => {
            const result = await waitForReady(target.check, {
                ...common,
                timeoutMs: target.timeoutMs,
                logger,
                redact,
            });
            if (result.ready)
                logger.info(`ready after ${formatMs(result.ms)} (${result.polls} polls)`);
            else
                logger.warning(`not ready after ${formatMs(result.ms)} (${result.polls} polls): ${result.reason ?? ''}`);
            return result;
        });
    }
    const checks = [];
    await logger.group(`Running ${options.checks.length} checks × ${options.repeat}`, async () => {
        for (const check of options.checks) {
            const attempts = [];
            let stoppedEarly;
            for (let round = 1; round <= options.repeat; round++) {
                const attempt = redactAttempt(await runAttempt(check, common), redact);
                attempts.push(attempt);
                logger.info(`${check.name} #${round}: ${describeAttempt(attempt)}`);
                if (attempt.fault && stopsRepeats.has(attempt.fault.kind) && round < options.repeat) {
                    stoppedEarly = `not repeated after a ${attempt.fault.kind} fault`;
                    break;
                }
            }
            checks.push(checkReport(check, attempts, stoppedEarly, redact));
        }
    });
    const failed = checks.filter((check) => !check.passed).length;
    const samples = checks.flatMap((check) => check.attempts.flatMap((a) => (a.latencyMs === undefined ? [] : [a.latencyMs])));
    const report = {
        tool: 'shipgate smoke-test',
        version: 1,
        startedAt,
        durationMs: Math.round(performance.now() - started),
        passed: failed === 0,
        counts: { checks: checks.length, passed: checks.length - failed, failed },
        repeat: options.repeat,
        checks,
    };
    if (ready)
        report.ready = ready;
    const latency = latencyStats(samples);
    if (latency)
        report.latency = latency;
    return report;
}
function checkReport(check, attempts, stoppedEarly, redact) {
    const failedAttempts = attempts.filter((attempt) => !attempt.passed);
    const report = {
        name: check.name,
        method: check.method,
        url: redact(check.url),
        kind: check.kind,
        headerNames: Object.keys(check.headers).sort(),
        expects: describeExpectations(check),
        passed: failedAttempts.length === 0,
        attemptsFailed: failedAttempts.length,
        statuses: attempts.flatMap((attempt) => (attempt.status === undefined ? [] : [attempt.status])),
        attempts,
    };
    if (check.machine)
        report.machine = check.machine;
    const first = failedAttempts[0];
    if (first) {
        const reason = attemptReason(first);
        report.reason =
            attempts.length > 1
                ? `${reason} (${failedAttempts.length} of ${attempts.length} attempts failed)`
                : reason;
    }
    if (stoppedEarly)
        report.stoppedEarly = stoppedEarly;
    const latency = latencyStats(attempts.flatMap((a) => (a.latencyMs === undefined ? [] : [a.latencyMs])));
    if (latency)
        report.latency = latency;
    return report;
}
function attemptReason(attempt) {
    return attempt.fault?.message ?? attempt.failures.join('; ');
}
function describeAttempt(attempt) {
    if (attempt.fault)
        return `✗ ${attempt.fault.message}`;
    const redirects = attempt.redirects.length > 0 ? `, ${attempt.redirects.length} redirects` : '';
    const head = `${attempt.status} in ${formatMs(attempt.latencyMs ?? 0)}${redirects}`;
    return attempt.passed ? `✓ ${head}` : `✗ ${head}: ${attempt.failures.join('; ')}`;
}
function describeExpectations(check) {
    const { expect } = check;
    const out = [
        `status ${formatStatusRanges(expect.status)}${expect.statusIsDefault ? ` (${check.kind} default)` : ''}`,
    ];
    out.push(`within ${expect.maxLatencyMs} ms`);
    for (const text of expect.bodyContains)
        out.push(`body contains ${JSON.stringify(text)}`);
    for (const text of expect.bodyNotContains)
        out.push(`body does not contain ${JSON.stringify(text)}`);
    for (const regex of expect.bodyRegex)
        out.push(`body matches /${regex.source}/`);
    for (const { path, value } of expect.json)
        out.push(`${path} equals ${JSON.stringify(value)}`);
    for (const { name, expectation } of expect.headers) {
        const what = expectation.kind === 'present'
            ? 'present'
            : expectation.kind === 'absent'
                ? 'absent'
                : expectation.kind === 'regex'
                    ? `matches ${expectation.source}`
                    : `contains ${JSON.stringify(expectation.text)}`;
        out.push(`header ${name} ${what}`);
    }
    if (check.url.startsWith('https:') && expect.tlsMinDays > 0) {
        out.push(`TLS certificate valid for ${expect.tlsMinDays}+ days`);
    }
    return out;
}
function redactAttempt(attempt, redact) {
    attempt.failures = attempt.failures.map(redact);
    if (attempt.fault)
        attempt.fault.message = redact(attempt.fault.message);
    attempt.redirects = attempt.redirects.map((r) => ({ ...r, location: redact(r.location) }));
    return attempt;
}
function formatMs(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

;// CONCATENATED MODULE: ./packages/probe/src/index.ts















;// CONCATENATED MODULE: ./actions/smoke-test/src/summary.ts


const rowsShown = 200;
/** The step summary: verdict, readiness and overall latency, then one row per check. */
function renderSummary(summary, report, baseUrl) {
    const { counts } = report;
    summary.heading(report.passed
        ? `✅ smoke-test: ${counts.checks === 1 ? 'the check' : `all ${counts.checks} checks`} passed`
        : `❌ smoke-test: ${counts.failed} of ${plural(counts.checks, 'check')} failed`);
    const facts = [];
    if (baseUrl)
        facts.push(`Target: ${(0,src/* escapeMarkdown */.FV)((0,src/* redactUrlCredentials */.dE)(baseUrl))}.`);
    const { ready } = report;
    if (ready) {
        facts.push(ready.ready
            ? `Ready after ${formatMs(ready.ms)} (${plural(ready.polls, 'poll')} of ${(0,src/* escapeMarkdown */.FV)(ready.check)}).`
            : `⚠️ Not ready after ${formatMs(ready.ms)} (${plural(ready.polls, 'poll')} of ${(0,src/* escapeMarkdown */.FV)(ready.check)}): ${(0,src/* escapeMarkdown */.FV)(ready.reason ?? '')}.`);
    }
    facts.push(`${plural(report.repeat, 'round')} per check.`);
    if (report.latency) {
        const { p50, p95, max, count } = report.latency;
        facts.push(`Latency over ${plural(count, 'response')}: p50 ${formatMs(p50)}, p95 ${formatMs(p95)}, max ${formatMs(max)}.`);
    }
    summary.paragraph(facts.join(' '));
    summary.table(['', 'check', 'target', 'status', 'p50', 'p95', 'max', 'result'], report.checks.slice(0, rowsShown).map(row));
    if (report.checks.length > rowsShown) {
        summary.paragraph(`${report.checks.length - rowsShown} more checks are in the JSON and JUnit reports.`);
    }
    summary.details('What each check expects', report.checks
        .slice(0, rowsShown)
        .map((check) => `- **${(0,src/* escapeMarkdown */.FV)(check.name)}**: ${(0,src/* escapeMarkdown */.FV)(check.expects.join('; '))}`)
        .join('\n'));
}
function row(check) {
    const target = `${check.method} ${(0,src/* escapeMarkdown */.FV)(check.url)}${check.machine ? ` (machine ${check.machine})` : ''}`;
    const statuses = [...new Set(check.statuses)].join(', ') || '—';
    const ms = (value) => (value === undefined ? '—' : formatMs(value));
    const result = check.passed ? 'passed' : (0,src/* escapeMarkdown */.FV)(check.reason ?? 'failed');
    return [
        check.passed ? '✅' : '❌',
        (0,src/* escapeMarkdown */.FV)(check.name),
        target,
        statuses,
        ms(check.latency?.p50),
        ms(check.latency?.p95),
        ms(check.latency?.max),
        check.stoppedEarly ? `${result} (${check.stoppedEarly})` : result,
    ];
}
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/smoke.ts






/** Step outputs share a 1 MB budget per job; past this the output drops the attempts (the file keeps them). */
const reportOutputLimit = 256 * 1024;
/** Wires smoke-test's inputs to the probe, and its report to files, outputs, annotations and the summary. */
async function smoke(inputs, context) {
    const { log, run, summary, mask } = context;
    const baseUrl = inputs['base-url'];
    const headers = inputs.headers ? parseHeaderLines(inputs.headers, "Input 'headers'") : {};
    const headerOrigins = parseHeaderOrigins(inputs['header-origins']);
    const env = headerEnvironment(inputs['header-env'], process.env);
    // A variable listed for headers is there to carry a secret, as is every value of input 'headers'.
    const secrets = [...Object.values(headers), ...Object.values(env).filter((value) => !!value)];
    for (const value of secrets)
        mask(value);
    const defaults = {
        headers,
        headerOrigins,
        followRedirects: inputs['follow-redirects'],
        maxRedirects: inputs['max-redirects'],
        timeoutMs: inputs['timeout-ms'],
        tlsMinDays: inputs['tls-min-days'],
        env,
        ...(baseUrl ? { baseUrl } : {}),
        ...(inputs.machine ? { machine: inputs.machine } : {}),
    };
    const checksFile = inputs['checks-file'];
    const checks = await loadChecks({
        paths: inputs.paths,
        ...(inputs.checks ? { inline: inputs.checks } : {}),
        ...(checksFile
            ? {
                file: {
                    path: (0,external_node_path_.resolve)(run.workspace, checksFile),
                    label: relativeLabel(run.workspace, checksFile),
                },
            }
            : {}),
    }, defaults);
    // A token written in a checks file (or passed through ${NAME}) is as secret as one in input 'headers'.
    for (const check of checks) {
        for (const name of check.secretHeaders) {
            const value = check.headers[name];
            if (!secrets.includes(value)) {
                mask(value);
                secrets.push(value);
            }
        }
    }
    const ready = readyTarget(inputs, checks, defaults);
    if (Object.keys(headers).length > 0) {
        const shared = sharedHeaderOrigins(baseUrl, headerOrigins);
        const targets = [...checks, ...(ready ? [ready.check] : [])].map((check) => new URL(check.url).origin);
        const elsewhere = [...new Set(targets)].filter((origin) => !shared.has(origin));
        if (elsewhere.length > 0) {
            log.info(`Input 'headers' is not sent to ${elsewhere.join(', ')}: only to base-url's origin and those listed in input 'header-origins'.`);
        }
    }
    const ca = inputs['ca-file']
        ? await trustedCertificates((0,external_node_path_.resolve)(run.workspace, inputs['ca-file']))
        : undefined;
    const report = await runProbe({
        checks,
        repeat: inputs.repeat,
        maxBodyBytes: inputs['max-body-bytes'],
        logger: log,
        secrets,
        ...(ready ? { ready } : {}),
        ...(ca ? { ca } : {}),
    });
    const junitFile = (0,external_node_path_.resolve)(run.workspace, inputs['junit-file'] ?? (0,external_node_path_.join)(run.temp, 'smoke-test.junit.xml'));
    const reportFile = (0,external_node_path_.resolve)(run.workspace, inputs['report-file'] ?? (0,external_node_path_.join)(run.temp, 'smoke-test.json'));
    const json = JSON.stringify(report, null, 2);
    await log.group('Report', async () => {
        await context.writeFile(reportFile, `${json}\n`);
        await context.writeFile(junitFile, toJUnit(report));
        log.info(`JSON report: ${reportFile}`);
        log.info(`JUnit XML: ${junitFile}`);
    });
    for (const check of report.checks) {
        if (check.passed)
            continue;
        log.error(`${check.method} ${check.url}: ${check.reason}`, { title: `smoke-test: ${check.name}` });
    }
    renderSummary(summary, report, baseUrl);
    const outputs = {
        passed: report.counts.passed,
        failed: report.counts.failed,
        'p95-ms': report.latency ? String(Math.round(report.latency.p95)) : '',
        'ready-ms': report.ready?.ready ? String(Math.round(report.ready.ms)) : '',
        report: json.length > reportOutputLimit ? withoutAttempts(report) : report,
        'report-file': reportFile,
        'junit-file': junitFile,
    };
    if (report.passed)
        return { outputs };
    const names = report.checks.filter((check) => !check.passed).map((check) => check.name);
    return {
        outputs,
        failure: `${report.counts.failed} of ${plural(report.counts.checks, 'check')} failed: ${names.join(', ')}`,
    };
}
/** What to poll before measuring: `ready-path`, else the first check that is safe to repeat. */
function readyTarget(inputs, checks, defaults) {
    const timeoutMs = inputs['ready-timeout'] * 1000;
    if (timeoutMs === 0)
        return undefined;
    const readyPath = inputs['ready-path'];
    if (readyPath) {
        const [check] = checksForPaths([readyPath], defaults, "Input 'ready-path'");
        return { check: check, timeoutMs };
    }
    const check = checks.find((candidate) => candidate.method === 'GET' || candidate.method === 'HEAD');
    return check ? { check, timeoutMs } : undefined;
}
/**
 * The system's roots, NODE_EXTRA_CA_CERTS (which Node drops once `ca` is given) and the file's certificates.
 */
async function trustedCertificates(file) {
    const own = await (0,promises_.readFile)(file, 'utf8').catch((thrown) => {
        throw new src/* InputError */.dz('ca-file', `Input 'ca-file': cannot read ${file} (${thrown.code ?? thrown.message}).`);
    });
    if (!own.includes('-----BEGIN CERTIFICATE-----')) {
        throw new src/* InputError */.dz('ca-file', `Input 'ca-file': ${file} holds no PEM certificate.`);
    }
    const extraPath = process.env.NODE_EXTRA_CA_CERTS;
    const extra = extraPath ? await (0,promises_.readFile)(extraPath, 'utf8').catch(() => '') : '';
    return [...external_node_tls_.rootCertificates, ...(extra ? [extra] : []), own];
}
function relativeLabel(workspace, path) {
    const label = (0,external_node_path_.relative)(workspace, (0,external_node_path_.resolve)(workspace, path)).split('\\').join('/');
    return label.startsWith('..') ? path : label;
}
function withoutAttempts(report) {
    return {
        ...report,
        checks: report.checks.map(({ attempts: _attempts, ...check }) => check),
        attemptsOmitted: true,
    };
}


/***/ })

};
