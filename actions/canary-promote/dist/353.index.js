export const id = 353;
export const ids = [353];
export const modules = {

/***/ 8353:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  promoteAction: () => (/* binding */ promoteAction)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./packages/kit/src/index.ts + 1 modules
var src = __webpack_require__(316);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
;// CONCATENATED MODULE: ./packages/probe/src/json-path.ts
// A small JSON path: `$` then any of `.name`, `["any key"]` / `['any key']`, `[0]` (negative counts from the
// end). Enough to point at one value in a health response; no wildcards or filters, so a path names exactly
// one place and a mismatch can say which.
/** The steps of a path, or an error message saying where it stops making sense. */
function json_path_parseJsonPath(path) {
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
function json_path_lookupJsonPath(data, steps) {
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
function json_path_jsonEquals(a, b) {
    if (a === b)
        return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        return (Array.isArray(a) &&
            Array.isArray(b) &&
            a.length === b.length &&
            a.every((item, index) => json_path_jsonEquals(item, b[index])));
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
        const keysA = Object.keys(a);
        const keysB = Object.keys(b);
        return (keysA.length === keysB.length &&
            keysA.every((key) => Object.hasOwn(b, key) &&
                json_path_jsonEquals(a[key], b[key])));
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
function status_statusMatches(status, ranges) {
    return ranges.some((range) => status >= range.from && status <= range.to);
}
/** `200`, `200-299`, `2xx`: the way the expectation was written, for messages. */
function status_formatStatusRanges(ranges) {
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
function status_expectsServerError(status, ranges) {
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
const config_schema_regexLiteral = /^\/(.+)\/([dgimsuvy]*)$/s;
const headerExpectation = schemas/* union */.KCZ([schemas/* boolean */.zMY(), schemas/* string */.YjP(), schemas/* number */.aig().transform(String)])
    .superRefine((value, ctx) => {
    if (typeof value !== 'string')
        return;
    const literal = config_schema_regexLiteral.exec(value);
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
    const steps = json_path_parseJsonPath(path);
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
const config_schema_checksFileSchema = schemas/* unknown */.L5J().transform((value, ctx) => {
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
function header_scope_isRunnerVariable(name) {
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
            throw new InputError('header-env', `Input 'header-env' must list environment variable names (letters, digits, _); got '${name}'.`);
        }
        if (header_scope_isRunnerVariable(name)) {
            throw new InputError('header-env', `Input 'header-env' may not list ${name}: the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*) never go into a header.`);
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
            throw new InputError('header-origins', `Input 'header-origins' must list origins, scheme://host[:port] with no path, user or password (e.g. https://api.example.com); ${given}.`);
        }
        return new URL(value).origin;
    });
}
/** The origins that get the `headers` input: base-url's, then those of input 'header-origins'. */
function header_scope_sharedHeaderOrigins(baseUrl, listed) {
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
class checks_CheckError extends Error {
    name = 'CheckError';
}
/** Completes the checks of one source. `origin` names the source in messages (a file, an input). */
function checks_resolveChecks(configs, origin, defaults) {
    return configs.map((config, index) => resolveCheck(config, `${origin}, check ${index + 1}`, defaults));
}
/** Checks for bare paths (input `paths`, or `origin` names another): GET each with the defaults for its kind. */
function checks_checksForPaths(paths, defaults, origin = "Input 'paths'") {
    return paths.map((path) => {
        const written = path.startsWith('/') || /^https?:\/\//i.test(path) ? path : `/${path}`;
        const config = /^https?:\/\//i.test(written) ? { url: written } : { path: written };
        return resolveCheck(config, origin, defaults);
    });
}
/** Fails on two checks with the same name: the report, the summary and JUnit tell checks apart by name. */
function checks_assertUniqueNames(checks) {
    const seen = new Map();
    for (const check of checks) {
        const first = seen.get(check.name);
        if (first) {
            throw new checks_CheckError(`two checks are named '${check.name}' (${first.origin} and ${check.origin}): give them distinct names`);
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
    const secretHeaders = Object.keys(headers).filter((name) => checks_isSensitiveHeader(name) || hasHeader(shared, name) || own.expanded.has(name));
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
        if (hasUrlCredentials(config.url)) {
            throw new checks_CheckError(`${origin}: ${withoutUserinfo(config.url)} carries a user or password; pass credentials as a header instead (Authorization in input 'headers', sent to base-url's origin and those listed in 'header-origins')`);
        }
        return new URL(config.url).href;
    }
    if (!baseUrl)
        throw new checks_CheckError(`${origin}: path ${config.path} needs input 'base-url'`);
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
                throw new checks_CheckError(`${uses}, one of the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*), which never go into a header`);
            }
            if (!Object.hasOwn(env, variable)) {
                throw new checks_CheckError(`${uses}, which is not listed in input 'header-env'`);
            }
            expanded.add(name.toLowerCase());
            const found = env[variable];
            if (found === undefined || found === '') {
                throw new checks_CheckError(`${uses}, which is not set in the environment`);
            }
            if (/[\r\n]/.test(found)) {
                throw new checks_CheckError(`${origin}: header ${name}: \${${variable}} holds a line break`);
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
            throw new checks_CheckError(`${origin}, line ${index + 1}: expected 'Name: value'`);
        }
        headers[name.toLowerCase()] = line.slice(colon + 1).trim();
    });
    return headers;
}
const sensitiveHeader = /auth|token|key|secret|cookie|session|password|credential|signature/i;
/** Header names whose values are treated as secret even when written in plain YAML. */
function checks_isSensitiveHeader(name) {
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
class http_Fault extends Error {
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
function http_openConnection(options) {
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
                    const received = phase === 'reading the body' ? ` (${http_formatBytes(bodyBytes)} received)` : '';
                    throw new http_Fault('timeout', `timed out after ${options.timeoutMs} ms ${phase}${received}`);
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
    if (thrown instanceof http_Fault)
        return thrown;
    const error = facts(thrown);
    const code = error.code ?? '';
    const where = `${target.host}:${target.port}`;
    if (dnsCodes.has(code) || error.syscall === 'getaddrinfo') {
        return new http_Fault('dns', `DNS lookup failed for host ${target.host}: ${code || error.message}`);
    }
    if (code === 'ECONNREFUSED')
        return new http_Fault('refused', `connection refused by ${where} (ECONNREFUSED)`);
    if (tlsCodes.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) {
        // Node 24 appends advice about --use-system-ca to some of these; the reason is the part before it.
        const what = error.message.split(';')[0].trim();
        return new http_Fault('tls', `TLS error with ${where}: ${what} (${code})`);
    }
    if (['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT'].includes(code)) {
        return new http_Fault('timeout', `timed out connecting to ${where} (${code})`);
    }
    if (['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'].includes(code)) {
        return new http_Fault('timeout', `timed out ${phase} from ${where} (${code})`);
    }
    if (['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(code)) {
        return new http_Fault('unreachable', `cannot reach ${where} (${code})`);
    }
    if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code)) {
        return new http_Fault('reset', `${where} closed the connection while ${phase} (${code})`);
    }
    return new http_Fault('protocol', `request to ${where} failed while ${phase}: ${error.message}${code ? ` (${code})` : ''}`);
}
function http_formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
}

;// CONCATENATED MODULE: ./packages/probe/src/expectations.ts




/** Every expectation the response misses, one sentence each; empty when it meets them all. */
function expectations_evaluate(expect, observed, options = {}) {
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
const attempt_stopsRepeats = new Set([
    'dns',
    'refused',
    'tls',
    'timeout',
    'unreachable',
]);
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Runs a check once. Never throws: every fault is an attempt that did not pass, with the reason. */
async function attempt_runAttempt(check, options) {
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
        const latencyMs = attempt_round(performance.now() - started);
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
function attempt_round(ms) {
    return Math.round(ms * 10) / 10;
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./packages/probe/src/ready.ts


/** The shortest poll worth sending before the deadline. */
const minimumPollMs = 100;
/**
 * Polls a check until its response has the expected status (a 5xx never does) or the time is up. Speed,
 * body, headers and certificate are judged in the measured rounds, so a wrong page does not wait out the
 * whole timeout. Pauses grow exponentially with "equal jitter" (half fixed, half random), so
 * many jobs waiting on one deploy do not poll in step.
 */
async function ready_waitForReady(check, options) {
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
        await sleep(Math.min(delay, left));
        // A poll squeezed into the last milliseconds would only report its own timeout.
        if (timeoutMs - elapsed() < minimumPollMs)
            break;
    }
    return { ready: false, check: check.name, url: check.url, ms: round(elapsed()), polls, reason };
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
    const redactor = new Redactor();
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
function stats_latencyStats(samples) {
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

// EXTERNAL MODULE: ./node_modules/@stdlib/stats-base-dists-normal-cdf/lib/index.js
var lib = __webpack_require__(2484);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
;// CONCATENATED MODULE: ./packages/probe/src/canary/normal.ts

/** P(Z ≤ z) for a standard normal Z. */
function standardNormalCdf(z) {
    return lib_default()(z, 0, 1);
}
/**
 * P(Z ≥ z). Taken as Φ(−z) rather than 1 − Φ(z): the subtraction would round a tail p of 1e-17 to 0 and
 * lose digits long before that.
 */
function standardNormalUpperTail(z) {
    return lib_default()(-z, 0, 1);
}

;// CONCATENATED MODULE: ./packages/probe/src/canary/mann-whitney.ts
// The Mann–Whitney U test (Wilcoxon rank-sum): does one sample tend to hold larger values than the other?
// Rank-based, so it needs no assumption about the shape of latencies (skewed, long-tailed, multi-modal)
// and a handful of very slow requests cannot dominate it the way they dominate a t-test on means.

/**
 * Fewest values per side for which the normal approximation is used. Mann & Whitney (1947) found it
 * adequate from 8 per side. At 10 per side the continuity-corrected p is within 0.005 of the exact
 * permutation p for every possible U, and above it (conservative: it errs towards not aborting) wherever the
 * exact p is below 0.03; the tests check both by enumerating the exact distribution. Below this size the
 * test refuses rather than return a p-value that is wrong in the tail.
 */
const MANN_WHITNEY_MIN_SIDE = 10;
/**
 * Tests whether `a` tends to be larger (`greater`), smaller (`less`) or different (`two-sided`) than `b`,
 * by the normal approximation with average ranks for ties, the tie-corrected variance and a continuity
 * correction of ½. Undefined when either side has fewer than MANN_WHITNEY_MIN_SIDE values.
 */
function mannWhitneyU(a, b, alternative) {
    for (const value of [...a, ...b]) {
        if (!Number.isFinite(value))
            throw new RangeError(`Mann–Whitney U of a value that is not finite: ${value}`);
    }
    const nA = a.length;
    const nB = b.length;
    if (nA < MANN_WHITNEY_MIN_SIDE || nB < MANN_WHITNEY_MIN_SIDE)
        return undefined;
    const { rankSumA, tieTerm } = rankSum(a, b);
    const u = rankSumA - (nA * (nA + 1)) / 2;
    const n = nA + nB;
    const mean = (nA * nB) / 2;
    // Ties shrink the variance of the rank sum: σ² = nA·nB/12 · ((n + 1) − Σ(t³ − t) / (n(n − 1))).
    const variance = ((nA * nB) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
    const pairs = nA * nB;
    const effects = { effect: (2 * u) / pairs - 1, probabilityGreater: u / pairs };
    const base = { u, ...effects, alternative, sizes: [nA, nB] };
    // Every value equal: u sits exactly at its mean and there is no evidence either way.
    if (variance <= 0)
        return { ...base, z: 0, pValue: 1 };
    const sd = Math.sqrt(variance);
    const deviation = u - mean;
    // The ½ moves u towards the mean: the discrete U distribution is approximated by a continuous one.
    if (alternative === 'greater') {
        const z = (deviation - 0.5) / sd;
        return { ...base, z, pValue: standardNormalUpperTail(z) };
    }
    if (alternative === 'less') {
        const z = (deviation + 0.5) / sd;
        return { ...base, z, pValue: standardNormalCdf(z) };
    }
    const z = (Math.sign(deviation) * Math.max(0, Math.abs(deviation) - 0.5)) / sd;
    return { ...base, z, pValue: Math.min(1, 2 * standardNormalUpperTail(Math.abs(z))) };
}
/** The sum of a's ranks in the pooled sample (ties get their average rank) and Σ(t³ − t) over tie groups. */
function rankSum(a, b) {
    const pooled = [
        ...a.map((value) => ({ value, fromA: true })),
        ...b.map((value) => ({ value, fromA: false })),
    ].sort((x, y) => x.value - y.value);
    let rankSumA = 0;
    let tieTerm = 0;
    for (let start = 0; start < pooled.length;) {
        let end = start + 1;
        while (end < pooled.length && pooled[end].value === pooled[start].value)
            end++;
        // Positions start..end-1 hold ranks start+1..end; their average is (start + 1 + end) / 2.
        const rank = (start + 1 + end) / 2;
        for (let i = start; i < end; i++)
            if (pooled[i].fromA)
                rankSumA += rank;
        const tied = end - start;
        tieTerm += tied ** 3 - tied;
        start = end;
    }
    return { rankSumA, tieTerm };
}

;// CONCATENATED MODULE: ./packages/probe/src/canary/proportions.ts

/** An expected cell count below this sends the comparison to Fisher's exact test. */
const MIN_EXPECTED_CELL = 5;
/**
 * Compares errorsA/totalA with errorsB/totalB. `greater` asks whether A's rate is higher than B's. Throws
 * for counts that are not a table (negative, fractional, more errors than requests, an empty side).
 */
function twoProportionTest(errorsA, totalA, errorsB, totalB, alternative) {
    checkCounts(errorsA, totalA, 'A');
    checkCounts(errorsB, totalB, 'B');
    const rateA = errorsA / totalA;
    const rateB = errorsB / totalB;
    const total = totalA + totalB;
    const errors = errorsA + errorsB;
    const minExpectedCell = (Math.min(totalA, totalB) * Math.min(errors, total - errors)) / total;
    if (minExpectedCell < MIN_EXPECTED_CELL) {
        const pValue = fisherExact(errorsA, totalA, errors, total, alternative);
        return { method: 'Fisher exact', pValue, rateA, rateB, minExpectedCell };
    }
    const pooled = errors / total;
    const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
    const z = (rateA - rateB) / standardError;
    const pValue = alternative === 'greater'
        ? standardNormalUpperTail(z)
        : alternative === 'less'
            ? standardNormalCdf(z)
            : Math.min(1, 2 * standardNormalUpperTail(Math.abs(z)));
    return { method: 'pooled z', z, pValue, rateA, rateB, minExpectedCell };
}
function checkCounts(errors, total, side) {
    if (!Number.isInteger(errors) || !Number.isInteger(total) || errors < 0 || total < 1 || errors > total) {
        throw new RangeError(`side ${side}: ${errors} errors of ${total} requests is not a count`);
    }
}
/**
 * Fisher's exact test with the margins fixed: A's error count X is hypergeometric (total requests, total
 * errors, A's requests). `greater` is P(X ≥ observed), `less` P(X ≤ observed), and `two-sided` sums every
 * table no more likely than the observed one (as R's fisher.test does, with its 1e-7 relative tolerance).
 * Terms are summed as logarithms; the relative error is about 1e-10 for 200,000-request tables (ln N! near
 * 2e6 holds only so many digits in a double), far below anything a significance level can notice.
 */
function fisherExact(errorsA, totalA, errors, total, alternative) {
    const low = Math.max(0, totalA - (total - errors));
    const high = Math.min(errors, totalA);
    const logChooseAll = logChoose(total, totalA);
    const logPmf = (x) => logChoose(errors, x) + logChoose(total - errors, totalA - x) - logChooseAll;
    let logTerms = [];
    if (alternative === 'greater') {
        for (let x = errorsA; x <= high; x++)
            logTerms.push(logPmf(x));
    }
    else if (alternative === 'less') {
        for (let x = low; x <= errorsA; x++)
            logTerms.push(logPmf(x));
    }
    else {
        const observed = logPmf(errorsA);
        for (let x = low; x <= high; x++)
            logTerms.push(logPmf(x));
        logTerms = logTerms.filter((term) => term <= observed + Math.log1p(1e-7));
    }
    return Math.min(1, Math.exp(logSumExp(logTerms)));
}
/** log Σ exp(terms), scaled by the largest term so that tiny probabilities add up without underflow. */
function logSumExp(terms) {
    if (terms.length === 0)
        return Number.NEGATIVE_INFINITY;
    const largest = Math.max(...terms);
    if (largest === Number.NEGATIVE_INFINITY)
        return largest;
    let sum = 0;
    for (const term of terms)
        sum += Math.exp(term - largest);
    return largest + Math.log(sum);
}
function logChoose(n, k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}
const exactLogFactorials = (() => {
    const table = [0];
    for (let n = 1; n <= 256; n++)
        table.push(table[n - 1] + Math.log(n));
    return table;
})();
/**
 * ln n!: summed exactly up to 256, then Stirling's series, whose first omitted term (1/(1188 n⁹)) is below
 * 1e-24 there, far under the rounding of a double. Summing logs up to n would pile up rounding error and
 * cost O(n) for the hundred-thousand-request tables a canary can produce.
 */
function logFactorial(n) {
    const exact = exactLogFactorials[n];
    if (exact !== undefined)
        return exact;
    const inverse = 1 / n;
    const inverseSquared = inverse * inverse;
    const series = inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared * (1 / 1260 - inverseSquared / 1680)));
    return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + series;
}

;// CONCATENATED MODULE: ./packages/probe/src/canary/analyse.ts
// The decision between two steps of a canary rollout: continue to the next share, abort (roll back), or
// extend the bake once to collect more measurements. Pure: measurements in, a verdict with its reasons out.





const canaryPolicySchema = schemas/* strictObject */.rej({
    /** 1 − the chance of aborting a healthy canary at one step, shared by the step's two tests. */
    confidence: schemas/* number */.aig().gt(0.5).lt(1).default(0.99),
    /** Requests and latencies per side before the tests may run; below it the verdict is extend. */
    minSamples: schemas/* number */.aig().int().min(MANN_WHITNEY_MIN_SIDE).default(50),
    /** Highest canary error rate (0..1) tolerated whatever the baseline does. */
    maxErrorRate: schemas/* number */.aig().min(0).max(1).default(0.01),
    maxP95Ms: schemas/* number */.aig().positive().default(5000),
    /** A canary slower than the baseline by up to this much is not a regression. */
    latencyMarginMs: schemas/* number */.aig().min(0).default(50),
    /** `errors` or more 5xx answers among `window` consecutive canary requests abort at once. */
    burst: schemas/* strictObject */.rej({
        window: schemas/* number */.aig().int().min(1).default(10),
        errors: schemas/* number */.aig().int().min(1).default(5),
    })
        .refine((burst) => burst.errors <= burst.window, { message: 'burst errors cannot exceed its window' })
        .prefault({}),
    /** How many times a step may be extended for want of samples before too few samples abort. */
    maxExtensions: schemas/* number */.aig().int().min(0).default(1),
});
const defaultCanaryPolicy = canaryPolicySchema.parse({});
/**
 * Decides one step. Rules, in order:
 * 1. Absolute limits on the canary alone abort: its error rate above maxErrorRate (once it has minSamples
 *    requests), its p95 above maxP95Ms (once it has minSamples latencies), or a 5xx burst.
 * 2. Significance against the baseline aborts, each test at alphaPerTest: a canary error rate higher than the
 *    baseline's (when both sides have minSamples requests), canary latencies minus latencyMarginMs greater
 *    than the baseline's by Mann–Whitney (when both sides have minSamples latencies).
 * 3. A test that could not run for want of samples extends the bake, while `extensionsUsed` (how many times
 *    the caller has already extended this step) is below maxExtensions; after that it aborts.
 * 4. Otherwise continue.
 */
function analyseCanary(canary, baseline, policy = defaultCanaryPolicy, extensionsUsed = 0) {
    checkSamples(canary, 'canary');
    checkSamples(baseline, 'baseline');
    // Two tests per step (errors and latency) each at the full alpha would abort a healthy canary up to twice
    // as often as `confidence` promises; Bonferroni's split keeps the chance of any false abort at a step
    // within 1 − confidence whatever the tests' dependence. Across steps the chances still add up.
    const alphaPerTest = (1 - policy.confidence) / 2;
    const verdict = {
        decision: 'continue',
        reasons: [],
        canary: summarise(canary),
        baseline: summarise(baseline),
        alphaPerTest,
        tests: {},
    };
    const { minSamples } = policy;
    const aborts = [];
    const passes = [];
    const canaryStats = verdict.canary;
    if (canary.requests >= minSamples && canaryStats.errorRate > policy.maxErrorRate) {
        aborts.push(`canary error rate ${describeRate(canary)} is above the ${formatPercent(policy.maxErrorRate)} limit`);
    }
    if (canary.latenciesMs.length >= minSamples && canaryStats.p95 > policy.maxP95Ms) {
        aborts.push(`canary p95 ${formatMs(canaryStats.p95)} is above the ${formatMs(policy.maxP95Ms)} limit`);
    }
    const burst = findBurst(canary.statuses, policy.burst.window, policy.burst.errors);
    if (burst) {
        aborts.push(`${burst.errors} server errors (5xx) in ${burst.to - burst.from + 1} consecutive canary requests ` +
            `(requests ${burst.from}–${burst.to}), the burst limit is ${policy.burst.errors} in ${policy.burst.window}`);
    }
    const short = [];
    if (canary.requests >= minSamples && baseline.requests >= minSamples) {
        const test = twoProportionTest(canary.errors, canary.requests, baseline.errors, baseline.requests, 'greater');
        verdict.tests.errors = test;
        const comparison = `canary error rate ${describeRate(canary)} vs baseline ${describeRate(baseline)}`;
        const evidence = `${test.method} p = ${formatP(test.pValue)}`;
        if (test.pValue < alphaPerTest) {
            aborts.push(`${comparison} is significantly higher, ${evidence} < ${formatP(alphaPerTest)}`);
        }
        else
            passes.push(`${comparison} is not significantly higher, ${evidence} ≥ ${formatP(alphaPerTest)}`);
    }
    else {
        short.push(`requests: canary ${canary.requests}, baseline ${baseline.requests}`);
    }
    if (canary.latenciesMs.length >= minSamples && baseline.latenciesMs.length >= minSamples) {
        const marginMs = policy.latencyMarginMs;
        // Shifting the canary down by the margin turns "slower by more than the margin" into a plain
        // one-sided question about the shifted samples, which the rank test answers directly.
        const shifted = canary.latenciesMs.map((ms) => ms - marginMs);
        const test = mannWhitneyU(shifted, baseline.latenciesMs, 'greater');
        verdict.tests.latency = { ...test, marginMs };
        const b = verdict.baseline;
        const comparison = `canary p50 ${formatMs(canaryStats.p50)} vs baseline ${formatMs(b.p50)}, ` +
            `p95 ${formatMs(canaryStats.p95)} vs ${formatMs(b.p95)}`;
        const evidence = `Mann–Whitney p = ${formatP(test.pValue)}`;
        const margin = `the ${formatMs(marginMs)} margin`;
        if (test.pValue < alphaPerTest) {
            aborts.push(`canary latency is significantly above baseline beyond ${margin}: ${comparison}, ${evidence} < ${formatP(alphaPerTest)}`);
        }
        else {
            passes.push(`canary latency is not significantly above baseline beyond ${margin}: ${comparison}, ${evidence} ≥ ${formatP(alphaPerTest)}`);
        }
    }
    else {
        short.push(`latencies: canary ${canary.latenciesMs.length}, baseline ${baseline.latenciesMs.length}`);
    }
    if (aborts.length > 0)
        return { ...verdict, decision: 'abort', reasons: aborts };
    if (short.length > 0) {
        const counts = `${short.join('; ')} (${minSamples} per side needed)`;
        if (extensionsUsed < policy.maxExtensions) {
            return {
                ...verdict,
                decision: 'extend',
                reasons: [
                    `too few samples to decide, extension ${extensionsUsed + 1} of ${policy.maxExtensions}: ${counts}`,
                ],
            };
        }
        return {
            ...verdict,
            decision: 'abort',
            reasons: [
                `still too few samples to decide after ${extensionsUsed} extension${extensionsUsed === 1 ? '' : 's'}: ${counts}`,
            ],
        };
    }
    return { ...verdict, decision: 'continue', reasons: passes };
}
function checkSamples(samples, side) {
    const { requests, errors } = samples;
    if (!Number.isInteger(requests) || !Number.isInteger(errors) || errors < 0 || errors > requests) {
        throw new RangeError(`${side}: ${errors} errors of ${requests} requests is not a count`);
    }
}
function summarise(samples) {
    const summary = {
        requests: samples.requests,
        errors: samples.errors,
        errorRate: samples.requests === 0 ? 0 : samples.errors / samples.requests,
        latencySamples: samples.latenciesMs.length,
    };
    const latency = stats_latencyStats(samples.latenciesMs);
    if (latency)
        Object.assign(summary, { p50: latency.p50, p95: latency.p95, mean: latency.mean });
    return summary;
}
/** The first run of at most `window` consecutive statuses holding `errors` 5xx answers, 1-based. */
function findBurst(statuses, window, errors) {
    const isServerError = (status) => status !== undefined && status >= 500 && status <= 599;
    let inWindow = 0;
    for (let end = 0; end < statuses.length; end++) {
        if (isServerError(statuses[end]))
            inWindow++;
        if (end >= window && isServerError(statuses[end - window]))
            inWindow--;
        if (inWindow >= errors && isServerError(statuses[end])) {
            let from = Math.max(0, end - window + 1);
            while (!isServerError(statuses[from]))
                from++;
            return { from: from + 1, to: end + 1, errors: inWindow };
        }
    }
    return undefined;
}
function describeRate(samples) {
    const rate = samples.requests === 0 ? 0 : samples.errors / samples.requests;
    return `${formatPercent(rate)} (${samples.errors} of ${samples.requests})`;
}
function formatPercent(rate) {
    const percent = rate * 100;
    return `${Number(percent.toPrecision(percent < 1 ? 2 : 3))}%`;
}
/** Two significant digits; scientific notation below 0.0001 so a tiny p does not print as 0.000. */
function formatP(p) {
    if (p === 0)
        return '0 (below double precision)';
    return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./packages/fly/src/token.ts
var src_token = __webpack_require__(4496);
;// CONCATENATED MODULE: ./packages/kit/src/timing.ts
// Waiting, for the HTTP clients (Fly, Prometheus) and the samplers: a pause that an abort ends with the abort's
// own reason (node:timers/promises rejects with a generic AbortError instead), and the Retry-After header.
/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
function timing_sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date; undefined when unreadable. */
function parseRetryAfterMs(value, now = Date.now()) {
    const trimmed = value?.trim();
    if (!trimmed)
        return undefined;
    if (/^\d+(?:\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

;// CONCATENATED MODULE: ./packages/probe/src/canary/prometheus-api.ts
// The Prometheus HTTP query API (`GET /api/v1/query`), as Prometheus, Fly's managed Prometheus
// (VictoriaMetrics) and the other compatible stores serve it: one instant query, retried where that is
// safe, its envelope checked, its values read as numbers.




/** A query that did not give a usable answer: refused (with Prometheus's own error text), or no answer. */
class PrometheusError extends Error {
    status;
    errorType;
    constructor(message, 
    /** The HTTP status; 0 when no answer came. */
    status, 
    /** Prometheus's `errorType` (`bad_data`, `execution`, `timeout`…), when it sent one. */
    errorType) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.name = 'PrometheusError';
    }
}
// Loose on purpose: VictoriaMetrics and Prometheus versions add fields (stats, infos) the checks do not read.
const sampleSchema = schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* string */.YjP()]);
const envelopeSchema = schemas/* looseObject */._H3({
    status: schemas/* enum */.k5n(['success', 'error']),
    data: schemas/* looseObject */._H3({ resultType: schemas/* string */.YjP(), result: schemas/* unknown */.L5J() }).optional(),
    errorType: schemas/* string */.YjP().optional(),
    error: schemas/* string */.YjP().optional(),
    warnings: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    infos: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
});
const vectorSchema = schemas/* array */.YOg(schemas/* looseObject */._H3({
    metric: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional(),
    value: sampleSchema.optional(),
    histogram: schemas/* unknown */.L5J().optional(),
}));
const maxBodyBytes = 8 * 1024 * 1024;
const maxDelayMs = 10_000;
const retryableStatuses = new Set([429, 500, 502, 503, 504]);
/** Runs one instant query. Throws a `PrometheusError` whose message names the server, never the token. */
async function queryPrometheus(options) {
    const endpoint = queryEndpoint(options.url);
    const where = `Prometheus at ${endpoint.origin}${endpoint.pathname.replace(/\/api\/v1\/query$/, '')}`;
    const hide = secretHider(options.token);
    const search = new URLSearchParams({ query: options.query });
    if (options.time)
        search.set('time', (options.time.getTime() / 1000).toFixed(3));
    const headers = { accept: 'application/json', 'user-agent': 'shipgate' };
    if (options.token?.trim())
        headers.authorization = prometheusAuthorization(options.token);
    const attempts = Math.max(1, Math.floor(options.attempts ?? 4));
    const timeoutMs = options.timeoutMs ?? 10_000;
    let pauseMs = options.retryDelayMs ?? 500;
    for (let attempt = 1;; attempt++) {
        options.signal?.throwIfAborted();
        const sent = await send(`${endpoint.href}?${search}`, headers, timeoutMs, options.signal, where);
        const last = attempt >= attempts;
        let askedMs;
        if ('failure' in sent) {
            if (last)
                throw new PrometheusError(hide(`${sent.failure} (${tries(attempt)})`), 0);
        }
        else {
            const { status, text, retryAfter } = sent;
            const envelope = parseEnvelope(text);
            if (status >= 200 && status <= 299 && envelope?.status === 'success') {
                return readResult(envelope, where, hide);
            }
            if (!retryableStatuses.has(status) || last) {
                const after = retryableStatuses.has(status) ? ` (${tries(attempt)})` : '';
                throw new PrometheusError(hide(`${where} answered ${status}${describeRefusal(envelope, text)}${after}`), status, envelope?.errorType);
            }
            askedMs = parseRetryAfterMs(retryAfter);
        }
        // A GET changes nothing, so any retry is safe; Retry-After, when sent, is the pause asked for.
        const jittered = Math.round(pauseMs * (0.5 + Math.random() / 2));
        await timing_sleep(Math.min(maxDelayMs, askedMs ?? jittered), options.signal);
        pauseMs = Math.min(maxDelayMs, pauseMs * 2);
    }
}
/**
 * Fly's rule (`FlyV1 …` for Fly macaroons, `Bearer …` for anything else, as fly-go decides), except that a
 * token given with its scheme word keeps it: Fly's metrics docs show `Bearer`, so a team can choose.
 */
function prometheusAuthorization(token) {
    const trimmed = token.trim();
    if (/^(?:bearer|flyv1)\s+\S/i.test(trimmed)) {
        const [scheme = '', ...rest] = trimmed.split(/\s+/);
        return `${scheme.toLowerCase() === 'flyv1' ? 'FlyV1' : 'Bearer'} ${rest.join(' ')}`;
    }
    return (0,src_token/* authorizationHeader */.bc)(trimmed);
}
function tries(count) {
    return count === 1 ? '1 try' : `${count} tries`;
}
function queryEndpoint(url) {
    let endpoint;
    try {
        endpoint = new URL(url);
    }
    catch {
        throw new PrometheusError(`the Prometheus URL is not an absolute URL: ${url}`, 0);
    }
    if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
        throw new PrometheusError(`the Prometheus URL must be http or https, got ${endpoint.protocol}`, 0);
    }
    if (endpoint.username || endpoint.password) {
        throw new PrometheusError('the Prometheus URL must not carry credentials: pass a token instead', 0);
    }
    // The base may be given with or without the API's own path.
    const base = endpoint.pathname.replace(/\/+$/, '').replace(/\/api\/v1(?:\/query)?$/, '');
    endpoint.pathname = `${base}/api/v1/query`;
    endpoint.search = '';
    endpoint.hash = '';
    return endpoint;
}
async function send(url, headers, timeoutMs, callerSignal, where) {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const signal = callerSignal ? AbortSignal.any([deadline.signal, callerSignal]) : deadline.signal;
    try {
        const response = await (0,undici/* request */.Em)(url, { method: 'GET', headers, signal });
        const chunks = [];
        let bytes = 0;
        for await (const chunk of response.body) {
            bytes += chunk.length;
            if (bytes > maxBodyBytes) {
                response.body.destroy();
                return { failure: `${where} sent more than ${maxBodyBytes / 1024 / 1024} MB` };
            }
            chunks.push(chunk);
        }
        const retryAfter = response.headers['retry-after'];
        return {
            status: response.statusCode,
            text: Buffer.concat(chunks).toString('utf8'),
            ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
        };
    }
    catch (thrown) {
        if (callerSignal?.aborted)
            throw callerSignal.reason;
        if (deadline.signal.aborted)
            return { failure: `no answer from ${where} within ${timeoutMs} ms` };
        return { failure: `no answer from ${where}: ${describeNetworkFailure(thrown)}` };
    }
    finally {
        clearTimeout(timer);
    }
}
/** `ECONNREFUSED`, or undici's words with its code: `other side closed (UND_ERR_SOCKET)`. */
function describeNetworkFailure(thrown) {
    let error = thrown;
    const outer = error;
    for (let depth = 0; error && depth < 5; depth++) {
        if (typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code))
            return error.code;
        error = error.cause;
    }
    const message = typeof outer?.message === 'string' && outer.message ? outer.message : String(thrown);
    return typeof outer?.code === 'string' ? `${message} (${outer.code})` : message;
}
function parseEnvelope(text) {
    try {
        const parsed = envelopeSchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
    }
    catch {
        return undefined;
    }
}
/** `: bad_data: 1:5: parse error…`, Prometheus's own words; else the start of whatever body came. */
function describeRefusal(envelope, text) {
    if (envelope?.error)
        return `: ${envelope.errorType ? `${envelope.errorType}: ` : ''}${envelope.error}`;
    const words = text.replace(/\s+/g, ' ').trim();
    if (!words)
        return '';
    return `: ${words.length > 300 ? `${words.slice(0, 300)}…` : words}`;
}
function readResult(envelope, where, hide) {
    const warnings = [...(envelope.warnings ?? []), ...(envelope.infos ?? [])];
    const data = envelope.data;
    const unreadable = (what) => new PrometheusError(hide(`${where} sent ${what}`), 200);
    if (!data)
        throw unreadable('a success without data');
    if (data.resultType === 'scalar') {
        const sample = sampleSchema.safeParse(data.result);
        if (!sample.success)
            throw unreadable('a scalar that is not [time, "value"]');
        return { resultType: 'scalar', series: [{ labels: {}, value: parseValue(sample.data[1]) }], warnings };
    }
    if (data.resultType === 'vector') {
        const vector = vectorSchema.safeParse(data.result);
        if (!vector.success)
            throw unreadable('a vector that is not a list of {metric, value}');
        const series = vector.data.map((entry) => {
            if (!entry.value) {
                throw new PrometheusError('the query returns native histograms; wrap it in histogram_quantile() or histogram_count()', 200);
            }
            return { labels: entry.metric ?? {}, value: parseValue(entry.value[1]) };
        });
        return { resultType: 'vector', series, warnings };
    }
    if (data.resultType === 'matrix') {
        throw new PrometheusError('the query returns a range vector; a check needs one value per series, e.g. rate(x[5m]) rather than x[5m]', 200);
    }
    throw new PrometheusError(`the query returns a ${data.resultType}; a check needs a number`, 200);
}
/** Prometheus writes special values as `NaN`, `+Inf` and `-Inf`, which `Number()` does not read. */
function parseValue(text) {
    if (text === '+Inf' || text === 'Inf')
        return Number.POSITIVE_INFINITY;
    if (text === '-Inf')
        return Number.NEGATIVE_INFINITY;
    return text.trim() === '' ? Number.NaN : Number(text);
}
/** Replaces the token, and each comma-joined piece of it, wherever a message would carry it. */
function secretHider(token) {
    const bare = token?.trim().replace(/^(?:bearer|flyv1)\s+/i, '');
    if (!bare)
        return (text) => text;
    const pieces = [bare, ...bare.split(',').map((part) => part.trim())]
        .filter((piece) => piece.length >= 4)
        .sort((a, b) => b.length - a.length);
    return (text) => pieces.reduce((hidden, piece) => hidden.split(piece).join('***'), text);
}

;// CONCATENATED MODULE: ./packages/probe/src/canary/prometheus.ts
// Prometheus as a second source of the canary analysis: PromQL checks with thresholds, written as Argo
// Rollouts and Flagger users write them, rendered for one step's machines, run against the HTTP query API,
// and turned into a verdict the step's probe verdict is combined with.




const prometheusTemplateNames = ['app', 'canary', 'baseline', 'interval'];
const templatePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;
const prometheus_checkSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP({ error: 'name must be a string' })
        .trim()
        .min(1, 'name must not be empty')
        .regex(/^[^\r\n]*$/, 'name must be one line'),
    query: schemas/* string */.YjP({ error: 'query must be a string (PromQL)' }).trim().min(1, 'query must not be empty'),
    max: schemas/* number */.aig({ error: 'max must be a number' }).finite('max must be finite').optional(),
    min: schemas/* number */.aig({ error: 'min must be a number' }).finite('min must be finite').optional(),
})
    .superRefine((check, context) => {
    if (check.max === undefined && check.min === undefined) {
        context.addIssue({ code: 'custom', message: 'needs max or min' });
    }
    if (check.max !== undefined && check.min !== undefined && check.min > check.max) {
        context.addIssue({ code: 'custom', message: `min ${check.min} is above max ${check.max}` });
    }
    const unknown = unknownTemplateNames(check.query);
    if (unknown.length > 0) {
        context.addIssue({
            code: 'custom',
            path: ['query'],
            message: `unknown template variable ${unknown.map((name) => `{{${name}}}`).join(', ')} (known: ${knownList()})`,
        });
    }
});
const prometheusCheckSchema = (/* unused pure expression or super */ null && (prometheus_checkSchema));
/**
 * Reads the checks of the `prometheus-queries` input (YAML: a list of `{name, query, max?, min?}`).
 * Throws an `InputError` of one line naming the entry: `prometheus-queries[1] (error-rate): needs max or min`.
 */
function parsePrometheusChecks(text, input = 'prometheus-queries') {
    const fail = (message) => new src/* InputError */.dz(input, message.replace(/\s*\r?\n\s*/g, ' '));
    const document = (0,dist/* parseDocument */.Tp)(text, { prettyErrors: false, uniqueKeys: true });
    const syntaxError = document.errors[0];
    if (syntaxError) {
        throw fail(`${input}: invalid YAML: ${syntaxError.message.split('\n')[0] ?? 'unreadable'}`);
    }
    const list = document.contents;
    if (!(0,dist/* isSeq */.oP)(list)) {
        throw fail(`${input}: expected a YAML list of checks, each with name, query and max and/or min`);
    }
    const entries = document.toJS() ?? [];
    if (entries.length === 0)
        throw fail(`${input}: the list has no check`);
    const checks = [];
    const seen = new Map();
    entries.forEach((entry, index) => {
        // The entry's name, when it has one, even if the entry is wrong elsewhere: people find it by name.
        const node = list.items[index];
        const givenName = (0,dist/* isMap */.jh)(node) && typeof node.get('name') === 'string' ? String(node.get('name')).trim() : '';
        const where = `${input}[${index}]${givenName ? ` (${givenName})` : ''}`;
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
            throw fail(`${where}: expected a mapping with name, query and max and/or min`);
        }
        const parsed = prometheus_checkSchema.safeParse(entry);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const message = issue.code === 'unrecognized_keys'
                ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (allowed: name, query, max, min)`
                : issue.path.length > 0 && !issue.message.startsWith(String(issue.path[0]))
                    ? `${issue.path.join('.')}: ${issue.message}`
                    : issue.message;
            throw fail(`${where}: ${message}`);
        }
        const earlier = seen.get(parsed.data.name);
        if (earlier !== undefined)
            throw fail(`${where}: the name is already used by ${input}[${earlier}]`);
        seen.set(parsed.data.name, index);
        checks.push(parsed.data);
    });
    return checks;
}
/** The query with its `{{…}}` replaced; an unknown name, or a side without machines, throws. */
function renderPrometheusQuery(query, vars) {
    const unknown = unknownTemplateNames(query);
    if (unknown.length > 0) {
        throw new Error(`unknown template variable {{${unknown[0]}}} (known: ${knownList()})`);
    }
    return query.replace(templatePattern, (_, name) => {
        switch (name) {
            case 'app':
                return stringSafe(vars.app, 'the app name');
            case 'canary':
            case 'baseline':
                return machineRegex(vars[name], name);
            case 'interval':
                return promqlDuration(vars.intervalMs);
        }
    });
}
/** A PromQL range duration covering `ms`: whole seconds, rounded up, in minutes or hours when exact. */
function promqlDuration(ms) {
    if (!Number.isFinite(ms) || ms <= 0)
        throw new RangeError(`{{interval}} needs a bake above 0 ms, got ${ms}`);
    const seconds = Math.ceil(ms / 1000);
    if (seconds % 3600 === 0)
        return `${seconds / 3600}h`;
    if (seconds % 60 === 0)
        return `${seconds / 60}m`;
    return `${seconds}s`;
}
function unknownTemplateNames(query) {
    const names = [...query.matchAll(templatePattern)].map((match) => match[1]);
    return [...new Set(names.filter((name) => !prometheusTemplateNames.includes(name)))];
}
function knownList() {
    return prometheusTemplateNames.map((name) => `{{${name}}}`).join(', ');
}
/**
 * `id1|id2`, each character that is not a letter, digit, `_` or `-` put in a bracket class (`a[.]b`): that
 * escapes it for RE2 without a backslash, so the regex reads the same inside "…", '…' or `…` PromQL strings.
 */
function machineRegex(ids, side) {
    if (ids.length === 0) {
        // `instance=~""` would match every series without an instance label, not "no machine".
        throw new Error(`{{${side}}} stands for no machine: this step has no ${side} machines`);
    }
    return ids
        .map((id) => {
        if (id === '' || /[\\\]^"'`\r\n]/.test(id)) {
            throw new Error(`machine id ${JSON.stringify(id)} cannot be put in a PromQL regex`);
        }
        return id.replace(/[^A-Za-z0-9_-]/g, (character) => `[${character}]`);
    })
        .join('|');
}
function stringSafe(value, what) {
    if (/[\\"'`\r\n]/.test(value))
        throw new Error(`${what} ${JSON.stringify(value)} cannot be put in PromQL`);
    return value;
}
/**
 * Runs each check once, in order. A query Prometheus refuses, or that gets no answer after retries, throws
 * a `PrometheusError` naming the check: the caller should treat that as an abort, not as a pass.
 */
async function evaluatePrometheusChecks(checks, options) {
    const results = [];
    for (const check of checks) {
        let query;
        try {
            query = renderPrometheusQuery(check.query, options.vars);
        }
        catch (error) {
            throw new PrometheusError(`${check.name}: ${error.message}`, 0);
        }
        let answer;
        try {
            answer = await queryPrometheus({ ...options, query });
        }
        catch (error) {
            if (!(error instanceof PrometheusError))
                throw error;
            throw new PrometheusError(`${check.name}: ${error.message}`, error.status, error.errorType);
        }
        results.push({
            ...judge(check, answer.series),
            query,
            ...(answer.warnings.length > 0 ? { warnings: answer.warnings } : {}),
        });
    }
    return results;
}
function judge(check, series) {
    const bounds = {
        ...(check.min !== undefined ? { min: check.min } : {}),
        ...(check.max !== undefined ? { max: check.max } : {}),
    };
    const measured = series.filter((each) => !Number.isNaN(each.value));
    const values = measured.map((each) => each.value);
    const base = { name: check.name, values, ...bounds };
    if (measured.length === 0) {
        const reason = series.length === 0
            ? `${check.name} returned no data (no series matched)`
            : `${check.name} returned only NaN (${series.length} series): nothing was measured in the interval`;
        return { ...base, outcome: 'no-data', reason };
    }
    const several = measured.length > 1;
    const label = (labels) => (several ? ` for ${formatLabels(labels)}` : '');
    // The reason names the worst series: the highest above max, else the lowest below min.
    const highest = measured.reduce((top, each) => (each.value > top.value ? each : top));
    const lowest = measured.reduce((bottom, each) => (each.value < bottom.value ? each : bottom));
    const outside = several ? ` (${measured.length} series measured)` : '';
    if (check.max !== undefined && highest.value > check.max) {
        const value = `${check.name} = ${formatValue(highest.value)}${label(highest.labels)}`;
        return { ...base, outcome: 'fail', reason: `${value} is above max ${check.max}${outside}` };
    }
    if (check.min !== undefined && lowest.value < check.min) {
        const value = `${check.name} = ${formatValue(lowest.value)}${label(lowest.labels)}`;
        return { ...base, outcome: 'fail', reason: `${value} is below min ${check.min}${outside}` };
    }
    const range = check.min !== undefined && check.max !== undefined
        ? `between min ${check.min} and max ${check.max}`
        : check.max !== undefined
            ? `within max ${check.max}`
            : `at least min ${check.min}`;
    const shown = several
        ? `${check.name}: ${measured.length} series from ${formatValue(lowest.value)} to ${formatValue(highest.value)}, all`
        : `${check.name} = ${formatValue(values[0])} is`;
    return { ...base, outcome: 'pass', reason: `${shown} ${range}` };
}
function formatLabels(labels) {
    const pairs = Object.entries(labels)
        .filter(([name]) => name !== '__name__')
        .map(([name, value]) => `${name}="${value}"`);
    return `{${pairs.join(', ')}}`;
}
/** Three significant digits below 1, three decimals above: 0.0312, 12.5, 1234.568; ±Inf as Prometheus writes it. */
function formatValue(value) {
    if (value === Number.POSITIVE_INFINITY)
        return '+Inf';
    if (value === Number.NEGATIVE_INFINITY)
        return '-Inf';
    if (Number.isNaN(value))
        return 'NaN';
    return String(Math.abs(value) < 1 ? Number(value.toPrecision(3)) : Number(value.toFixed(3)));
}
/**
 * The checks' say on a step: any fail aborts; else any no-data extends the bake while `extensionsUsed`
 * (extensions of this step so far) is below `maxExtensions`, then aborts; else continue.
 */
function prometheusVerdict(results, extensionsUsed, maxExtensions) {
    const failed = results.filter((result) => result.outcome === 'fail');
    if (failed.length > 0)
        return { decision: 'abort', reasons: failed.map((result) => result.reason) };
    const empty = results.filter((result) => result.outcome === 'no-data');
    if (empty.length > 0) {
        const reasons = empty.map((result) => result.reason);
        if (extensionsUsed < maxExtensions) {
            return {
                decision: 'extend',
                reasons: [`no data to decide, extension ${extensionsUsed + 1} of ${maxExtensions}`, ...reasons],
            };
        }
        const after = `${extensionsUsed} extension${extensionsUsed === 1 ? '' : 's'}`;
        return { decision: 'abort', reasons: [`still no data to decide after ${after}`, ...reasons] };
    }
    return { decision: 'continue', reasons: results.map((result) => result.reason) };
}

;// CONCATENATED MODULE: ./packages/probe/src/canary/sample.ts
// Measures both sides of a canary step at the same moments: requests alternate canary, baseline, canary…
// through the app's public URL, each pinned to one machine with `fly-force-instance-id`, round-robin over
// that side's machines and the paths. One request per fresh connection (the probe's own HTTP layer), so a
// latency is a cold request's, as in the probe's checks.


const sample_maxBodyBytes = 64 * 1024;
/**
 * Sends `requests` requests to each side and returns what each side answered.
 *
 * Counting: every request counts in `requests`. A response adds its latency and its status (in request
 * order); a 5xx response is also an error. A request that got no response (timeout, refused, reset, DNS…)
 * is an error too, adds no latency, and holds its place in `statuses` with 0 — so the order of the others
 * stays right, but only real 5xx answers feed the burst rule; failures without an answer weigh in through
 * the error rate.
 */
async function sampleCanary(options) {
    const paths = options.paths && options.paths.length > 0 ? options.paths : ['/'];
    if (options.canaryMachines.length === 0)
        throw new Error('sampleCanary needs at least one canary machine');
    if (options.baselineMachines.length === 0) {
        throw new Error('sampleCanary needs at least one baseline machine');
    }
    if (!Number.isInteger(options.requests) || options.requests < 0) {
        throw new Error(`requests must be a whole number ≥ 0, got ${options.requests}`);
    }
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    const timeoutMs = options.timeoutMs ?? 5000;
    const signal = options.signal;
    signal?.throwIfAborted();
    const sides = {
        canary: { machines: options.canaryMachines, results: [] },
        baseline: { machines: options.baselineMachines, results: [] },
    };
    const total = options.requests * 2;
    let next = 0;
    const inFlight = new Set();
    const one = async (position) => {
        const side = position % 2 === 0 ? 'canary' : 'baseline';
        const index = Math.floor(position / 2);
        const { machines, results } = sides[side];
        // Every machine sees every path: machines vary fastest, then paths.
        const machine = machines[index % machines.length];
        const path = paths[Math.floor(index / machines.length) % paths.length];
        const connection = http_openConnection({ timeoutMs, maxBodyBytes: sample_maxBodyBytes });
        const close = () => connection.close();
        inFlight.add(close);
        const started = performance.now();
        let result;
        try {
            const hop = await connection.send({
                url: resolve(options.baseUrl, path),
                method: 'GET',
                headers: { ...options.headers, 'fly-force-instance-id': machine },
            });
            result = {
                side,
                index,
                machine,
                path,
                status: hop.status,
                latencyMs: Math.round((performance.now() - started) * 10) / 10,
                body: hop.body,
            };
        }
        catch (thrown) {
            const fault = thrown;
            result = {
                side,
                index,
                machine,
                path,
                fault: { kind: fault.kind ?? 'protocol', message: fault.message ?? String(thrown) },
            };
        }
        finally {
            inFlight.delete(close);
            await connection.close();
        }
        if (signal?.aborted)
            return;
        results[index] = result;
        options.onResult?.(result);
    };
    const onAbort = () => {
        for (const close of inFlight)
            void close();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
        const workers = Array.from({ length: Math.min(concurrency, total) }, async () => {
            while (next < total && !signal?.aborted)
                await one(next++);
        });
        await Promise.all(workers);
    }
    finally {
        signal?.removeEventListener('abort', onAbort);
    }
    signal?.throwIfAborted();
    return { canary: sample_summarise(sides.canary.results), baseline: sample_summarise(sides.baseline.results) };
}
function sample_summarise(results) {
    const samples = { latenciesMs: [], requests: results.length, errors: 0, statuses: [] };
    for (const result of results) {
        if (result.status === undefined) {
            samples.errors++;
            samples.statuses.push(0);
            continue;
        }
        if (result.latencyMs !== undefined)
            samples.latenciesMs.push(result.latencyMs);
        samples.statuses.push(result.status);
        if (result.status >= 500 && result.status <= 599)
            samples.errors++;
    }
    return samples;
}
/** `https://host/app` with `/health` is https://host/app/health, as the probe's checks resolve paths. */
/**
 * The path below the base URL, joined as text: resolved as a URL, `//other.host/x` would leave the app's
 * origin and take the probe headers with it.
 */
function resolve(baseUrl, path) {
    const base = new URL(baseUrl);
    const prefix = base.pathname.replace(/\/+$/, '');
    return new URL(`${base.origin}${prefix}${path.startsWith('/') ? path : `/${path}`}`).href;
}
/**
 * Samples both sides at a steady rate for `durationMs`: one batch of `ratePerSecond` requests per side
 * each second (a batch slower than a second delays the next, so a slow canary is never flooded).
 */
async function sampleCanaryFor(options) {
    if (!(options.durationMs > 0))
        throw new Error(`durationMs must be positive, got ${options.durationMs}`);
    if (!Number.isInteger(options.ratePerSecond) || options.ratePerSecond < 1) {
        throw new Error(`ratePerSecond must be a whole number ≥ 1, got ${options.ratePerSecond}`);
    }
    const { durationMs, ratePerSecond, stopWhen, continueFrom, ...batchOptions } = options;
    const total = {
        canary: copySamples(continueFrom?.canary),
        baseline: copySamples(continueFrom?.baseline),
    };
    const started = performance.now();
    while (performance.now() - started < durationMs) {
        const batchStarted = performance.now();
        const batch = await sampleCanary({ ...batchOptions, requests: ratePerSecond });
        appendSamples(total.canary, batch.canary);
        appendSamples(total.baseline, batch.baseline);
        if (stopWhen?.(total))
            return { ...total, stoppedEarly: true };
        const left = durationMs - (performance.now() - started);
        const untilNextBatch = 1000 - (performance.now() - batchStarted);
        // The bake lasts its duration; no batch starts in its last fraction of a second.
        const wait = Math.min(left, untilNextBatch);
        if (wait > 0)
            await timing_sleep(wait, options.signal);
        if (left <= untilNextBatch)
            break;
    }
    return { ...total, stoppedEarly: false };
}
/** A copy of `samples` to add to, or empty ones. */
function copySamples(samples) {
    return {
        latenciesMs: [...(samples?.latenciesMs ?? [])],
        requests: samples?.requests ?? 0,
        errors: samples?.errors ?? 0,
        statuses: [...(samples?.statuses ?? [])],
    };
}
/** Adds `more` to `into`, keeping the order of the statuses. */
function appendSamples(into, more) {
    into.latenciesMs.push(...more.latenciesMs);
    into.statuses.push(...more.statuses);
    into.requests += more.requests;
    into.errors += more.errors;
}

;// CONCATENATED MODULE: ./packages/probe/src/canary/index.ts








;// CONCATENATED MODULE: ./packages/canary/src/bake.ts

const order = { continue: 0, extend: 1, abort: 2 };
/**
 * Bakes one step: probes both sides for `bakeMs`, then asks the analysis (and the metrics source). An
 * undecided verdict extends the bake by another `bakeMs`, keeping what was measured, up to the policy's
 * extensions; the analysis itself turns a last undecided verdict into abort.
 */
async function bakeStep(request, log, signal) {
    const { policy, probes } = request;
    const started = performance.now();
    let samples;
    let stoppedEarly = false;
    for (let extensions = 0;; extensions++) {
        const sampled = await sampleCanaryFor({
            baseUrl: probes.appUrl,
            paths: probes.paths,
            canaryMachines: request.canary,
            baselineMachines: request.baseline,
            durationMs: request.bakeMs,
            ratePerSecond: probes.ratePerSecond,
            ...(probes.headers ? { headers: probes.headers } : {}),
            ...(probes.timeoutMs ? { timeoutMs: probes.timeoutMs } : {}),
            ...(probes.concurrency ? { concurrency: probes.concurrency } : {}),
            ...(signal ? { signal } : {}),
            ...(samples ? { continueFrom: samples } : {}),
            // A burst aborts whatever else the bake would show; no need to keep a failing canary in traffic.
            stopWhen: ({ canary }) => findBurst(canary.statuses, policy.burst.window, policy.burst.errors) !== undefined,
        });
        samples = { canary: sampled.canary, baseline: sampled.baseline };
        stoppedEarly = sampled.stoppedEarly;
        const bakedMs = performance.now() - started;
        const verdict = analyseCanary(samples.canary, samples.baseline, policy, extensions);
        const { decision: probeDecision, ...probeRest } = verdict;
        let decision = probeDecision;
        const reasons = [...verdict.reasons];
        let metrics;
        if (request.metrics && !stoppedEarly) {
            const target = {
                app: request.app,
                canary: request.canary,
                baseline: request.baseline,
                intervalMs: bakedMs,
            };
            const read = await request.metrics.evaluate(target, extensions, signal);
            metrics = { source: request.metrics.name, ...read };
            if (order[read.decision] > order[decision])
                decision = read.decision;
            reasons.push(...read.reasons.map((reason) => `${request.metrics.name}: ${reason}`));
        }
        if (decision === 'abort' && verdict.baseline.errorRate > policy.maxErrorRate) {
            reasons.push(`the baseline fails too (${(verdict.baseline.errorRate * 100).toFixed(1)}% errors): the app or its URL may be at fault rather than the new image`);
        }
        if (decision === 'extend' && extensions < policy.maxExtensions) {
            log.info(`undecided after ${Math.round(bakedMs / 1000)} s, baking again: ${reasons.join('; ')}`);
            continue;
        }
        // The metrics source may still say extend after the probes' last extension: too little data is an abort.
        const final = decision === 'continue' ? 'continue' : 'abort';
        return {
            decision: final,
            reasons,
            extensions,
            bakedMs,
            stoppedEarly,
            probes: { ...probeRest, decision: probeDecision },
            ...(metrics ? { metrics } : {}),
        };
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/kit/src/redact.ts
var redact = __webpack_require__(727);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./packages/fly/src/client/errors.ts

/** A Machines API call that failed: an answer over 299, a malformed answer, or no answer at all. */
class FlyApiError extends Error {
    status;
    code;
    requestId;
    method;
    path;
    retryable;
    reason;
    retryAfterMs;
    constructor(facts) {
        super(formatMessage(facts));
        this.name = 'FlyApiError';
        this.status = facts.status;
        this.code = facts.code;
        this.requestId = facts.requestId;
        this.method = facts.method;
        this.path = facts.path;
        this.retryable = facts.retryable;
        this.reason = facts.reason;
        this.retryAfterMs = facts.retryAfterMs;
    }
}
function formatMessage(facts) {
    const status = facts.status === 0 ? '' : `${facts.status} ${external_node_http_.STATUS_CODES[facts.status] ?? ''}`.trim();
    const request = facts.requestId ? ` (request ${facts.requestId})` : '';
    return `Fly API ${facts.method} ${facts.path}: ${status ? `${status}: ` : ''}${facts.reason}${request}`;
}
function isFlyApiError(error) {
    return error instanceof FlyApiError;
}
/** Another holder's lease is in the way (409), or our nonce is missing or stale (412). */
function isLeaseConflict(error) {
    return isFlyApiError(error) && (error.status === 409 || error.status === 412);
}
function isNotFound(error) {
    return isFlyApiError(error) && error.status === 404;
}
const maxReasonLength = 500;
/** The reason in an error body: `message`, else `error`, else the raw text (trimmed, capped). */
function reasonFromBody(text) {
    const trimmed = text.trim();
    const parsed = parseJsonObject(trimmed);
    if (parsed) {
        const code = typeof parsed.status === 'string' ? parsed.status : undefined;
        const words = [parsed.message, parsed.error].find((value) => typeof value === 'string' && value.trim() !== '');
        if (words)
            return { reason: cap(words.trim()), ...(code ? { code } : {}) };
        return { reason: cap(trimmed), ...(code ? { code } : {}) };
    }
    return { reason: trimmed ? cap(trimmed) : 'no error text in the answer' };
}
function parseJsonObject(text) {
    if (!text.startsWith('{'))
        return undefined;
    try {
        const value = JSON.parse(text);
        return value && typeof value === 'object' && !Array.isArray(value)
            ? value
            : undefined;
    }
    catch {
        return undefined;
    }
}
function cap(text) {
    const oneLine = text.replace(/\s+/g, ' ');
    return oneLine.length > maxReasonLength ? `${oneLine.slice(0, maxReasonLength)}…` : oneLine;
}
/** The innermost error that carries a code (undici wraps the socket's error). */
function innermostCode(thrown) {
    let error = thrown;
    for (let depth = 0; depth < 5 && error && typeof error === 'object'; depth++) {
        const candidate = error;
        if (candidate.code && candidate.code !== 'UND_ERR_ABORTED')
            return candidate;
        error = candidate.cause;
    }
    return { message: thrown instanceof Error ? thrown.message : String(thrown) };
}
const errors_dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const timeoutCodes = new Set([
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
]);
/** A thrown request error as a kind and one plain sentence. */
function errors_describeNetworkFailure(thrown, host) {
    const error = innermostCode(thrown);
    const code = error.code ?? '';
    if (code === 'ECONNREFUSED')
        return { kind: 'refused', reason: `connection refused by ${host} (${code})` };
    if (resetCodes.has(code))
        return { kind: 'reset', reason: `${host} closed the connection (${code})` };
    if (timeoutCodes.has(code))
        return { kind: 'timeout', reason: `timed out talking to ${host} (${code})` };
    if (errors_dnsCodes.has(code) || error.syscall === 'getaddrinfo') {
        return { kind: 'dns', reason: `DNS lookup failed for ${host} (${code || 'getaddrinfo'})` };
    }
    const message = error.message ?? 'unknown error';
    return { kind: 'network', reason: `request to ${host} failed: ${message}${code ? ` (${code})` : ''}` };
}

;// CONCATENATED MODULE: ./packages/fly/src/client/retry.ts

const defaultRetryOptions = { attempts: 5, baseDelayMs: 250, maxDelayMs: 10_000 };
/**
 * Whether the same call may be sent again. 429 and a refused connection mean the request was never
 * processed, so every call may repeat them; 408 only a GET; 5xx, resets and timeouts only an idempotent
 * call, because the first send may have done its work before the answer was lost.
 */
function isRetryable(outcome, call) {
    if (outcome.status === 429)
        return true;
    if (outcome.status === 408)
        return call.method === 'GET';
    if (outcome.status >= 500)
        return call.safety === 'idempotent';
    if (outcome.status !== 0)
        return false;
    if (outcome.failure === 'refused')
        return true;
    return (outcome.failure === 'reset' || outcome.failure === 'timeout') && call.safety === 'idempotent';
}
/**
 * The pause before retry number `attempt` (1 for the first retry): `Retry-After` when the answer has one,
 * else exponential backoff with jitter (half fixed, half random); never more than `maxDelayMs`.
 */
function retryDelayMs(attempt, options, retryAfter, now = Date.now(), random = Math.random) {
    const asked = parseRetryAfterMs(retryAfter, now);
    if (asked !== undefined)
        return Math.min(asked, options.maxDelayMs);
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

;// CONCATENATED MODULE: ./packages/fly/src/client/schemas.ts
// The Machines API's answers, checked for what the deploy engine relies on and kept whole otherwise:
// loose objects pass unknown fields through, because an update sends the config back as it came.

const machineEvent = schemas/* looseObject */._H3({
    type: schemas/* string */.YjP(),
    timestamp: schemas/* number */.aig(),
});
const checkStatus = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP(),
    status: schemas/* string */.YjP(),
});
const machineConfig = schemas/* looseObject */._H3({ image: schemas/* string */.YjP() });
const machineSchema = schemas/* looseObject */._H3({
    id: schemas/* string */.YjP(),
    state: schemas/* string */.YjP(),
    region: schemas/* string */.YjP(),
    config: machineConfig.optional(),
    incomplete_config: schemas/* looseObject */._H3({}).nullish(),
    events: schemas/* array */.YOg(machineEvent).nullish(),
    checks: schemas/* array */.YOg(checkStatus).nullish(),
    nonce: schemas/* string */.YjP().optional(),
});
const machineListSchema = schemas/* array */.YOg(machineSchema);
const appSchema = schemas/* looseObject */._H3({ name: schemas/* string */.YjP() });
const machineVersionListSchema = schemas/* array */.YOg(schemas/* looseObject */._H3({ version: schemas/* string */.YjP(), user_config: machineConfig }));
const leaseDataSchema = schemas/* looseObject */._H3({
    nonce: schemas/* string */.YjP().min(1),
    expires_at: schemas/* number */.aig(),
    owner: schemas/* string */.YjP().optional(),
    description: schemas/* string */.YjP().optional(),
});
/** Any object: fly-go's envelope (`status`, `data`) or the old OpenAPI's bare lease; the client tells them apart. */
const leaseAnswerSchema = schemas/* looseObject */._H3({
    status: schemas/* string */.YjP().optional(),
    message: schemas/* string */.YjP().optional(),
});
const metadataSchema = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP());
const appSecret = schemas/* looseObject */._H3({ name: schemas/* string */.YjP() });
/** `{secrets: [...]}` as fly-go decodes it; a bare list is taken too. */
const secretListSchema = schemas/* union */.KCZ([
    schemas/* looseObject */._H3({ secrets: schemas/* array */.YOg(appSecret).nullable() }),
    schemas/* array */.YOg(appSecret),
]);
const secretsVersionSchema = schemas/* looseObject */._H3({
    version: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP().regex(/^\d+$/).transform(Number)]),
});

;// CONCATENATED MODULE: ./packages/fly/src/client/client.ts







const waitMarginMs = 10_000;
const maxWaitSeconds = 60;
class FlyClient {
    #authorization;
    /** The token in every form, never to show in a message, even when an answer echoes it encoded. */
    #redactor = new redact/* Redactor */.pO();
    #origin;
    #host;
    #prefix;
    #timeoutMs;
    #retry;
    #log;
    #userAgent;
    #dispatcher;
    #ownAgent;
    #onCall;
    #waitRetryDelayMs;
    constructor(options) {
        this.#authorization = (0,src_token/* authorizationHeader */.bc)(options.token);
        this.#redactor.add(options.token);
        this.#redactor.add(this.#authorization);
        const base = new URL(options.baseUrl ?? 'https://api.machines.dev');
        this.#origin = base.origin;
        this.#host = base.host;
        const basePath = base.pathname.replace(/\/+$/, '');
        this.#prefix = basePath.endsWith('/v1') ? basePath : `${basePath}/v1`;
        this.#timeoutMs = options.timeoutMs ?? 30_000;
        this.#retry = { ...defaultRetryOptions, ...options.retry };
        this.#log = options.log;
        this.#userAgent = options.userAgent ?? 'shipgate';
        this.#onCall = options.onCall;
        this.#waitRetryDelayMs = options.waitRetryDelayMs ?? { min: 500, max: 2000 };
        if (options.dispatcher) {
            this.#dispatcher = options.dispatcher;
        }
        else {
            // One pool for every call: a deploy leases and polls many machines at once over the same origin.
            this.#ownAgent = new undici/* Agent */.g6({
                connections: 32,
                keepAliveTimeout: 30_000,
                keepAliveMaxTimeout: 120_000,
                // Our own per-call deadline comes first; these are backstops above the longest wait.
                headersTimeout: Math.max(this.#timeoutMs, maxWaitSeconds * 1000 + waitMarginMs) + 5000,
                bodyTimeout: Math.max(this.#timeoutMs, maxWaitSeconds * 1000 + waitMarginMs) + 5000,
            });
            this.#dispatcher = this.#ownAgent;
        }
    }
    async close() {
        await this.#ownAgent?.close();
    }
    // Apps
    async getApp(app) {
        const path = `/apps/${segment(app)}`;
        const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
        return this.#parse(answer, path, 'GET', appSchema, 'an app');
    }
    async createApp(input) {
        const path = '/apps';
        const body = {
            name: input.name,
            org_slug: input.org,
            ...(input.network ? { network: input.network } : {}),
        };
        const answer = await this.#call({
            method: 'POST',
            path,
            query: [['wait', 'true']],
            body,
            safety: 'once',
        });
        // The old spec answers 201 with no body; fly-go decodes an App.
        if (!answer.text.trim())
            return { name: input.name, organization: { slug: input.org } };
        return this.#parse(answer, path, 'POST', appSchema, 'an app');
    }
    // Machines
    async listMachines(app, options = {}) {
        const path = `/apps/${segment(app)}/machines`;
        const query = [];
        if (options.region)
            query.push(['region', options.region]);
        if (options.includeDeleted)
            query.push(['include_deleted', 'true']);
        const answer = await this.#call({ method: 'GET', path, query, safety: 'idempotent' });
        const machines = this.#parse(answer, path, 'GET', machineListSchema, 'a list of machines');
        return machines.map(asMachine);
    }
    async getMachine(app, id) {
        const path = machinePath(app, id);
        const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
        return asMachine(this.#parse(answer, path, 'GET', machineSchema, 'a machine'));
    }
    async createMachine(app, input) {
        const path = `/apps/${segment(app)}/machines`;
        const answer = await this.#call({ method: 'POST', path, body: input, safety: 'once' });
        return asMachine(this.#parse(answer, path, 'POST', machineSchema, 'a machine'));
    }
    async updateMachine(app, id, input, options = {}) {
        const path = machinePath(app, id);
        const answer = await this.#call({
            method: 'POST',
            path,
            body: input,
            nonce: options.nonce,
            safety: 'idempotent',
        });
        return asMachine(this.#parse(answer, path, 'POST', machineSchema, 'a machine'));
    }
    async destroyMachine(app, id, options = {}) {
        // fly-go sends `kill`, Fly's docs say `force`; which one the server honours is unsure, so both.
        const query = options.force
            ? [
                ['kill', 'true'],
                ['force', 'true'],
            ]
            : [];
        await this.#call({
            method: 'DELETE',
            path: machinePath(app, id),
            query,
            nonce: options.nonce,
            safety: 'idempotent',
        });
    }
    async startMachine(app, id, options = {}) {
        await this.#machineAction(app, id, 'start', options.nonce, 'once');
    }
    async stopMachine(app, id, options = {}) {
        const body = options.signal || options.timeout
            ? {
                ...(options.signal ? { signal: options.signal } : {}),
                ...(options.timeout ? { timeout: options.timeout } : {}),
            }
            : undefined;
        await this.#call({
            method: 'POST',
            path: `${machinePath(app, id)}/stop`,
            body,
            nonce: options.nonce,
            safety: 'once',
        });
    }
    async restartMachine(app, id, options = {}) {
        await this.#machineAction(app, id, 'restart', options.nonce, 'once');
    }
    async cordonMachine(app, id, options = {}) {
        await this.#machineAction(app, id, 'cordon', options.nonce, 'idempotent');
    }
    async uncordonMachine(app, id, options = {}) {
        await this.#machineAction(app, id, 'uncordon', options.nonce, 'idempotent');
    }
    async listVersions(app, id) {
        const path = `${machinePath(app, id)}/versions`;
        const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
        return this.#parse(answer, path, 'GET', machineVersionListSchema, 'a list of versions');
    }
    // Waiting
    async waitOnce(app, id, options) {
        await this.#wait(app, id, options, {});
    }
    async waitForState(app, id, options) {
        const started = Date.now();
        const { min, max } = this.#waitRetryDelayMs;
        let pause = min;
        let notFoundTries = 0;
        while (Date.now() < options.deadline) {
            options.signal?.throwIfAborted();
            const timeoutSeconds = Math.ceil((options.deadline - Date.now()) / 1000);
            try {
                await this.#wait(app, id, { ...options, timeoutSeconds }, { attempts: 1, signal: options.signal });
                return;
            }
            catch (error) {
                if (!(error instanceof FlyApiError))
                    throw error;
                let delay = pause;
                if (error.status === 404) {
                    if (options.states.includes('destroyed'))
                        return;
                    // Right after a create the machine may not be visible yet; a little patience, not much.
                    if (++notFoundTries > 2)
                        throw error;
                }
                else if (error.status === 429) {
                    delay = Math.max(pause, Math.min(error.retryAfterMs ?? 0, this.#retry.maxDelayMs));
                }
                else if (!(error.status === 408 || error.status >= 500 || error.status === 0)) {
                    // 400 ("failed to reach desired state"), 401, 403, lease errors: waiting longer will not help.
                    throw error;
                }
                this.#log?.debug(`fly: waiting again for machine ${id} after: ${error.reason}`);
                const left = options.deadline - Date.now();
                if (left <= 0)
                    break;
                await timing_sleep(Math.min(delay, left), options.signal);
                pause = Math.min(max, pause * 2);
            }
        }
        const seconds = Math.round((options.deadline - started) / 1000);
        const state = await this.getMachine(app, id).then((machine) => machine.state, () => 'unknown');
        throw new Error(`timed out after ${seconds}s waiting for machine ${id} to be ${options.states.join(' or ')} (it is ${state})`);
    }
    async #wait(app, id, options, overrides) {
        const timeout = Math.min(maxWaitSeconds, Math.max(1, Math.ceil(options.timeoutSeconds)));
        const states = options.states.length > 0 ? options.states : ['started'];
        const query = states.map((state) => ['state', state]);
        query.push(['timeout', String(timeout)]);
        if (options.version)
            query.push(['version', options.version]);
        await this.#call({
            method: 'GET',
            path: `${machinePath(app, id)}/wait`,
            query,
            safety: 'idempotent',
            timeoutMs: timeout * 1000 + waitMarginMs,
            retryOn408: false,
            ...overrides,
        });
    }
    // Leases
    async acquireLease(app, id, options) {
        const path = `${machinePath(app, id)}/lease`;
        // fly-go puts ttl in the query and sends no body; the OpenAPI spec describes a body. Both.
        const body = {
            ttl: options.ttlSeconds,
            ...(options.description ? { description: options.description } : {}),
        };
        const answer = await this.#call({
            method: 'POST',
            path,
            query: [['ttl', String(options.ttlSeconds)]],
            body,
            safety: 'once',
        });
        return this.#parseLease(answer, path);
    }
    async refreshLease(app, id, options) {
        const path = `${machinePath(app, id)}/lease`;
        const answer = await this.#call({
            method: 'POST',
            path,
            query: [['ttl', String(options.ttlSeconds)]],
            body: { ttl: options.ttlSeconds },
            nonce: options.nonce,
            safety: 'idempotent',
        });
        const lease = this.#parseLease(answer, path);
        if (lease.nonce !== options.nonce) {
            throw this.#invalidAnswer(answer, 'POST', path, 'the refreshed lease has a different nonce', 'lease_changed');
        }
        return lease;
    }
    async releaseLease(app, id, nonce) {
        try {
            await this.#call({
                method: 'DELETE',
                path: `${machinePath(app, id)}/lease`,
                nonce,
                safety: 'idempotent',
            });
        }
        catch (error) {
            if (error instanceof FlyApiError && error.status === 404)
                return;
            throw error;
        }
    }
    // Metadata
    async getMetadata(app, id) {
        const path = `${machinePath(app, id)}/metadata`;
        const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
        if (!answer.text.trim())
            return {};
        return this.#parse(answer, path, 'GET', metadataSchema, 'metadata');
    }
    async setMetadata(app, id, key, value, options = {}) {
        await this.#call({
            method: 'POST',
            path: `${machinePath(app, id)}/metadata/${segment(key)}`,
            body: { value },
            nonce: options.nonce,
            safety: 'idempotent',
        });
    }
    async deleteMetadata(app, id, key, options = {}) {
        await this.#call({
            method: 'DELETE',
            path: `${machinePath(app, id)}/metadata/${segment(key)}`,
            nonce: options.nonce,
            safety: 'idempotent',
        });
    }
    // Secrets
    async listSecrets(app) {
        const path = `/apps/${segment(app)}/secrets`;
        const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
        const list = this.#parse(answer, path, 'GET', secretListSchema, 'a list of secrets');
        return (Array.isArray(list) ? list : (list.secrets ?? []));
    }
    async updateSecrets(app, values) {
        const path = `/apps/${segment(app)}/secrets`;
        const answer = await this.#call({ method: 'POST', path, body: { values }, safety: 'once' });
        const { version } = this.#parse(answer, path, 'POST', secretsVersionSchema, 'a secrets version');
        return { version };
    }
    // The exchange
    async #machineAction(app, id, action, nonce, safety) {
        await this.#call({ method: 'POST', path: `${machinePath(app, id)}/${action}`, nonce, safety });
    }
    /** Sends the call, retrying where safe; resolves with a 2xx answer or throws FlyApiError. */
    async #call(spec) {
        const path = `${this.#prefix}${spec.path}`;
        const search = spec.query?.length ? `?${new URLSearchParams(spec.query).toString()}` : '';
        const attempts = Math.max(1, spec.attempts ?? this.#retry.attempts);
        for (let attempt = 1;; attempt++) {
            const started = Date.now();
            const sent = await this.#send(spec, `${path}${search}`);
            const ms = Date.now() - started;
            const status = 'answer' in sent ? sent.answer.status : 0;
            const requestId = 'answer' in sent ? sent.answer.requestId : undefined;
            this.#onCall?.({ method: spec.method, path, status, attempt, ms });
            this.#log?.debug(`fly: ${spec.method} ${path}${search} → ${status || ('failure' in sent ? sent.failure : '')}` +
                `${requestId ? ` (request ${requestId})` : ''}, attempt ${attempt}, ${ms} ms`);
            if ('answer' in sent && status < 300)
                return sent.answer;
            const outcome = 'answer' in sent ? { status } : { status: 0, failure: sent.failure };
            const retryable = isRetryable(outcome, spec);
            const error = 'answer' in sent
                ? this.#errorFromAnswer(sent.answer, spec.method, path, retryable)
                : new FlyApiError({
                    method: spec.method,
                    path,
                    status: 0,
                    code: sent.failure,
                    retryable,
                    reason: this.#redact(sent.reason),
                });
            const retryNow = retryable && attempt < attempts && !(status === 408 && spec.retryOn408 === false);
            if (!retryNow)
                throw error;
            const delay = retryDelayMs(attempt, this.#retry, 'answer' in sent ? sent.answer.headers['retry-after'] : undefined);
            this.#log?.debug(`fly: retrying ${spec.method} ${path} in ${delay} ms (attempt ${attempt + 1} of ${attempts})`);
            await timing_sleep(delay, spec.signal);
        }
    }
    /** One send: an answer of any status, or the network failure that kept it from coming. */
    async #send(spec, pathAndQuery) {
        const timeoutMs = spec.timeoutMs ?? this.#timeoutMs;
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(), timeoutMs);
        const signal = spec.signal ? AbortSignal.any([deadline.signal, spec.signal]) : deadline.signal;
        const headers = {
            authorization: this.#authorization,
            'user-agent': this.#userAgent,
            accept: 'application/json',
        };
        if (spec.body !== undefined)
            headers['content-type'] = 'application/json';
        if (spec.nonce)
            headers['fly-machine-lease-nonce'] = spec.nonce;
        try {
            const response = await this.#dispatcher.request({
                origin: this.#origin,
                path: pathAndQuery,
                method: spec.method,
                headers,
                ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
                signal,
            });
            const text = await response.body.text();
            const flat = client_flattenHeaders(response.headers);
            const requestId = flat['fly-request-id'];
            return {
                answer: { status: response.statusCode, headers: flat, text, ...(requestId ? { requestId } : {}) },
            };
        }
        catch (thrown) {
            if (spec.signal?.aborted)
                throw spec.signal.reason;
            if (deadline.signal.aborted) {
                return { failure: 'timeout', reason: `no answer from ${this.#host} within ${timeoutMs} ms` };
            }
            const { kind, reason } = errors_describeNetworkFailure(thrown, this.#host);
            return { failure: kind, reason };
        }
        finally {
            clearTimeout(timer);
        }
    }
    #errorFromAnswer(answer, method, path, retryable) {
        const { reason, code } = reasonFromBody(answer.text);
        const retryAfterMs = answer.status === 429 ? parseRetryAfterMs(answer.headers['retry-after']) : undefined;
        return new FlyApiError({
            method,
            path,
            status: answer.status,
            ...(code ? { code } : {}),
            ...(answer.requestId ? { requestId: answer.requestId } : {}),
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            retryable,
            reason: this.#redact(reason),
        });
    }
    #parse(answer, path, method, schema, what) {
        let value;
        try {
            value = JSON.parse(answer.text);
        }
        catch {
            throw this.#invalidAnswer(answer, method, path, `the answer is not JSON (expected ${what})`);
        }
        const parsed = schema.safeParse(value);
        if (parsed.success)
            return parsed.data;
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        throw this.#invalidAnswer(answer, method, path, `the answer is not ${what}: ${where}${issue?.message ?? ''}`);
    }
    /** fly-go's `{status: "success", data: {...}}` envelope, or the bare lease of the old OpenAPI spec. */
    #parseLease(answer, path) {
        const body = this.#parse(answer, path, 'POST', leaseAnswerSchema, 'a lease');
        if (body.status !== undefined && body.status !== 'success') {
            const words = body.message ? `: ${body.message}` : '';
            throw this.#invalidAnswer(answer, 'POST', path, `the lease answer says ${body.status}${words}`);
        }
        const data = 'data' in body ? body.data : body;
        const parsed = leaseDataSchema.safeParse(data);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const reason = issue?.path[0] === 'nonce'
                ? 'the lease answer has no nonce'
                : `the answer is not a lease: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? ''}`;
            throw this.#invalidAnswer(answer, 'POST', path, reason);
        }
        const { nonce, expires_at, owner, description } = parsed.data;
        return {
            nonce,
            expiresAt: expires_at,
            ...(owner ? { owner } : {}),
            ...(description ? { description } : {}),
        };
    }
    #invalidAnswer(answer, method, path, reason, code = 'invalid_answer') {
        return new FlyApiError({
            method,
            path: `${this.#prefix}${path}`,
            status: answer.status,
            code,
            ...(answer.requestId ? { requestId: answer.requestId } : {}),
            retryable: false,
            reason: this.#redact(reason),
        });
    }
    #redact(text) {
        return this.#redactor.redact(text);
    }
}
function segment(value) {
    return encodeURIComponent(value);
}
function machinePath(app, id) {
    return `/apps/${segment(app)}/machines/${segment(id)}`;
}
/** A machine as the engine sees it; one on an unreachable host has only `incomplete_config`. */
function asMachine(parsed) {
    if (parsed.config)
        return parsed;
    const config = { image: '', ...parsed.incomplete_config };
    return { ...parsed, config };
}
function client_flattenHeaders(headers) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value === undefined)
            continue;
        out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/fly/src/client/index.ts





;// CONCATENATED MODULE: ./packages/fly/src/config/guest.ts
const defaultVmSize = 'shared-cpu-1x';
const defaultGpuVmSize = 'a100-40gb';
const gpuPresets = new Set(['a100-40gb', 'a100-80gb', 'l40s', 'a10']);
/**
 * The guest of a Fly size preset (fly-go `MachinePresets`): `shared-cpu-Nx` is N shared CPUs with 256 MB each,
 * `performance-Nx` N performance CPUs with 2048 MB each, GPU presets 8 performance CPUs, 32 GB and one GPU.
 */
function guest_guestForSize(size) {
    const preset = /^(shared-cpu|performance)-(\d+)x$/.exec(size);
    if (preset && [1, 2, 4, 8, 16].includes(Number(preset[2]))) {
        const cpus = Number(preset[2]);
        const shared = preset[1] === 'shared-cpu';
        return { cpu_kind: shared ? 'shared' : 'performance', cpus, memory_mb: cpus * (shared ? 256 : 2048) };
    }
    if (gpuPresets.has(size)) {
        return { cpu_kind: 'performance', cpus: 8, memory_mb: 32 * 1024, gpus: 1, gpu_kind: size };
    }
    throw new Error(`unknown VM size '${size}': use shared-cpu-Nx or performance-Nx (N = 1, 2, 4, 8, 16), or a GPU size (${[...gpuPresets].join(', ')})`);
}
/** The guest a `[[vm]]`/`[[compute]]` section asks for: its size preset, then `memory`, then explicit fields. */
function guest_guestFromCompute(compute) {
    const size = compute.size ?? (compute.gpu_kind ? defaultGpuVmSize : defaultVmSize);
    const guest = guest_guestForSize(size);
    if (compute.memory !== undefined)
        guest.memory_mb = compute.memory;
    const explicit = {
        cpu_kind: compute.cpu_kind,
        cpus: compute.cpus,
        memory_mb: compute.memory_mb,
        gpus: compute.gpus,
        gpu_kind: compute.gpu_kind,
        kernel_args: compute.kernel_args,
        host_dedication_id: compute.host_dedication_id,
        persist_rootfs: compute.persist_rootfs,
    };
    for (const [key, value] of Object.entries(explicit))
        if (value !== undefined)
            guest[key] = value;
    return guest;
}

;// CONCATENATED MODULE: ./packages/fly/src/config/units.ts
// The value formats fly.toml uses: memory sizes, Go durations, and commands written as one shell-like string.
const bytesPerUnit = {
    b: 1,
    k: 1024,
    m: 1024 ** 2,
    g: 1024 ** 3,
    t: 1024 ** 4,
};
/**
 * Megabytes (MiB) from a fly.toml memory value: `"1gb"` → 1024, `"512mb"` → 512, `"2048"` or 2048 → 2048.
 * Units are binary and case-insensitive (`k`, `kb`, `kib`, `m`, `g`, `t`, `b`), as flyctl reads them; a bare
 * number is megabytes.
 */
function units_parseMemory(value) {
    const invalid = () => new Error(`invalid memory size '${value}': write a size like "512mb" or "1gb", or a number of megabytes`);
    if (typeof value === 'number') {
        if (!Number.isInteger(value) || value <= 0)
            throw invalid();
        return value;
    }
    const match = /^(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|(b))?$/i.exec(value.trim());
    if (!match)
        throw invalid();
    const amount = Number(match[1]);
    const unit = (match[2] ?? match[3])?.toLowerCase();
    const megabytes = unit === undefined ? amount : Math.floor((amount * bytesPerUnit[unit]) / 1024 ** 2);
    if (!Number.isInteger(megabytes) || megabytes <= 0)
        throw invalid();
    return megabytes;
}
/** Whole gigabytes from a volume size (`"10gb"`, `"500gb"`, 10); used for mount auto-extension. */
function parseSizeGb(value) {
    return typeof value === 'number' ? value : Math.floor(units_parseMemory(value) / 1024);
}
const nanosecondsPerUnit = {
    ns: 1,
    us: 1e3,
    µs: 1e3,
    μs: 1e3,
    ms: 1e6,
    s: 1e9,
    m: 60e9,
    h: 3600e9,
};
/**
 * Milliseconds from a Go duration string (`"1m30s"` → 90000, `"1.5s"`, `"250ms"`, `"2h45m"`), the format of
 * every duration in fly.toml and the Machines API. Throws on anything `time.ParseDuration` would reject.
 */
function parseDuration(text) {
    const invalid = () => new Error(`invalid duration '${text}': write it like "15s", "1m30s" or "500ms"`);
    let rest = text.trim();
    let sign = 1;
    if (rest.startsWith('-') || rest.startsWith('+')) {
        if (rest.startsWith('-'))
            sign = -1;
        rest = rest.slice(1);
    }
    if (rest === '0')
        return 0;
    if (rest === '')
        throw invalid();
    let nanoseconds = 0;
    const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
    while (rest !== '') {
        const match = part.exec(rest);
        if (!match)
            throw invalid();
        nanoseconds += Number(match[1]) * nanosecondsPerUnit[match[2]];
        rest = rest.slice(match[0].length);
    }
    return (sign * nanoseconds) / 1e6;
}
/** True when `parseDuration` accepts the text. */
function isDuration(text) {
    try {
        parseDuration(text);
        return true;
    }
    catch {
        return false;
    }
}
/** A Go duration string as Go's `Duration.String()` writes it (90000 → `"1m30s"`, 300000 → `"5m0s"`). */
function formatDuration(milliseconds) {
    let nanoseconds = Math.round(milliseconds * 1e6);
    if (nanoseconds === 0)
        return '0s';
    const sign = nanoseconds < 0 ? '-' : '';
    nanoseconds = Math.abs(nanoseconds);
    const decimal = (value, scale) => {
        const whole = Math.floor(value / scale);
        const fraction = value % scale;
        if (fraction === 0)
            return `${whole}`;
        const digits = String(scale).length - 1;
        return `${whole}.${String(fraction).padStart(digits, '0').replace(/0+$/, '')}`;
    };
    if (nanoseconds < 1e3)
        return `${sign}${nanoseconds}ns`;
    if (nanoseconds < 1e6)
        return `${sign}${decimal(nanoseconds, 1e3)}µs`;
    if (nanoseconds < 1e9)
        return `${sign}${decimal(nanoseconds, 1e6)}ms`;
    const hours = Math.floor(nanoseconds / 3600e9);
    const minutes = Math.floor((nanoseconds % 3600e9) / 60e9);
    const seconds = `${decimal(nanoseconds % 60e9, 1e9)}s`;
    if (hours > 0)
        return `${sign}${hours}h${minutes}m${seconds}`;
    if (minutes > 0)
        return `${sign}${minutes}m${seconds}`;
    return `${sign}${seconds}`;
}
/**
 * Splits a command the way flyctl does (google/shlex, POSIX-like): blanks separate words; single quotes keep
 * everything literally; double quotes keep blanks and honour `\"`, `\\`, `\$` and `` \` ``; outside quotes a
 * backslash takes the next character literally; `#` at the start of a word comments out the rest of the line.
 * Throws on an unclosed quote or a trailing backslash.
 */
function splitCommand(command) {
    const words = [];
    let word = '';
    let inWord = false;
    let index = 0;
    const endWord = () => {
        if (inWord)
            words.push(word);
        word = '';
        inWord = false;
    };
    while (index < command.length) {
        const char = command[index];
        if (/\s/.test(char)) {
            endWord();
            index++;
        }
        else if (char === '#' && !inWord) {
            while (index < command.length && command[index] !== '\n')
                index++;
        }
        else if (char === "'") {
            const close = command.indexOf("'", index + 1);
            if (close === -1)
                throw new Error(`unclosed single quote in command: ${command}`);
            word += command.slice(index + 1, close);
            inWord = true;
            index = close + 1;
        }
        else if (char === '"') {
            index++;
            inWord = true;
            for (;;) {
                if (index >= command.length)
                    throw new Error(`unclosed double quote in command: ${command}`);
                const inner = command[index];
                if (inner === '"')
                    break;
                if (inner === '\\' && index + 1 < command.length && '"\\$`\n'.includes(command[index + 1])) {
                    if (command[index + 1] !== '\n')
                        word += command[index + 1];
                    index += 2;
                }
                else {
                    word += inner;
                    index++;
                }
            }
            index++;
        }
        else if (char === '\\') {
            if (index + 1 >= command.length)
                throw new Error(`trailing backslash in command: ${command}`);
            if (command[index + 1] !== '\n') {
                word += command[index + 1];
                inWord = true;
            }
            index += 2;
        }
        else {
            word += char;
            inWord = true;
            index++;
        }
    }
    endWord();
    return words;
}

;// CONCATENATED MODULE: ./packages/fly/src/config/deploy-settings.ts


const defaultDeploySettings = {
    strategy: 'rolling',
    maxUnavailable: 0.33,
    waitTimeoutMs: 5 * 60_000,
    releaseCommandTimeoutMs: 5 * 60_000,
};
function deploySettings(app) {
    const deploy = app.deploy ?? {};
    const settings = {
        strategy: deploy.strategy ?? defaultDeploySettings.strategy,
        maxUnavailable: deploy.max_unavailable ?? defaultDeploySettings.maxUnavailable,
        waitTimeoutMs: deploy.wait_timeout ?? defaultDeploySettings.waitTimeoutMs,
        releaseCommandTimeoutMs: deploy.release_command_timeout ?? defaultDeploySettings.releaseCommandTimeoutMs,
    };
    const releaseCommand = deploy.release_command?.trim() ? splitCommand(deploy.release_command) : undefined;
    if (releaseCommand && releaseCommand.length > 0)
        settings.releaseCommand = releaseCommand;
    if (deploy.release_command_vm)
        settings.releaseCommandGuest = guest_guestFromCompute(deploy.release_command_vm);
    return settings;
}

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
function config_file_parseConfig(text, source, schema) {
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

// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var smol_toml_dist = __webpack_require__(3292);
;// CONCATENATED MODULE: ./packages/fly/src/config/locate.ts
// Where each key of a TOML document was written. smol-toml returns plain values without positions, so this
// scanner walks the (already validated) text once and records, for every key path, the position of its key
// and of its value. Paths index arrays of tables and inline arrays by position, as the parsed value does.
function locateToml(text) {
    const keys = new Map();
    const values = new Map();
    const lineStarts = [0];
    for (let index = 0; index < text.length; index++)
        if (text[index] === '\n')
            lineStarts.push(index + 1);
    const positionAt = (offset) => {
        let low = 0;
        let high = lineStarts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (lineStarts[middle] <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return { line: low + 1, column: offset - lineStarts[low] + 1 };
    };
    const id = (path) => JSON.stringify(path);
    const remember = (map, path, offset) => {
        if (!map.has(id(path)))
            map.set(id(path), positionAt(offset));
    };
    let index = 0;
    const skipBlanks = () => {
        while (text[index] === ' ' || text[index] === '\t')
            index++;
    };
    const skipBlanksLinesAndComments = () => {
        for (;;) {
            while (index < text.length && /\s/.test(text[index]))
                index++;
            if (text[index] !== '#')
                return;
            while (index < text.length && text[index] !== '\n')
                index++;
        }
    };
    const readQuoted = () => {
        const quote = text[index];
        const start = index;
        index++;
        while (index < text.length && text[index] !== quote && text[index] !== '\n') {
            index += quote === '"' && text[index] === '\\' ? 2 : 1;
        }
        index++;
        const raw = text.slice(start, index);
        if (quote === "'")
            return raw.slice(1, -1);
        try {
            return JSON.parse(raw);
        }
        catch {
            return raw.slice(1, -1);
        }
    };
    /** A dotted key: each part with the offset it starts at. */
    const readKey = () => {
        const parts = [];
        for (;;) {
            skipBlanks();
            const offset = index;
            if (text[index] === '"' || text[index] === "'") {
                parts.push({ name: readQuoted(), offset });
            }
            else {
                const start = index;
                while (index < text.length && /[A-Za-z0-9_-]/.test(text[index]))
                    index++;
                if (index === start)
                    return parts;
                parts.push({ name: text.slice(start, index), offset });
            }
            skipBlanks();
            if (text[index] !== '.')
                return parts;
            index++;
        }
    };
    const skipMultilineString = (delimiter) => {
        index += 3;
        while (index < text.length && !text.startsWith(delimiter, index)) {
            index += delimiter === '"""' && text[index] === '\\' ? 2 : 1;
        }
        index += 3;
        // A closing delimiter may be preceded by up to two quotes that belong to the string.
        let extra = 0;
        while (extra < 2 && text[index] === delimiter[0]) {
            index++;
            extra++;
        }
    };
    const readValue = (path) => {
        remember(values, path, index);
        if (text.startsWith('"""', index) || text.startsWith("'''", index)) {
            skipMultilineString(text.slice(index, index + 3));
        }
        else if (text[index] === '"' || text[index] === "'") {
            readQuoted();
        }
        else if (text[index] === '[') {
            index++;
            for (let item = 0;; item++) {
                skipBlanksLinesAndComments();
                if (index >= text.length || text[index] === ']')
                    break;
                readValue([...path, item]);
                skipBlanksLinesAndComments();
                if (text[index] === ',')
                    index++;
            }
            index++;
        }
        else if (text[index] === '{') {
            index++;
            for (;;) {
                skipBlanks();
                if (index >= text.length || text[index] === '}' || text[index] === '\n')
                    break;
                const before = index;
                readKeyValue(path);
                skipBlanks();
                if (text[index] === ',')
                    index++;
                if (index === before)
                    index++;
            }
            index++;
        }
        else {
            while (index < text.length && !/[,\]}\s#]/.test(text[index]))
                index++;
        }
    };
    const readKeyValue = (table) => {
        const parts = readKey();
        let path = table;
        for (const part of parts) {
            path = [...path, part.name];
            remember(keys, path, part.offset);
        }
        skipBlanks();
        if (text[index] !== '=')
            return;
        index++;
        skipBlanks();
        readValue(path);
    };
    const arrayIndexes = new Map();
    let table = [];
    while (index < text.length) {
        skipBlanksLinesAndComments();
        if (index >= text.length)
            break;
        const lineStart = index;
        if (text[index] === '[') {
            const isArray = text[index + 1] === '[';
            index += isArray ? 2 : 1;
            const parts = readKey();
            const resolved = [];
            parts.forEach((part, position) => {
                resolved.push(part.name);
                const last = position === parts.length - 1;
                if (last && isArray) {
                    const next = (arrayIndexes.get(id(resolved)) ?? -1) + 1;
                    arrayIndexes.set(id(resolved), next);
                    resolved.push(next);
                }
                else {
                    const current = arrayIndexes.get(id(resolved));
                    if (current !== undefined)
                        resolved.push(current);
                }
                remember(keys, resolved, part.offset);
            });
            remember(values, resolved, lineStart);
            table = resolved;
        }
        else {
            readKeyValue(table);
        }
        while (index < text.length && text[index] !== '\n')
            index++;
        if (index === lineStart)
            index++;
    }
    return {
        key: (path) => keys.get(id(path)),
        nearest: (path) => {
            for (let length = path.length; length > 0; length--) {
                const prefix = path.slice(0, length);
                const found = values.get(id(prefix)) ?? keys.get(id(prefix));
                if (found)
                    return found;
            }
            return undefined;
        },
    };
}

;// CONCATENATED MODULE: ./packages/fly/src/config/schema.ts
// fly.toml as teams write it, validated by zod. Every object is strict: a key not listed here is reported as a
// warning by the loader (it would not reach the machines), never silently dropped. Durations become
// milliseconds and memory sizes megabytes, so later code never parses text again.



function isPlainTable(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** `[x]` or `[[x]]`: flyctl accepts a single table where a list of tables is usual. */
function tableOrList(item) {
    return schemas/* preprocess */.vkY((value) => (isPlainTable(value) ? [value] : value), schemas/* array */.YOg(item));
}
/** A Go duration string, or a number of seconds; read as milliseconds. */
const duration = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()], {
    error: 'expected a duration like "15s" or "1m30s", or a number of seconds',
})
    .superRefine((value, ctx) => {
    if (typeof value === 'number' ? value < 0 : !isDuration(value) || parseDuration(value) < 0) {
        ctx.addIssue({
            code: 'custom',
            message: `'${value}' is not a duration: write it like "15s" or "1m30s", or a number of seconds`,
        });
    }
})
    .transform((value) => (typeof value === 'number' ? value * 1000 : parseDuration(value)));
const memory = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()], { error: 'expected a memory size like "512mb" or "1gb", or megabytes' })
    .transform((value, ctx) => {
    try {
        return units_parseMemory(value);
    }
    catch (thrown) {
        ctx.addIssue({ code: 'custom', message: thrown.message });
        return core/* NEVER */.tm;
    }
});
/** A command written as one string, split like a shell would when the config is built. */
const shellCommand = schemas/* string */.YjP().superRefine((value, ctx) => {
    try {
        splitCommand(value);
    }
    catch (thrown) {
        ctx.addIssue({ code: 'custom', message: thrown.message });
    }
});
const vmSize = schemas/* string */.YjP().superRefine((value, ctx) => {
    try {
        guest_guestForSize(value);
    }
    catch (thrown) {
        ctx.addIssue({ code: 'custom', message: thrown.message });
    }
});
const port = schemas/* number */.aig().int().min(1).max(65535);
const count = schemas/* number */.aig().int().min(0);
const processes = schemas/* array */.YOg(schemas/* string */.YjP()).optional();
/** Header values: one string, or several. */
const headers = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP())])).optional();
/** Passed to the API as written (TLS and HTTP options of a port). */
const opaqueTable = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional();
const checkTiming = {
    interval: duration.optional(),
    timeout: duration.optional(),
    grace_period: duration.optional(),
};
const httpCheckFields = {
    ...checkTiming,
    method: schemas/* string */.YjP().optional(),
    path: schemas/* string */.YjP().optional(),
    protocol: schemas/* enum */.k5n(['http', 'https']).optional(),
    tls_skip_verify: schemas/* boolean */.zMY().optional(),
    tls_server_name: schemas/* string */.YjP().optional(),
    headers,
};
/** `restart_limit` only meant something on Fly's V1 platform; accepted so old files load. */
const serviceTcpCheck = schemas/* strictObject */.rej({ ...checkTiming, restart_limit: count.optional() });
const serviceHttpCheck = schemas/* strictObject */.rej({ ...httpCheckFields, restart_limit: count.optional() });
const topLevelCheck = schemas/* strictObject */.rej({
    type: schemas/* enum */.k5n(['http', 'tcp']),
    port: port.optional(),
    ...httpCheckFields,
    kind: schemas/* enum */.k5n(['informational', 'readiness']).optional(),
    processes,
});
const concurrency = schemas/* strictObject */.rej({
    type: schemas/* enum */.k5n(['connections', 'requests']).optional(),
    soft_limit: count.optional(),
    hard_limit: count.optional(),
});
const autostop = schemas/* union */.KCZ([schemas/* boolean */.zMY(), schemas/* enum */.k5n(['off', 'stop', 'suspend'])], {
    error: 'expected true, false, "off", "stop" or "suspend"',
});
const servicePort = schemas/* strictObject */.rej({
    port: port.optional(),
    start_port: port.optional(),
    end_port: port.optional(),
    handlers: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    force_https: schemas/* boolean */.zMY().optional(),
    tls_options: opaqueTable,
    http_options: opaqueTable,
    proxy_proto_options: opaqueTable,
});
const httpService = schemas/* strictObject */.rej({
    internal_port: port,
    force_https: schemas/* boolean */.zMY().optional(),
    auto_stop_machines: autostop.optional(),
    auto_start_machines: schemas/* boolean */.zMY().optional(),
    min_machines_running: count.optional(),
    processes,
    concurrency: concurrency.optional(),
    checks: schemas/* array */.YOg(serviceHttpCheck).optional(),
    tls_options: opaqueTable,
    http_options: opaqueTable,
});
const service = schemas/* strictObject */.rej({
    protocol: schemas/* enum */.k5n(['tcp', 'udp']),
    internal_port: port,
    processes,
    ports: schemas/* array */.YOg(servicePort).optional(),
    concurrency: concurrency.optional(),
    auto_stop_machines: autostop.optional(),
    auto_start_machines: schemas/* boolean */.zMY().optional(),
    min_machines_running: count.optional(),
    tcp_checks: schemas/* array */.YOg(serviceTcpCheck).optional(),
    http_checks: schemas/* array */.YOg(serviceHttpCheck).optional(),
});
const guestFields = {
    size: vmSize.optional(),
    memory: memory.optional(),
    memory_mb: schemas/* number */.aig().int().positive().optional(),
    cpus: schemas/* number */.aig().int().positive().optional(),
    cpu_kind: schemas/* enum */.k5n(['shared', 'performance']).optional(),
    gpus: count.optional(),
    gpu_kind: schemas/* string */.YjP().optional(),
    kernel_args: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    host_dedication_id: schemas/* string */.YjP().optional(),
    persist_rootfs: schemas/* enum */.k5n(['never', 'restart', 'always']).optional(),
};
const compute = schemas/* strictObject */.rej({ ...guestFields, processes });
const deploy = schemas/* strictObject */.rej({
    strategy: schemas/* enum */.k5n(['immediate', 'rolling', 'bluegreen', 'canary']).optional(),
    max_unavailable: schemas/* number */.aig().positive().optional(),
    wait_timeout: duration.optional(),
    release_command: shellCommand.optional(),
    release_command_timeout: duration.optional(),
    release_command_vm: schemas/* strictObject */.rej(guestFields).optional(),
    seed_command: shellCommand.optional(),
});
const metrics = schemas/* strictObject */.rej({
    port,
    path: schemas/* string */.YjP(),
    https: schemas/* boolean */.zMY().optional(),
    processes,
});
const restart = schemas/* strictObject */.rej({
    policy: schemas/* enum */.k5n(['always', 'never', 'on-failure']),
    retries: count.optional(),
    processes,
});
const volumeSize = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()], { error: 'expected a size like "10gb"' });
const mount = schemas/* strictObject */.rej({
    source: schemas/* string */.YjP(),
    destination: schemas/* string */.YjP(),
    processes,
    initial_size: volumeSize.optional(),
    auto_extend_size_threshold: schemas/* number */.aig().int().min(0).max(100).optional(),
    auto_extend_size_increment: volumeSize.optional(),
    auto_extend_size_limit: volumeSize.optional(),
    snapshot_retention: count.optional(),
    scheduled_snapshots: schemas/* boolean */.zMY().optional(),
});
const statics = schemas/* strictObject */.rej({
    guest_path: schemas/* string */.YjP(),
    url_prefix: schemas/* string */.YjP(),
    tigris_bucket: schemas/* string */.YjP().optional(),
    index_document: schemas/* string */.YjP().optional(),
});
const file = schemas/* strictObject */.rej({
    guest_path: schemas/* string */.YjP(),
    raw_value: schemas/* string */.YjP().optional(),
    local_path: schemas/* string */.YjP().optional(),
    secret_name: schemas/* string */.YjP().optional(),
    mode: schemas/* number */.aig().int().optional(),
    processes,
})
    .refine((entry) => [entry.raw_value, entry.local_path, entry.secret_name].filter((v) => v !== undefined).length === 1, { message: 'set exactly one of raw_value, local_path or secret_name' });
/** A command as a list, or one string to be split like a shell would. */
const command = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP())], { error: 'expected a string or a list of strings' })
    .superRefine((value, ctx) => {
    if (typeof value !== 'string')
        return;
    try {
        splitCommand(value);
    }
    catch (thrown) {
        ctx.addIssue({ code: 'custom', message: thrown.message });
    }
});
const experimental = schemas/* strictObject */.rej({
    cmd: command.optional(),
    entrypoint: command.optional(),
    exec: command.optional(),
    auto_rollback: schemas/* boolean */.zMY().optional(),
    enable_consul: schemas/* boolean */.zMY().optional(),
    enable_etcd: schemas/* boolean */.zMY().optional(),
});
/** Only `image` is used (shipgate deploys images built elsewhere); the rest is accepted so files load. */
const build = schemas/* strictObject */.rej({
    image: schemas/* string */.YjP().optional(),
    dockerfile: schemas/* string */.YjP().optional(),
    ignorefile: schemas/* string */.YjP().optional(),
    builder: schemas/* string */.YjP().optional(),
    builtin: schemas/* string */.YjP().optional(),
    buildpacks: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    'build-target': schemas/* string */.YjP().optional(),
    args: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional(),
    settings: opaqueTable,
});
/** TOML numbers and booleans in `[env]` become the strings a process sees. */
const envValue = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()], { error: 'expected a string' })
    .transform((value) => String(value));
const flyTomlSchema = schemas/* strictObject */.rej({
    app: schemas/* string */.YjP().optional(),
    primary_region: schemas/* string */.YjP().optional(),
    kill_signal: schemas/* string */.YjP().optional(),
    kill_timeout: duration.optional(),
    swap_size_mb: count.optional(),
    console_command: schemas/* string */.YjP().optional(),
    host_dedication_id: schemas/* string */.YjP().optional(),
    build: build.optional(),
    env: schemas/* record */.g1P(schemas/* string */.YjP(), envValue).optional(),
    http_service: httpService.optional(),
    services: tableOrList(service).optional(),
    checks: schemas/* record */.g1P(schemas/* string */.YjP(), topLevelCheck).optional(),
    vm: tableOrList(compute).optional(),
    compute: tableOrList(compute).optional(),
    deploy: deploy.optional(),
    processes: schemas/* record */.g1P(schemas/* string */.YjP(), shellCommand).optional(),
    metrics: tableOrList(metrics).optional(),
    restart: tableOrList(restart).optional(),
    mounts: tableOrList(mount).optional(),
    statics: tableOrList(statics).optional(),
    files: tableOrList(file).optional(),
    experimental: experimental.optional(),
});

;// CONCATENATED MODULE: ./packages/fly/src/config/load.ts




/**
 * Parses and validates fly.toml. `source` names the text in messages (usually its path). A syntax error or a
 * wrong type throws `ConfigError` as `<source>:<line>:<column>: <key path>: <problem>`; keys shipgate does not
 * know are returned as warnings, since a typo there would otherwise be a setting that silently never applies.
 */
function loadFlyToml(text, source) {
    let raw;
    try {
        raw = (0,smol_toml_dist/* parse */.qg)(text);
    }
    catch (thrown) {
        if (!(thrown instanceof smol_toml_dist/* TomlError */.zx))
            throw thrown;
        const what = thrown.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
        throw load_located(source, thrown.line, thrown.column, `invalid TOML: ${what}`);
    }
    const locations = locateToml(text);
    const warnings = [];
    let data = raw;
    // Strict objects report every unknown key at once; drop them and validate again until none are left.
    for (;;) {
        const result = flyTomlSchema.safeParse(data);
        const unknownKeys = result.success ? [] : result.error.issues.filter(isUnknownKeys);
        const otherIssue = result.success
            ? undefined
            : result.error.issues.find((issue) => !isUnknownKeys(issue));
        if (otherIssue)
            throw typeError(otherIssue, raw, locations, source);
        if (result.success) {
            return { config: result.data, warnings: warnings.sort(byLine).map((warning) => warning.text) };
        }
        if (data === raw)
            data = structuredClone(raw);
        let removed = 0;
        for (const issue of unknownKeys) {
            const tablePath = rawPath(data, pathOf(issue));
            for (const key of issue.keys) {
                const keyPath = [...tablePath, key];
                const line = locations.key(keyPath)?.line;
                const where = line === undefined ? source : `${source}:${line}`;
                warnings.push({ line, text: `${where}: unknown key '${formatPath(keyPath)}'; it is not deployed` });
                const table = valueAt(data, tablePath);
                if (table && typeof table === 'object' && key in table) {
                    delete table[key];
                    removed++;
                }
            }
        }
        if (removed === 0)
            throw typeError(unknownKeys[0], raw, locations, source);
    }
}
function byLine(a, b) {
    return (a.line ?? 0) - (b.line ?? 0);
}
function isUnknownKeys(issue) {
    return issue.code === 'unrecognized_keys';
}
function pathOf(issue) {
    return issue.path.filter((step) => typeof step !== 'symbol');
}
function typeError(issue, raw, locations, source) {
    const path = rawPath(raw, pathOf(issue));
    const position = locations.nearest(path);
    const where = path.length > 0 ? `${formatPath(path)}: ` : '';
    const problem = path.length > 0 && valueAt(raw, path) === undefined ? missingKey(issue) : issue.message;
    return load_located(source, position?.line, position?.column, `${where}${problem}`);
}
function missingKey(issue) {
    if (issue.code === 'invalid_type')
        return `required, expected ${issue.expected}`;
    if (issue.code === 'invalid_value')
        return `required, one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    return `required; ${issue.message}`;
}
/**
 * The path as written in the file. The schema reads a single `[metrics]` table as a one-item list, so its
 * paths say `metrics[0].port` where the file has `metrics.port`: indexes into values that are not lists go.
 */
function rawPath(raw, path) {
    const written = [];
    let value = raw;
    for (const step of path) {
        if (typeof step === 'number' && !Array.isArray(value))
            continue;
        written.push(step);
        value =
            value && typeof value === 'object' ? value[step] : undefined;
    }
    return written;
}
function valueAt(raw, path) {
    let value = raw;
    for (const step of path) {
        value =
            value && typeof value === 'object' ? value[step] : undefined;
    }
    return value;
}
function load_located(source, line, column, problem) {
    const prefix = line === undefined ? source : `${source}:${line}:${column ?? 1}`;
    return new ConfigError(`${prefix}: ${problem}`.replace(/\s*\r?\n\s*/g, ' '), source, line, column);
}

;// CONCATENATED MODULE: ./packages/fly/src/config/machine-config.ts
// fly.toml → one machine config per process group, the way flyctl builds them (internal/appconfig/machines.go
// `updateMachineConfig`, processgroups.go `Flatten`, service.go), and the merge over a machine's current config
// that an update sends (internal/command/deploy/machines_launchinput.go).



const defaultProcessGroup = 'app';
const releaseCommandProcessGroup = 'fly_app_release_command';
const releaseCommandDefaultSize = 'shared-cpu-2x';
/** The process groups of the app: the keys of `[processes]`, sorted, or `app` alone. */
function processGroups(app) {
    const names = Object.keys(app.processes ?? {}).sort();
    return names.length > 0 ? names : [defaultProcessGroup];
}
/**
 * The machine config of each process group. `image` is `[build] image` or empty: the caller sets the image it
 * deploys. Sections without `processes` belong to the default group (`app`, else the first group), as in
 * flyctl; `[[vm]]`/`[[compute]]` without `processes` apply to every group, the one naming the group winning.
 */
function machineConfigs(app, options = {}) {
    const source = options.source ?? 'fly.toml';
    const groups = processGroups(app);
    const defaultGroup = groups.includes(defaultProcessGroup) ? defaultProcessGroup : groups[0];
    assertKnownGroups(app, groups, source);
    const configs = {};
    for (const group of groups) {
        const belongs = (processes) => !processes || processes.length === 0
            ? group === defaultGroup
            : processes.some((name) => name === group || (name === '' && group === defaultGroup));
        configs[group] = groupConfig(app, group, belongs, source, options);
    }
    return configs;
}
function groupConfig(app, group, belongs, source, options) {
    const config = {
        image: app.build?.image ?? '',
        env: { ...app.env, FLY_PROCESS_GROUP: group, ...primaryRegion(app) },
        init: initFor(app, app.processes?.[group], source, `processes.${group}`),
        metadata: { fly_platform_version: 'v2', fly_process_group: group },
    };
    const services = [];
    if (app.http_service && belongs(app.http_service.processes))
        services.push(httpServiceFor(app.http_service));
    for (const service of app.services ?? [])
        if (belongs(service.processes))
            services.push(serviceFor(service));
    if (services.length > 0)
        config.services = services;
    const checks = Object.entries(app.checks ?? {}).filter(([, check]) => belongs(check.processes));
    if (checks.length > 0) {
        const httpPort = app.http_service && belongs(app.http_service.processes) ? app.http_service.internal_port : undefined;
        config.checks = {};
        for (const [name, check] of checks) {
            const port = check.port ?? httpPort;
            if (port === undefined) {
                throw new ConfigError(`${source}: checks.${name}: no port, and process group '${group}' has no http_service to take it from`, source);
            }
            config.checks[name] = topLevelCheckFor(check, port);
        }
    }
    const guest = guestFor(app, group, belongs, source);
    if (guest)
        config.guest = guest;
    const restarts = (app.restart ?? []).filter((restart) => belongs(restart.processes));
    const restart = restarts.at(-1);
    if (restart) {
        config.restart = compact({
            policy: restart.policy === 'never' ? 'no' : restart.policy,
            max_retries: restart.retries,
        });
    }
    const metrics = (app.metrics ?? []).find((entry) => belongs(entry.processes));
    if (metrics)
        config.metrics = compact({ port: metrics.port, path: metrics.path, https: metrics.https });
    const stopConfig = stopConfigFor(app);
    if (stopConfig)
        config.stop_config = stopConfig;
    const mounts = (app.mounts ?? []).filter((mount) => belongs(mount.processes));
    if (mounts.length > 0) {
        config.mounts = mounts.map((mount) => compact({
            name: mount.source,
            path: mount.destination,
            extend_threshold_percent: mount.auto_extend_size_threshold,
            add_size_gb: optionalSizeGb(mount.auto_extend_size_increment),
            size_gb_limit: optionalSizeGb(mount.auto_extend_size_limit),
        }));
    }
    if (app.statics && app.statics.length > 0)
        config.statics = app.statics.map((entry) => staticFor(entry));
    const files = (app.files ?? []).filter((file) => belongs(file.processes));
    if (files.length > 0)
        config.files = files.map((file) => fileFor(file, source, options));
    return config;
}
function primaryRegion(app) {
    return app.primary_region ? { PRIMARY_REGION: app.primary_region } : {};
}
function splitOrThrow(command, source, where) {
    if (Array.isArray(command))
        return command;
    try {
        return splitCommand(command);
    }
    catch (thrown) {
        throw new ConfigError(`${source}: ${where}: ${thrown.message}`, source);
    }
}
function initFor(app, processCommand, source, where) {
    const experimental = app.experimental;
    const cmd = processCommand ? splitOrThrow(processCommand, source, where) : undefined;
    return compact({
        cmd: cmd ?? (experimental?.cmd ? splitOrThrow(experimental.cmd, source, 'experimental.cmd') : undefined),
        entrypoint: experimental?.entrypoint
            ? splitOrThrow(experimental.entrypoint, source, 'experimental.entrypoint')
            : undefined,
        exec: experimental?.exec ? splitOrThrow(experimental.exec, source, 'experimental.exec') : undefined,
        swap_size_mb: app.swap_size_mb,
    });
}
function machine_config_duration(milliseconds) {
    return milliseconds === undefined ? undefined : formatDuration(milliseconds);
}
function headersFor(headers) {
    if (!headers || Object.keys(headers).length === 0)
        return undefined;
    return Object.entries(headers).map(([name, value]) => ({
        name,
        values: Array.isArray(value) ? value : [value],
    }));
}
function httpCheckFor(check) {
    return compact({
        type: 'http',
        interval: machine_config_duration(check.interval),
        timeout: machine_config_duration(check.timeout),
        grace_period: machine_config_duration(check.grace_period),
        method: check.method?.toUpperCase(),
        path: check.path,
        protocol: check.protocol,
        tls_skip_verify: check.tls_skip_verify,
        tls_server_name: check.tls_server_name,
        headers: headersFor(check.headers),
    });
}
function tcpCheckFor(check) {
    return compact({
        type: 'tcp',
        interval: machine_config_duration(check.interval),
        timeout: machine_config_duration(check.timeout),
        grace_period: machine_config_duration(check.grace_period),
    });
}
function topLevelCheckFor(check, port) {
    const base = check.type === 'http' ? httpCheckFor(check) : tcpCheckFor(check);
    return compact({ ...base, type: check.type, port, kind: check.kind });
}
function httpServiceFor(section) {
    const checks = (section.checks ?? []).map(httpCheckFor);
    return compact({
        protocol: 'tcp',
        internal_port: section.internal_port,
        ports: [
            compact({
                port: 80,
                handlers: ['http'],
                force_https: section.force_https || undefined,
                http_options: section.http_options,
            }),
            compact({
                port: 443,
                handlers: ['http', 'tls'],
                tls_options: section.tls_options,
                http_options: section.http_options,
            }),
        ],
        concurrency: section.concurrency,
        autostop: section.auto_stop_machines,
        autostart: section.auto_start_machines,
        min_machines_running: section.min_machines_running,
        checks: checks.length > 0 ? checks : undefined,
    });
}
function serviceFor(section) {
    const checks = [
        ...(section.tcp_checks ?? []).map(tcpCheckFor),
        ...(section.http_checks ?? []).map(httpCheckFor),
    ];
    return compact({
        protocol: section.protocol,
        internal_port: section.internal_port,
        ports: section.ports?.map((port) => compact({ ...port })),
        concurrency: section.concurrency,
        autostop: section.auto_stop_machines,
        autostart: section.auto_start_machines,
        min_machines_running: section.min_machines_running,
        checks: checks.length > 0 ? checks : undefined,
    });
}
function guestFor(app, group, belongs, source) {
    const sections = [...(app.vm ?? []), ...(app.compute ?? [])].filter((section) => !section.processes || section.processes.length === 0 || belongs(section.processes));
    const section = sections.find((entry) => entry.processes?.includes(group)) ?? sections[0];
    if (!section)
        return undefined;
    try {
        const guest = guest_guestFromCompute(section);
        if (app.host_dedication_id && guest.host_dedication_id === undefined) {
            guest.host_dedication_id = app.host_dedication_id;
        }
        return guest;
    }
    catch (thrown) {
        throw new ConfigError(`${source}: vm: ${thrown.message}`, source);
    }
}
function stopConfigFor(app) {
    if (app.kill_signal === undefined && app.kill_timeout === undefined)
        return undefined;
    return compact({ timeout: machine_config_duration(app.kill_timeout), signal: app.kill_signal });
}
function optionalSizeGb(size) {
    return size === undefined ? undefined : parseSizeGb(size);
}
function staticFor(entry) {
    return compact({
        guest_path: entry.guest_path,
        url_prefix: entry.url_prefix,
        tigris_bucket: entry.tigris_bucket,
        index_document: entry.index_document,
    });
}
function fileFor(file, source, options) {
    let rawValue;
    if (file.raw_value !== undefined)
        rawValue = Buffer.from(file.raw_value, 'utf8').toString('base64');
    if (file.local_path !== undefined) {
        if (!options.readLocalFile) {
            throw new ConfigError(`${source}: files: '${file.local_path}' (local_path) cannot be read here; use raw_value or secret_name`, source);
        }
        rawValue = Buffer.from(options.readLocalFile(file.local_path)).toString('base64');
    }
    return compact({
        guest_path: file.guest_path,
        raw_value: rawValue,
        secret_name: file.secret_name,
        mode: file.mode,
    });
}
/** A `processes` list naming a group `[processes]` does not define would configure nothing: flyctl refuses it. */
function assertKnownGroups(app, groups, source) {
    const sections = [
        ['http_service', app.http_service],
        ...(app.services ?? []).map((entry, index) => [`services[${index}]`, entry]),
        ...Object.entries(app.checks ?? {}).map(([name, entry]) => [
            `checks.${name}`,
            entry,
        ]),
        ...(app.vm ?? []).map((entry, index) => [`vm[${index}]`, entry]),
        ...(app.compute ?? []).map((entry, index) => [`compute[${index}]`, entry]),
        ...(app.restart ?? []).map((entry, index) => [`restart[${index}]`, entry]),
        ...(app.metrics ?? []).map((entry, index) => [`metrics[${index}]`, entry]),
        ...(app.mounts ?? []).map((entry, index) => [`mounts[${index}]`, entry]),
        ...(app.files ?? []).map((entry, index) => [`files[${index}]`, entry]),
    ];
    for (const [where, section] of sections) {
        const unknown = section?.processes?.find((name) => name !== '' && !groups.includes(name));
        if (unknown !== undefined) {
            throw new ConfigError(`${source}: ${where}.processes: '${unknown}' is not a process group (groups: ${groups.join(', ')})`, source);
        }
    }
}
/**
 * The machine that runs `[deploy] release_command` (flyctl `ToReleaseMachineConfig`): never restarted,
 * destroyed when it exits, not registered in DNS, no services or checks. Its guest is `[deploy]
 * release_command_vm`, else `fallbackGuest` (flyctl uses the largest machine of the default group), else
 * shared-cpu-2x.
 */
function releaseCommandConfig(app, image, command, fallbackGuest) {
    const vm = app.deploy?.release_command_vm;
    const guest = vm ? guestFromCompute(vm) : (fallbackGuest ?? guestForSize(releaseCommandDefaultSize));
    const experimental = app.experimental;
    const config = {
        image,
        env: {
            ...app.env,
            RELEASE_COMMAND: '1',
            FLY_PROCESS_GROUP: releaseCommandProcessGroup,
            ...primaryRegion(app),
        },
        init: compact({
            cmd: [...command],
            entrypoint: experimental?.entrypoint
                ? splitOrThrow(experimental.entrypoint, 'fly.toml', 'experimental.entrypoint')
                : undefined,
            swap_size_mb: app.swap_size_mb,
        }),
        guest: structuredClone(guest),
        restart: { policy: 'no' },
        auto_destroy: true,
        dns: { skip_registration: true },
        metadata: { fly_platform_version: 'v2', fly_process_group: releaseCommandProcessGroup },
    };
    const stopConfig = stopConfigFor(app);
    if (stopConfig)
        config.stop_config = stopConfig;
    const files = (app.files ?? []).filter((file) => !file.processes || file.processes.length === 0);
    if (files.length > 0)
        config.files = files.map((file) => fileFor(file, 'fly.toml', {}));
    return config;
}
/** What fly.toml decides in a machine config; on update these replace the machine's values, or are removed. */
const ownedFields = [
    'env',
    'services',
    'checks',
    'restart',
    'metrics',
    'stop_config',
    'statics',
    'files',
];
const ownedInitFields = ['cmd', 'entrypoint', 'exec', 'swap_size_mb'];
/**
 * The whole config to send when updating a machine to `desired` (from `machineConfigs`) with `image`.
 * Starts from the machine's current config, so what only `fly machine run/update` sets (schedule,
 * auto_destroy, standbys, dns, fields this code does not know) survives; replaces what fly.toml owns; keeps
 * the current guest when fly.toml has no `[[vm]]` (it may come from `fly scale`); adds metadata over the
 * existing keys. An attached volume stays attached: only its mount path and auto-extension follow fly.toml
 * (see `mountChange` for when the machine must be replaced instead). Never mutates its arguments.
 */
function mergeMachineConfig(existing, desired, image) {
    const merged = existing ? structuredClone(existing) : { image };
    const wanted = structuredClone(desired);
    for (const field of ownedFields)
        delete merged[field];
    const keptInit = { ...merged.init };
    for (const field of ownedInitFields)
        delete keptInit[field];
    const { image: _image, init, guest, metadata, mounts, ...rest } = wanted;
    Object.assign(merged, rest);
    merged.image = image;
    merged.init = { ...keptInit, ...init };
    if (guest)
        merged.guest = guest;
    merged.metadata = { ...existing?.metadata, ...metadata };
    const mergedMounts = mergeMounts(existing?.mounts, mounts);
    if (mergedMounts)
        merged.mounts = mergedMounts;
    else
        delete merged.mounts;
    // A standby machine that now serves traffic is no longer a standby (flyctl launchInputForUpdate).
    if (merged.services && merged.services.length > 0 && Array.isArray(merged.standbys))
        delete merged.standbys;
    return merged;
}
function mergeMounts(existing, desired) {
    if (!desired || desired.length === 0)
        return undefined;
    const current = existing?.[0];
    const wanted = desired[0];
    if (!current || (current.name && current.name !== wanted.name))
        return desired;
    const { extend_threshold_percent, add_size_gb, size_gb_limit, ...attached } = current;
    return [
        compact({
            ...attached,
            path: wanted.path,
            extend_threshold_percent: wanted.extend_threshold_percent,
            add_size_gb: wanted.add_size_gb,
            size_gb_limit: wanted.size_gb_limit,
        }),
        ...desired.slice(1),
    ];
}
/**
 * Why a machine cannot be updated in place to `desired` and must be destroyed and created again, or
 * undefined: a volume cannot be attached to, detached from or swapped on an existing machine.
 */
function mountChange(existing, desired) {
    const current = existing.mounts?.[0];
    const wanted = desired.mounts?.[0];
    if (current && !wanted)
        return `it has volume ${current.volume ?? current.name ?? ''} but fly.toml has no mounts`;
    if (!current && wanted)
        return `fly.toml mounts volume '${wanted.name}' and the machine has none`;
    if (current && wanted && current.name && current.name !== wanted.name) {
        return `it has volume '${current.name}' but fly.toml mounts '${wanted.name}'`;
    }
    return undefined;
}
/** The object without its undefined properties, so configs compare and serialise as written. */
function compact(value) {
    return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}

;// CONCATENATED MODULE: ./packages/fly/src/config/index.ts






;// CONCATENATED MODULE: ./packages/fly/src/deploy/canary-steps.ts
/**
 * Turns a canary plan such as `1, 25%, 50%, 100%` into the cumulative number of machines on the new release
 * after each step, for an app of `machineCount` machines. Steps are counts or percentages, separated by
 * commas or spaces; a percentage rounds up and is at least 1 machine.
 *
 * On a small app several steps can land on the same count (4 machines: `1` and `25%` are both 1), and a
 * step that moves no machine is dropped, so `1, 25%, 50%, 100%` gives [1, 2, 4]. Steps that go down are an
 * error, as are counts beyond the app and a last step that leaves machines behind: the plan must end at 100%.
 * Errors are one plain line, e.g. `'30x' is not a count or a percentage`.
 */
function canarySteps(spec, machineCount) {
    return canaryStepPlan(spec.split(/[\s,]+/), machineCount).map((step) => step.count);
}
/**
 * canarySteps for a plan already split into entries (blank ones ignored), saying which entries made each
 * step, so a caller can carry something per entry (a bake time) through the merging.
 */
function canaryStepPlan(entries, machineCount) {
    if (!Number.isInteger(machineCount) || machineCount < 1) {
        throw new Error(`a canary needs at least 1 machine, got ${machineCount}`);
    }
    const tokens = entries.map((entry) => entry.trim());
    if (tokens.every((token) => token === '')) {
        throw new Error('the canary plan has no steps; write e.g. 1, 25%, 50%, 100%');
    }
    const steps = [];
    let previous;
    tokens.forEach((token, entry) => {
        if (token === '')
            return;
        const count = stepCount(token, machineCount);
        if (previous && count < previous.count) {
            throw new Error(`steps must not go down: '${token}' (${machines(count)}) comes after '${previous.token}' (${machines(previous.count)})`);
        }
        const last = steps.at(-1);
        if (last?.count === count)
            last.entries.push(entry);
        else
            steps.push({ count, entries: [entry] });
        previous = { token, count };
    });
    const last = steps.at(-1).count;
    if (last < machineCount) {
        throw new Error(`the last step must be 100%: '${previous.token}' reaches ${last} of ${machineCount} machines`);
    }
    return steps;
}
function stepCount(token, machineCount) {
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(token);
    if (percent) {
        const value = Number(percent[1]);
        if (value <= 0)
            throw new Error(`'${token}' moves no machine; a step must be more than 0%`);
        if (value > 100)
            throw new Error(`'${token}' is more than 100%`);
        // The epsilon keeps float noise (e.g. 3 × 33.33…) from rounding up a whole extra machine.
        return Math.max(1, Math.ceil((machineCount * value) / 100 - 1e-9));
    }
    if (/^\d+$/.test(token)) {
        const count = Number(token);
        if (count < 1)
            throw new Error(`'${token}' moves no machine; a step must be at least 1`);
        if (count > machineCount)
            throw new Error(`'${token}' is more than the app's ${machines(machineCount)}`);
        return count;
    }
    throw new Error(`'${token}' is not a count or a percentage`);
}
function machines(count) {
    return `${count} machine${count === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/errors.ts

/** The HTTP status of a FlyApiError (or anything shaped like one), else undefined. */
function statusOf(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const status = error.status;
    return typeof status === 'number' ? status : undefined;
}
function isLeaseConflictError(error) {
    const status = statusOf(error);
    return status === 409 || status === 412;
}
function isNotFoundError(error) {
    return statusOf(error) === 404 || /machine not found/i.test((0,src/* errorMessage */.gJ)(error));
}
/** A 4xx other than 408/429 means the call was refused, so it changed nothing. */
function wasRefused(error) {
    const status = statusOf(error);
    return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}


;// CONCATENATED MODULE: ./packages/fly/src/deploy/plan.ts
/** Process groups a deploy never touches: one-off machines flyctl makes for itself. */
const reservedGroups = new Set([
    'fly_app_release_command',
    'fly_app_test_machine_command',
    'fly_app_console',
]);
/** Metadata a release writes; configs are compared without them, or every release would differ. */
const releaseMetadataKeys = [
    'shipgate_release_id',
    'shipgate_previous_image',
    'shipgate_previous_release_id',
    'shipgate_images',
    'shipgate_rolled_back_from',
    'fly_release_id',
    'fly_release_version',
];
/** How many images a machine remembers in `shipgate_images`. */
const imageHistoryLength = 10;
function groupOf(machine) {
    const metadata = machine.config?.metadata ?? {};
    return metadata.fly_process_group || metadata.process_group || 'app';
}
/**
 * The machines a deploy works on: not destroyed, not one-off groups, and only Fly Launch (v2) machines
 * unless none are marked (flyctl's rule). Sorted by id, which is also rolling order.
 */
function deployableMachines(machines) {
    const active = machines.filter((machine) => machine.state !== 'destroyed' &&
        machine.state !== 'destroying' &&
        !reservedGroups.has(groupOf(machine)));
    const v2 = active.filter((machine) => machine.config?.metadata?.fly_platform_version === 'v2');
    return (v2.length > 0 ? v2 : active).sort((a, b) => a.id.localeCompare(b.id));
}
/**
 * How many machines of a group may be down at once. Below 1 it is a share of the group's started
 * machines, rounded up; 1 and above a count. Never less than 1, so a rollout always moves.
 */
function maxUnavailableCount(maxUnavailable, startedMachines) {
    if (!Number.isFinite(maxUnavailable) || maxUnavailable <= 0) {
        throw new Error(`maxUnavailable must be a positive number, got ${maxUnavailable}`);
    }
    if (maxUnavailable >= 1)
        return Math.floor(maxUnavailable);
    return Math.max(1, Math.ceil(startedMachines * maxUnavailable));
}
/** flyctl's rule: an update only starts a machine that was started, starting or failed before. */
function shouldSkipLaunch(state) {
    return !(state === 'started' || state === 'starting' || state === 'failed');
}
function isWarm(machine) {
    return machine.state === 'started';
}
/** Rolling order inside a group: cold machines (not started) first, then the warm ones, each by id. */
function splitColdWarm(plans) {
    const sorted = [...plans].sort((a, b) => a.machine.id.localeCompare(b.machine.id));
    return {
        cold: sorted.filter((plan) => !isWarm(plan.machine)),
        warm: sorted.filter((plan) => isWarm(plan.machine)),
    };
}
function groupBy(items, key) {
    const groups = new Map();
    for (const item of items) {
        const name = key(item);
        const list = groups.get(name);
        if (list)
            list.push(item);
        else
            groups.set(name, [item]);
    }
    return groups;
}
function hasChecks(config) {
    if (config.checks && Object.keys(config.checks).length > 0)
        return true;
    return (config.services ?? []).some((service) => (service.checks ?? []).length > 0);
}
/** Non-empty and every check passing: warning and critical keep a machine waiting, as in flyctl. */
function checksPassing(machine) {
    const checks = machine.checks ?? [];
    return checks.length > 0 && checks.every((check) => check.status === 'passing');
}
/** A started machine whose checks (when it has any) all pass, or one that was deliberately not running. */
function isHealthy(machine) {
    if (machine.state === 'failed')
        return false;
    if (machine.state !== 'started')
        return machine.state === 'stopped' || machine.state === 'suspended';
    return !hasChecks(machine.config) || checksPassing(machine);
}
/** Deep equality of JSON values where an absent key equals `undefined`. */
function jsonEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
    }
    const left = a;
    const right = b;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) {
        if (!jsonEqual(left[key], right[key]))
            return false;
    }
    return true;
}
function withoutReleaseMetadata(config) {
    const metadata = { ...(config.metadata ?? {}) };
    for (const key of releaseMetadataKeys)
        delete metadata[key];
    return { ...config, metadata };
}
/** Same image and the same config apart from release bookkeeping. */
function configsMatch(current, target) {
    return (current.image === target.image &&
        jsonEqual(withoutReleaseMetadata(current), withoutReleaseMetadata(target)));
}
/** A machine a re-run leaves alone: already on the target and healthy. */
function isConverged(machine, target) {
    return configsMatch(machine.config, target) && isHealthy(machine);
}
/** The images a machine remembers having run healthy, newest first; tolerant of hand-edited metadata. */
function imageHistory(config) {
    const raw = config.metadata?.shipgate_images;
    if (!raw)
        return [];
    try {
        const parsed = JSON.parse(raw);
        return Array.isArray(parsed) ? parsed.filter((item) => typeof item === 'string') : [];
    }
    catch {
        return [];
    }
}
function pushImage(history, image) {
    return [image, ...history.filter((item) => item !== image)].slice(0, imageHistoryLength);
}
/**
 * The bookkeeping a release writes into a machine's metadata, in the same update as the change. The image
 * the machine leaves joins `shipgate_images` only when it was running healthy; the new image joins on the
 * next release, once it has proved itself.
 */
function releaseMetadata(machine, releaseId) {
    const current = machine.config;
    const history = imageHistory(current);
    const ranHealthy = machine.state === 'started' && isHealthy(machine);
    const metadata = {
        shipgate_release_id: releaseId,
        shipgate_previous_image: current.image,
        shipgate_images: JSON.stringify(ranHealthy ? pushImage(history, current.image) : history),
        fly_release_id: releaseId,
    };
    const previousRelease = current.metadata?.shipgate_release_id;
    if (previousRelease)
        metadata.shipgate_previous_release_id = previousRelease;
    return metadata;
}
/** Writes release metadata into a target config, dropping a stale rollback marker. */
function withReleaseMetadata(target, metadata) {
    const merged = { ...(target.metadata ?? {}) };
    delete merged.shipgate_rolled_back_from;
    delete merged.shipgate_previous_release_id;
    return { ...target, metadata: { ...merged, ...metadata } };
}
let lastIdTime = 0;
let idSequence = 0;
/** A release id that sorts by time: `r` + base36 milliseconds + a sequence + random. */
function newReleaseId(now = Date.now()) {
    if (now === lastIdTime)
        idSequence++;
    else {
        lastIdTime = now;
        idSequence = 0;
    }
    const random = Math.floor(Math.random() * 36 ** 4)
        .toString(36)
        .padStart(4, '0');
    return `r${now.toString(36).padStart(9, '0')}${idSequence.toString(36).padStart(2, '0')}${random}`;
}
function deepClone(value) {
    return structuredClone(value);
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/record.ts



const strategies = ['immediate', 'rolling', 'bluegreen', 'canary'];
const outcomes = ['succeeded', 'unchanged', 'failed', 'rolled-back', 'rollback-failed'];
const machineActions = ['updated', 'created', 'destroyed', 'unchanged', 'canceled', 'canary'];
/**
 * Where a machine ended up. `destroyed` is a machine that existed before the release and was removed by it
 * (a bluegreen blue, a scale-down); `created-destroyed` one this release made and removed again.
 */
const machineFinals = ['new', 'previous', 'created-destroyed', 'destroyed', 'unknown'];
const timelinePhases = [
    'lease',
    'update',
    'started',
    'healthy',
    'failed',
    'rollback',
    'destroy',
    'create',
    'cordon',
    'uncordon',
    'stop',
    'release-command',
];
const machineConfigSchema = schemas/* looseObject */._H3({ image: schemas/* string */.YjP() });
const machineRecordSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    region: schemas/* string */.YjP(),
    group: schemas/* string */.YjP(),
    action: schemas/* enum */.k5n(machineActions),
    previous: schemas/* object */.Ikc({
        image: schemas/* string */.YjP(),
        config: machineConfigSchema.transform((config) => config),
        version: schemas/* string */.YjP().optional(),
    })
        .nullable(),
    next: schemas/* object */.Ikc({ image: schemas/* string */.YjP(), version: schemas/* string */.YjP().optional() }).nullable(),
    final: schemas/* enum */.k5n(machineFinals),
    state: schemas/* string */.YjP(),
    checks: schemas/* array */.YOg(schemas/* object */.Ikc({ name: schemas/* string */.YjP(), status: schemas/* string */.YjP() })),
    timings: schemas/* object */.Ikc({
        updateStartedAt: schemas/* string */.YjP().optional(),
        startedAt: schemas/* string */.YjP().optional(),
        healthyAt: schemas/* string */.YjP().optional(),
        finishedAt: schemas/* string */.YjP().optional(),
    }),
    error: schemas/* string */.YjP().optional(),
});
const timelineEntrySchema = schemas/* object */.Ikc({
    /** Milliseconds since the release started. */
    at: schemas/* number */.aig(),
    machineId: schemas/* string */.YjP(),
    phase: schemas/* enum */.k5n(timelinePhases),
    detail: schemas/* string */.YjP().optional(),
});
const releaseRecordSchema = schemas/* object */.Ikc({
    version: schemas/* literal */.euz(1),
    id: schemas/* string */.YjP(),
    /** `deploy` or `rollback`: what produced the record. */
    kind: schemas/* enum */.k5n(['deploy', 'rollback']),
    app: schemas/* string */.YjP(),
    image: schemas/* string */.YjP(),
    previousImage: schemas/* string */.YjP().nullable(),
    strategy: schemas/* enum */.k5n(strategies),
    startedAt: schemas/* string */.YjP(),
    finishedAt: schemas/* string */.YjP(),
    durationMs: schemas/* number */.aig(),
    outcome: schemas/* enum */.k5n(outcomes),
    error: schemas/* string */.YjP().optional(),
    /** What went wrong after the point of no return without undoing the release (blues left to destroy). */
    warnings: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    releaseCommand: schemas/* object */.Ikc({ machineId: schemas/* string */.YjP(), exitCode: schemas/* number */.aig().nullable(), durationMs: schemas/* number */.aig() })
        .optional(),
    machines: schemas/* array */.YOg(machineRecordSchema),
    timeline: schemas/* array */.YOg(timelineEntrySchema),
    apiCalls: schemas/* unknown */.L5J().optional(),
    /** A canary promotion's steps and their analyses (canary-promote); kept whole, read by its summary. */
    canary: schemas/* looseObject */._H3({ decision: schemas/* string */.YjP(), stepReached: schemas/* number */.aig(), steps: schemas/* array */.YOg(schemas/* unknown */.L5J()) })
        .optional(),
});
/** A record as its file holds it. */
function releaseRecordText(record) {
    return `${JSON.stringify(record, null, 2)}\n`;
}
async function writeReleaseRecord(path, record) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, releaseRecordText(record));
}
/** Reads and validates a record; the error names the file and the first field that is wrong. */
async function readReleaseRecord(path) {
    const text = await readFile(path, 'utf8');
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${path} is not JSON: ${error.message}`);
    }
    return parseReleaseRecord(json, path);
}
function parseReleaseRecord(json, source = 'release record') {
    const parsed = releaseRecordSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : '(root)';
        throw new Error(`${source} is not a shipgate release record: ${where}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
}
/** The image most machines ran, or null when there were none. Ties go to the image seen first. */
function mostCommonImage(images) {
    const counts = new Map();
    for (const image of images)
        counts.set(image, (counts.get(image) ?? 0) + 1);
    let best = null;
    let bestCount = 0;
    for (const [image, count] of counts) {
        if (count > bestCount) {
            best = image;
            bestCount = count;
        }
    }
    return best;
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/leases.ts

/** Fly's own words when the error carries them (FlyApiError.reason), without the request line. */
function reasonOf(error) {
    const reason = error?.reason;
    return typeof reason === 'string' && reason ? reason : (0,src/* errorMessage */.gJ)(error);
}
/** Another holder's lease stopped the deploy before anything changed. */
class LeaseConflictError extends Error {
    machineId;
    constructor(machineId, message) {
        super(message);
        this.machineId = machineId;
        this.name = 'LeaseConflictError';
    }
}
/**
 * The leases one deploy holds: acquired on every machine up front, refreshed in the background every
 * (ttl − 1)/3 s so they survive long health waits, released at the end whatever happened.
 */
class LeaseSet {
    api;
    app;
    ttlSeconds;
    log;
    nonces = new Map();
    timer;
    constructor(api, app, ttlSeconds, log) {
        this.api = api;
        this.app = app;
        this.ttlSeconds = ttlSeconds;
        this.log = log;
    }
    nonce(machineId) {
        return this.nonces.get(machineId);
    }
    /** Takes over the lease a machine was created with (`lease_ttl`). */
    adopt(machineId, nonce) {
        if (nonce)
            this.nonces.set(machineId, nonce);
    }
    /** Stops caring about a machine's lease, e.g. once it is destroyed. */
    forget(machineId) {
        this.nonces.delete(machineId);
    }
    /**
     * Leases every machine, in parallel. If any is held by someone else, releases what it got and throws a
     * LeaseConflictError naming the machine and, when Fly says so, the holder and expiry.
     */
    async acquireAll(machineIds, description) {
        const results = await Promise.allSettled(machineIds.map(async (id) => {
            const lease = await this.api.acquireLease(this.app, id, { ttlSeconds: this.ttlSeconds, description });
            this.nonces.set(id, lease.nonce);
        }));
        const failures = results
            .map((result, index) => ({ result, id: machineIds[index] }))
            .filter((entry) => entry.result.status === 'rejected');
        if (failures.length === 0)
            return;
        await this.releaseAll();
        const conflict = failures.find((failure) => isLeaseConflictError(failure.result.reason)) ?? failures[0];
        const reason = reasonOf(conflict.result.reason);
        const others = failures.length > 1 ? ` (and ${failures.length - 1} more)` : '';
        const message = isLeaseConflictError(conflict.result.reason)
            ? `another deploy holds machine ${conflict.id}${others}: ${reason}`
            : `could not lease machine ${conflict.id}${others}: ${reason}`;
        throw new LeaseConflictError(conflict.id, message);
    }
    startRefreshing() {
        if (this.timer)
            return;
        const everyMs = Math.max(250, ((this.ttlSeconds - 1) * 1000) / 3);
        this.timer = setInterval(() => void this.refreshAll(), everyMs);
        this.timer.unref();
    }
    async refreshAll() {
        await Promise.all([...this.nonces].map(async ([id, nonce]) => {
            try {
                await this.api.refreshLease(this.app, id, { ttlSeconds: this.ttlSeconds, nonce });
            }
            catch (error) {
                if (isNotFoundError(error))
                    this.nonces.delete(id);
                else
                    this.log.debug(`lease refresh on ${id} failed: ${(0,src/* errorMessage */.gJ)(error)}`);
            }
        }));
    }
    /** Stops refreshing and releases every lease; never throws (a lease left behind expires on its own). */
    async releaseAll() {
        if (this.timer)
            clearInterval(this.timer);
        this.timer = undefined;
        const held = [...this.nonces];
        this.nonces.clear();
        await Promise.all(held.map(async ([id, nonce]) => {
            try {
                await this.api.releaseLease(this.app, id, nonce);
            }
            catch (error) {
                if (!isNotFoundError(error)) {
                    this.log.warning(`could not release the lease on machine ${id}: ${(0,src/* errorMessage */.gJ)(error)}`);
                }
            }
        }));
    }
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/context.ts
function keepGoing(context) {
    if (context.signal?.aborted && !context.failure)
        context.failure = 'the deploy was canceled';
    return context.failure === undefined;
}
function noteFailure(context, message) {
    context.failure ??= message;
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/health.ts



function seconds(ms) {
    return `${Math.round(ms / 100) / 10}s`;
}
/** Waits for `started`; the error says whether the machine failed or was too slow. */
async function waitStarted(api, app, id, options) {
    try {
        await api.waitForState(app, id, {
            states: ['started'],
            deadline: options.deadline,
            ...(options.version ? { version: options.version } : {}),
        });
    }
    catch (error) {
        // Before the deadline the platform gave up on it (a 400: it failed); at the deadline it was just slow.
        const why = options.now() < options.deadline
            ? 'failed to start'
            : `did not start within ${seconds(options.timeoutMs)}`;
        throw new Error(`${why}: ${(0,src/* errorMessage */.gJ)(error)}`);
    }
}
/** States in which a machine's checks will never come to pass without someone starting it again. */
const deadStates = new Set(['stopped', 'failed', 'destroyed', 'destroying']);
class MachineDownError extends Error {
}
/**
 * Polls the machine until its checks are reported and all passing. Returns at once when the config has no
 * checks. Fails early when the machine stops or fails, else at the deadline naming each check's status.
 */
async function waitHealthy(api, app, id, config, options) {
    if (!hasChecks(config))
        return undefined;
    let last;
    let lastError;
    for (;;) {
        try {
            last = await api.getMachine(app, id);
            lastError = undefined;
            if (checksPassing(last))
                return last;
            if (deadStates.has(last.state)) {
                throw new MachineDownError(`${last.state} while waiting for health checks${describeChecks(last)}`);
            }
        }
        catch (error) {
            if (error instanceof MachineDownError)
                throw error;
            lastError = error;
        }
        const left = options.deadline - options.now();
        if (left <= 0) {
            const why = lastError ? `: ${(0,src/* errorMessage */.gJ)(lastError)}` : describeChecks(last);
            throw new Error(`health checks did not pass within ${seconds(options.timeoutMs)}${why || ': no checks reported'}`);
        }
        await (0,promises_.setTimeout)(Math.min(options.pollMs, left));
    }
}
function describeChecks(machine) {
    const checks = machine?.checks ?? [];
    if (checks.length === 0)
        return '';
    const parts = checks.map((check) => `${check.name}: ${check.status}${check.output ? ` ${check.output.trim().slice(0, 200)}` : ''}`.trim());
    return `: ${parts.join('; ')}`;
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/machine-ops.ts




function label(id, group) {
    return `machine ${id} [${group}]`;
}
/** Waits for started and healthy, stamping the record; throws with the reason. */
async function waitReady(context, id, config, startedBy, version) {
    const { api, app, recorder, settings, now } = context;
    const entry = recorder.get(id);
    const wait = {
        deadline: startedBy + settings.waitTimeoutMs,
        timeoutMs: settings.waitTimeoutMs,
        pollMs: settings.healthPollMs,
        now,
    };
    await waitStarted(api, app, id, { ...wait, ...(version ? { version } : {}) });
    entry.timings.startedAt = recorder.iso();
    recorder.mark(id, 'started');
    context.log.info(`${label(id, entry.group)} started`);
    const checked = await waitHealthy(api, app, id, config, wait);
    if (checked) {
        entry.checks = (checked.checks ?? []).map((check) => ({ name: check.name, status: check.status }));
        entry.timings.healthyAt = recorder.iso();
        recorder.mark(id, 'healthy');
        context.log.info(`${label(id, entry.group)} healthy`);
    }
}
function recordFailure(context, id, error) {
    const entry = context.recorder.get(id);
    const message = (0,src/* errorMessage */.gJ)(error);
    entry.error = message;
    entry.timings.finishedAt = context.recorder.iso();
    context.recorder.mark(id, 'failed', message);
    context.log.error(`${label(id, entry.group)} failed: ${message}`);
    return message;
}
/**
 * Updates one machine to its target: the whole config in one call (with our lease nonce), then, unless it
 * stays stopped or `waitForReady` is off, waits for started and for its checks. Returns false on failure,
 * which is also noted on the context so pools stop feeding.
 */
async function updateMachine(context, plan, options) {
    const { api, app, recorder, leases } = context;
    const { machine, target, group } = plan;
    const entry = recorder.get(machine.id);
    const skipLaunch = shouldSkipLaunch(machine.state);
    const startedBy = context.now();
    entry.timings.updateStartedAt = recorder.iso();
    recorder.mark(machine.id, 'update', target.image);
    context.log.info(`${label(machine.id, group)} updating to ${target.image}${skipLaunch ? ' (stays stopped)' : ''}`);
    let updated;
    try {
        const nonce = leases.nonce(machine.id);
        updated = await api.updateMachine(app, machine.id, { config: target, region: machine.region, skip_launch: skipLaunch }, nonce ? { nonce } : {});
    }
    catch (error) {
        // A refused update changed nothing; anything else (a timeout, a 5xx) may have been applied.
        entry.final = wasRefused(error) ? 'previous' : 'unknown';
        entry.action = 'updated';
        noteFailure(context, `machine ${machine.id}: ${recordFailure(context, machine.id, error)}`);
        return false;
    }
    entry.action = 'updated';
    entry.final = 'new';
    entry.next = { image: target.image, ...(updated.version ? { version: updated.version } : {}) };
    if (options.waitForReady && !skipLaunch) {
        try {
            await waitReady(context, machine.id, target, startedBy, updated.version);
        }
        catch (error) {
            noteFailure(context, `machine ${machine.id}: ${recordFailure(context, machine.id, error)}`);
            return false;
        }
    }
    entry.timings.finishedAt = recorder.iso();
    return true;
}
/**
 * Creates a machine already leased to us (`lease_ttl`) and, unless created stopped, waits for it to be
 * started and healthy. On failure (noted on the context) `machine` is still set when the create itself
 * went through, so the caller can destroy it.
 */
async function createMachine(context, options) {
    const { api, app, recorder, leases, settings } = context;
    const startedBy = context.now();
    let created;
    try {
        created = await api.createMachine(app, {
            config: options.config,
            region: options.region,
            lease_ttl: settings.leaseTtlSeconds,
            ...(options.skipLaunch ? { skip_launch: true } : {}),
            ...(options.skipServiceRegistration ? { skip_service_registration: true } : {}),
        });
    }
    catch (error) {
        const message = (0,src/* errorMessage */.gJ)(error);
        recorder.mark(`new-${options.group}`, 'failed', `create in ${options.region}: ${message}`);
        context.log.error(`creating a ${options.action} machine in ${options.region} [${options.group}] failed: ${message}`);
        noteFailure(context, `create in ${options.region}: ${message}`);
        return { ok: false };
    }
    leases.adopt(created.id, created.nonce);
    const entry = recorder.addCreated(created, options.group, options.action, 'new');
    if (options.standsInFor) {
        const blue = options.standsInFor;
        entry.previous = {
            image: blue.config.image,
            config: blue.config,
            ...(blue.version ? { version: blue.version } : {}),
        };
    }
    recorder.mark(created.id, 'create', `${options.action} in ${created.region}`);
    const role = options.action === 'canary'
        ? 'canary'
        : options.standsInFor
            ? `green for ${options.standsInFor.id}`
            : 'new';
    context.log.info(`${label(created.id, options.group)} created in ${created.region} (${role})`);
    if (!options.skipLaunch) {
        try {
            await waitReady(context, created.id, options.config, startedBy, created.version);
        }
        catch (error) {
            noteFailure(context, `machine ${created.id}: ${recordFailure(context, created.id, error)}`);
            return { ok: false, machine: created };
        }
    }
    entry.timings.finishedAt = recorder.iso();
    return { ok: true, machine: created };
}
/** Destroys a machine (forcefully: it may be running) and records where it ends up. */
async function destroyMachine(context, id, final) {
    const { api, app, recorder, leases } = context;
    const entry = recorder.machines.get(id);
    recorder.mark(id, 'destroy');
    context.log.info(`${label(id, entry?.group ?? '?')} destroying`);
    try {
        const nonce = leases.nonce(id);
        await api.destroyMachine(app, id, { force: true, ...(nonce ? { nonce } : {}) });
    }
    catch (error) {
        const message = (0,src/* errorMessage */.gJ)(error);
        if (entry)
            entry.error = `destroy failed: ${message}`;
        context.log.error(`${label(id, entry?.group ?? '?')} could not be destroyed: ${message}`);
        return false;
    }
    leases.forget(id);
    if (entry) {
        entry.final = final;
        entry.state = 'destroyed';
        if (final === 'destroyed')
            entry.action = 'destroyed';
    }
    return true;
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/recorder.ts
/** Collects the per-machine entries and the timeline of one release while it runs. */
class Recorder {
    startedAt;
    now;
    machines = new Map();
    timeline = [];
    constructor(startedAt, now) {
        this.startedAt = startedAt;
        this.now = now;
    }
    iso() {
        return new Date(this.now()).toISOString();
    }
    mark(machineId, phase, detail) {
        this.timeline.push({
            at: Math.max(0, this.now() - this.startedAt),
            machineId,
            phase,
            ...(detail ? { detail } : {}),
        });
    }
    /** The entry of a machine that existed before the release. */
    addExisting(machine, group, action, previousConfig) {
        const config = previousConfig ?? machine.config;
        return this.add({
            id: machine.id,
            region: machine.region,
            group,
            action,
            previous: {
                image: config.image,
                config,
                ...(machine.version ? { version: machine.version } : {}),
            },
            next: null,
            final: 'previous',
            state: machine.state,
            checks: (machine.checks ?? []).map((check) => ({ name: check.name, status: check.status })),
            timings: {},
        });
    }
    /** The entry of a machine this release creates. */
    addCreated(machine, group, action, final) {
        return this.add({
            id: machine.id,
            region: machine.region,
            group,
            action,
            previous: null,
            next: { image: machine.config.image, ...(machine.version ? { version: machine.version } : {}) },
            final,
            state: machine.state,
            checks: [],
            timings: { updateStartedAt: this.iso() },
        });
    }
    add(entry) {
        this.machines.set(entry.id, entry);
        return entry;
    }
    get(machineId) {
        const entry = this.machines.get(machineId);
        if (!entry)
            throw new Error(`no record entry for machine ${machineId}`);
        return entry;
    }
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/release-command.ts

/** The exit code of the newest `exit` event, or null when the machine has not exited. */
function latestExitCode(machine) {
    const exits = (machine.events ?? [])
        .filter((event) => event.type === 'exit')
        .sort((a, b) => b.timestamp - a.timestamp);
    const code = exits[0]?.request?.exit_event?.exit_code;
    return typeof code === 'number' ? code : null;
}
/**
 * Runs the release command on a one-off machine before any app machine is touched: created stopped, then
 * started, then awaited until it is destroyed (auto_destroy) or the timeout passes; the exit code comes
 * from the newest exit event, which Fly keeps readable on a destroyed machine.
 */
async function runReleaseCommand(context, request, region) {
    const { api, app, recorder, log, now } = context;
    const begun = now();
    const deadline = begun + request.timeoutMs;
    const config = request.config.init?.cmd?.length
        ? request.config
        : { ...request.config, init: { ...(request.config.init ?? {}), cmd: request.command } };
    await destroyStaleReleaseMachines(context);
    let machine;
    try {
        machine = await api.createMachine(app, { config, ...(region ? { region } : {}), skip_launch: true });
    }
    catch (error) {
        const message = `could not create the release command machine: ${(0,src/* errorMessage */.gJ)(error)}`;
        recorder.mark('release-command', 'failed', message);
        return { machineId: '', exitCode: null, durationMs: now() - begun, error: message };
    }
    const id = machine.id;
    recorder.mark(id, 'release-command', request.command.join(' '));
    log.info(`release command on machine ${id}: ${request.command.join(' ')}`);
    const finish = (exitCode, error) => {
        const durationMs = now() - begun;
        if (error) {
            recorder.mark(id, 'failed', error);
            log.error(`release command failed: ${error}`);
        }
        else
            log.info(`release command finished in ${Math.round(durationMs / 100) / 10}s`);
        return { machineId: id, exitCode, durationMs, ...(error ? { error } : {}) };
    };
    try {
        await api.startMachine(app, id);
        await api.waitForState(app, id, { states: ['started', 'destroyed'], deadline });
        await api.waitForState(app, id, { states: ['destroyed'], deadline });
    }
    catch (error) {
        if (!isNotFoundError(error)) {
            await api.destroyMachine(app, id, { force: true }).catch(() => undefined);
            const timedOut = now() >= deadline;
            return finish(null, timedOut
                ? `release command did not finish within ${Math.round(request.timeoutMs / 1000)}s`
                : (0,src/* errorMessage */.gJ)(error));
        }
    }
    let exitCode;
    try {
        exitCode = latestExitCode(await api.getMachine(app, id));
    }
    catch (error) {
        return finish(null, `could not read the release command's exit code: ${(0,src/* errorMessage */.gJ)(error)}`);
    }
    if (exitCode === 0)
        return finish(0);
    return finish(exitCode, exitCode === null
        ? `release command machine ${id} ended without an exit code`
        : `release command machine ${id} exited with status ${exitCode}`);
}
/**
 * flyctl destroys an earlier release command's machine first. Once we hold every app machine's lease no
 * other deploy can be mid-release, so any such machine still around is a leftover.
 */
async function destroyStaleReleaseMachines(context) {
    const { api, app, log } = context;
    try {
        const stale = (await api.listMachines(app)).filter((machine) => machine.config?.metadata?.fly_process_group === 'fly_app_release_command' &&
            machine.state !== 'destroyed' &&
            machine.state !== 'destroying');
        for (const machine of stale) {
            log.info(`destroying the leftover release command machine ${machine.id}`);
            await api.destroyMachine(app, machine.id, { force: true });
        }
    }
    catch (error) {
        log.warning(`could not clear an old release command machine: ${(0,src/* errorMessage */.gJ)(error)}`);
    }
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/pool.ts
/**
 * Runs `worker` over `items` with at most `size` in flight: a continuous pool, so a free slot takes the
 * next item at once instead of waiting for a whole batch. After a failure (a worker returns false) or
 * once `keepGoing` answers false, no new item starts; the ones in flight are awaited.
 */
async function runPool(items, size, worker, keepGoing = () => true) {
    const queue = [...items];
    let ok = true;
    const lane = async () => {
        while (ok && keepGoing()) {
            const item = queue.shift();
            if (item === undefined)
                return;
            if (!(await worker(item)))
                ok = false;
        }
    };
    const lanes = Array.from({ length: Math.max(1, Math.min(size, queue.length)) }, lane);
    await Promise.all(lanes);
    return { ok: ok && queue.length === 0, notStarted: queue };
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/restore.ts




/** Rollback goes as fast as immediate, but waits for each machine to be healthy again. */
const restoreConcurrency = 8;
/**
 * Puts every machine this release changed (or may have changed) back on its exact previous config and
 * destroys the machines it created. Returns the ids it could not put back.
 */
async function restorePrevious(context, before) {
    const { api, app, recorder, leases, log } = context;
    const entries = [...recorder.machines.values()];
    const touched = entries.filter((entry) => entry.action === 'updated' && (entry.final === 'new' || entry.final === 'unknown'));
    const created = entries.filter((entry) => (entry.action === 'created' || entry.action === 'canary') && entry.final !== 'created-destroyed');
    const failed = [];
    if (touched.length + created.length > 0) {
        log.info(`rolling back: ${touched.length} machine${touched.length === 1 ? '' : 's'} to the previous config, ${created.length} to destroy`);
    }
    await runPool(touched, restoreConcurrency, async (entry) => {
        const machine = before.get(entry.id);
        if (!machine)
            return true;
        const skipLaunch = shouldSkipLaunch(machine.state);
        const startedBy = context.now();
        recorder.mark(entry.id, 'rollback', machine.config.image);
        log.info(`machine ${entry.id} [${entry.group}] rolling back to ${machine.config.image}`);
        try {
            const nonce = leases.nonce(entry.id);
            const updated = await api.updateMachine(app, entry.id, { config: machine.config, region: machine.region, skip_launch: skipLaunch }, nonce ? { nonce } : {});
            entry.final = 'unknown';
            if (!skipLaunch)
                await waitReady(context, entry.id, machine.config, startedBy, updated.version);
            entry.final = 'previous';
            entry.timings.finishedAt = recorder.iso();
        }
        catch (error) {
            const message = `rollback failed: ${(0,src/* errorMessage */.gJ)(error)}`;
            entry.error = entry.error ? `${entry.error}; ${message}` : message;
            recorder.mark(entry.id, 'failed', message);
            log.error(`machine ${entry.id} [${entry.group}] ${message}`);
            failed.push(entry.id);
        }
        return true;
    });
    await Promise.all(created.map(async (entry) => {
        recorder.mark(entry.id, 'destroy', 'rollback');
        log.info(`machine ${entry.id} [${entry.group}] destroying (created by this release)`);
        try {
            const nonce = leases.nonce(entry.id);
            await api.destroyMachine(app, entry.id, { force: true, ...(nonce ? { nonce } : {}) });
            leases.forget(entry.id);
            entry.final = 'created-destroyed';
            entry.state = 'destroyed';
        }
        catch (error) {
            const message = `rollback could not destroy it: ${(0,src/* errorMessage */.gJ)(error)}`;
            entry.error = entry.error ? `${entry.error}; ${message}` : message;
            entry.final = 'unknown';
            failed.push(entry.id);
        }
    }));
    return failed;
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/scale.ts




/**
 * What it takes to have `count` machines of the group in each listed region. Regions not listed are left
 * alone; surplus machines go newest first, because the oldest are the ones known to work.
 */
function planScale(machines, group, scale) {
    if (!Number.isInteger(scale.count) || scale.count < 0) {
        throw new Error(`scale count must be a whole number of machines, got ${scale.count}`);
    }
    const create = [];
    const destroy = [];
    for (const region of new Set(scale.regions)) {
        const here = machines.filter((machine) => machine.region === region);
        for (let missing = scale.count - here.length; missing > 0; missing--)
            create.push(region);
        if (here.length > scale.count) {
            const newestFirst = [...here].sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || b.id.localeCompare(a.id));
            destroy.push(...newestFirst.slice(0, here.length - scale.count));
        }
    }
    return { group, create, destroy };
}
/** A config for a brand-new machine cloned from the group's target: its own release history starts empty. */
function freshMachineConfig(template, releaseId) {
    const metadata = { ...(template.metadata ?? {}) };
    for (const key of releaseMetadataKeys)
        delete metadata[key];
    delete metadata.fly_canary;
    return {
        ...template,
        metadata: {
            ...metadata,
            shipgate_release_id: releaseId,
            fly_release_id: releaseId,
            shipgate_images: '[]',
        },
    };
}
/** Creates the missing machines; they count as changed, so a later failure destroys them again. */
async function scaleUp(context, plan, template, releaseId) {
    if (plan.create.length === 0)
        return;
    context.log.info(`scaling ${plan.group}: creating ${plan.create.length} machines`);
    const config = freshMachineConfig(template, releaseId);
    await runPool(plan.create, 8, async (region) => (await createMachine(context, { config, region, group: plan.group, action: 'created' })).ok, () => keepGoing(context));
}
/** Destroys surplus machines, newest first, only once everything else worked: this cannot be undone. */
async function scaleDown(context, plan) {
    const failed = [];
    if (plan.destroy.length > 0)
        context.log.info(`scaling ${plan.group}: destroying ${plan.destroy.length} machines`);
    for (const machine of plan.destroy) {
        if (!(await destroyMachine(context, machine.id, 'destroyed')))
            failed.push(machine.id);
    }
    return failed;
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/strategies.ts






/** flyctl's pool sizes: immediate updates at most 8 at once, cold machines go 30 at a time. */
const immediateConcurrency = 8;
const coldConcurrency = 30;
/**
 * Brings every changed plan to its target with the chosen strategy. Failures are noted on the context
 * (the first one stops every pool) and in the record; this function does not roll back.
 */
async function runStrategy(context, strategy, plans) {
    const changed = plans.filter((plan) => !plan.unchanged);
    if (changed.length === 0)
        return;
    switch (strategy) {
        case 'immediate': {
            const result = await runPool(changed, immediateConcurrency, (plan) => updateMachine(context, plan, { waitForReady: false }), () => keepGoing(context));
            cancel(context, result.notStarted);
            return;
        }
        case 'rolling':
        case 'canary': {
            const groups = groupBy(plans, (plan) => plan.group);
            await Promise.all([...groups.values()].map((group) => strategy === 'rolling' ? rollGroup(context, group, true) : canaryGroup(context, group)));
            return;
        }
        case 'bluegreen':
            await blueGreen(context, changed);
            return;
    }
}
/** Marks plans that never got their turn: they keep their previous config. */
function cancel(context, plans) {
    for (const plan of plans) {
        const entry = context.recorder.get(plan.machine.id);
        entry.action = 'canceled';
        entry.final = 'previous';
        context.log.info(`machine ${plan.machine.id} [${plan.group}] canceled: keeps ${plan.machine.config.image}`);
    }
}
/**
 * One process group, rolling: cold machines first (they serve nothing, so many at once), then warm ones,
 * the first alone as a spearhead, the rest through a continuous pool of max-unavailable.
 */
async function rollGroup(context, group, spearhead) {
    const started = group.filter((plan) => isWarm(plan.machine)).length;
    const poolSize = maxUnavailableCount(context.settings.maxUnavailable, started);
    const { cold, warm } = splitColdWarm(group.filter((plan) => !plan.unchanged));
    const update = (plan) => updateMachine(context, plan, { waitForReady: true });
    const go = () => keepGoing(context);
    const coldResult = await runPool(cold, coldConcurrency, update, go);
    cancel(context, coldResult.notStarted);
    let rest = warm;
    if (spearhead && warm.length > 0) {
        const [first, ...others] = warm;
        rest = others;
        if (!go()) {
            cancel(context, warm);
            return;
        }
        if (!(await update(first))) {
            cancel(context, others);
            return;
        }
    }
    const warmResult = await runPool(rest, poolSize, update, go);
    cancel(context, warmResult.notStarted);
}
/**
 * Canary: one extra machine per group on the new config, never registered with the proxy, must start and
 * pass its checks; it is destroyed either way, then the group's machines roll without a spearhead.
 */
async function canaryGroup(context, group) {
    const changed = group.filter((plan) => !plan.unchanged);
    const template = changed[0];
    if (!template)
        return;
    if (!keepGoing(context)) {
        cancel(context, changed);
        return;
    }
    const region = context.settings.primaryRegion &&
        group.some((plan) => plan.machine.region === context.settings.primaryRegion)
        ? context.settings.primaryRegion
        : template.machine.region;
    const config = {
        ...template.target,
        metadata: { ...(template.target.metadata ?? {}), fly_canary: 'true' },
    };
    const canary = await createMachine(context, {
        config,
        region,
        group: template.group,
        action: 'canary',
        skipServiceRegistration: true,
    });
    if (canary.machine) {
        if (!(await destroyMachine(context, canary.machine.id, 'created-destroyed'))) {
            noteFailure(context, `the canary ${canary.machine.id} could not be destroyed`);
        }
    }
    if (!canary.ok) {
        cancel(context, changed);
        return;
    }
    await rollGroup(context, group, false);
}
/**
 * Bluegreen: a green machine beside every blue, unregistered until all greens are started and healthy;
 * then greens take traffic, blues are drained, cordoned, stopped and destroyed. A failure before greens
 * take traffic destroys the greens and leaves blues untouched; after that there is no way back, and blues
 * that could not be removed are reported for removal by hand.
 */
async function blueGreen(context, blues) {
    const { api, app, recorder, leases, settings } = context;
    const startsPerGroup = new Set();
    for (const blue of blues)
        if (isWarm(blue.machine))
            startsPerGroup.add(blue.group);
    const greens = [];
    const createGreen = async (blue) => {
        // flyctl keeps a stopped blue's green stopped, but starts at least one per group so checks get a say.
        let skipLaunch = !isWarm(blue.machine);
        if (skipLaunch && !startsPerGroup.has(blue.group) && hasChecks(blue.target)) {
            startsPerGroup.add(blue.group);
            skipLaunch = false;
        }
        const result = await createMachine(context, {
            config: blue.target,
            region: blue.machine.region,
            group: blue.group,
            action: 'created',
            skipServiceRegistration: true,
            skipLaunch,
            standsInFor: blue.machine,
        });
        if (result.machine)
            greens.push({ blue, green: result.machine });
        return result.ok;
    };
    const created = await runPool(blues, immediateConcurrency, createGreen, () => keepGoing(context));
    let live = created.ok && keepGoing(context);
    if (live) {
        const uncordoned = await Promise.all(greens.map(async ({ green }) => {
            recorder.mark(green.id, 'uncordon');
            try {
                const nonce = leases.nonce(green.id);
                await api.uncordonMachine(app, green.id, nonce ? { nonce } : {});
                return true;
            }
            catch (error) {
                noteFailure(context, `machine ${green.id}: uncordon failed: ${(0,src/* errorMessage */.gJ)(error)}`);
                recorder.get(green.id).error = `uncordon failed: ${(0,src/* errorMessage */.gJ)(error)}`;
                return false;
            }
        }));
        live = uncordoned.every(Boolean);
    }
    if (!live) {
        context.log.warning('bluegreen: destroying the green machines; the blue ones were not touched');
        await Promise.all(greens.map(({ green }) => destroyMachine(context, green.id, 'created-destroyed')));
        cancel(context, blues);
        return;
    }
    context.log.info(`bluegreen: ${greens.length} green machines take traffic; draining the blue ones`);
    const leftovers = [];
    const retire = async (step, blue) => {
        const id = blue.machine.id;
        recorder.mark(id, step);
        context.log.info(`machine ${id} [${blue.group}] ${step === 'cordon' ? 'cordoned' : 'stopping'}`);
        try {
            const nonce = leases.nonce(id);
            if (step === 'cordon')
                await api.cordonMachine(app, id, nonce ? { nonce } : {});
            else {
                await api.stopMachine(app, id, nonce ? { nonce } : {});
                await api.waitForState(app, id, {
                    states: ['stopped'],
                    deadline: context.now() + settings.waitTimeoutMs,
                });
            }
            return true;
        }
        catch (error) {
            recorder.get(id).error = `${step} failed: ${(0,src/* errorMessage */.gJ)(error)}`;
            leftovers.push(id);
            return false;
        }
    };
    await (0,promises_.setTimeout)(settings.bluegreenDrainMs);
    const cordoned = (await Promise.all(blues.map(async (blue) => ((await retire('cordon', blue)) ? blue : undefined)))).filter((blue) => blue !== undefined);
    await (0,promises_.setTimeout)(settings.bluegreenDrainMs);
    const stopped = (await Promise.all(cordoned.map(async (blue) => ((await retire('stop', blue)) ? blue : undefined)))).filter((blue) => blue !== undefined);
    for (const blue of stopped) {
        if (!(await destroyMachine(context, blue.machine.id, 'destroyed')))
            leftovers.push(blue.machine.id);
    }
    for (const id of leftovers) {
        const entry = recorder.get(id);
        entry.action = 'canceled';
        entry.final = 'previous';
    }
    if (leftovers.length > 0) {
        const list = leftovers.join(', ');
        context.warnings.push(`blue machines left running or stopped, destroy them by hand: ${list}`);
        context.log.warning(`bluegreen: destroy these blue machines by hand: fly machine destroy --force ${list}`);
    }
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/release.ts










/** Lists the machines a deploy may touch; exported for rollback, which starts from the same list. */
async function listDeployable(api, app) {
    return deployableMachines(await api.listMachines(app));
}
/**
 * The common path of deploy and rollback: leases, release command, rollout, scaling, automatic rollback,
 * and the record. Never throws for a failed rollout; the record's outcome says what happened.
 */
async function runRelease(api, input, options) {
    const now = options.now ?? Date.now;
    const recorder = new Recorder(input.startedAt, now);
    const leases = new LeaseSet(api, input.app, input.settings.leaseTtlSeconds, options.log);
    const context = {
        api,
        app: input.app,
        log: options.log,
        leases,
        recorder,
        settings: input.settings,
        now,
        warnings: [],
        ...(options.signal ? { signal: options.signal } : {}),
    };
    const before = new Map(input.machines.map((machine) => [machine.id, machine]));
    for (const plan of input.plans) {
        const entry = recorder.addExisting(plan.machine, plan.group, plan.unchanged ? 'unchanged' : 'canceled');
        if (plan.unchanged) {
            entry.final = 'new';
            entry.next = {
                image: plan.target.image,
                ...(plan.machine.version ? { version: plan.machine.version } : {}),
            };
        }
    }
    const finish = (outcome, extra = {}) => buildRecord(api, input, recorder, context, outcome, extra, now);
    if (input.refuse) {
        options.log.error(input.refuse);
        return finish('failed', { error: input.refuse });
    }
    const scaleGroup = input.scale ? pickScaleGroup(input) : undefined;
    const initialScale = input.scale && scaleGroup
        ? planScale(machinesOf(input.machines, scaleGroup), scaleGroup, input.scale.request)
        : undefined;
    const nothingToDo = input.plans.every((plan) => plan.unchanged) &&
        (!initialScale || (initialScale.create.length === 0 && initialScale.destroy.length === 0)) &&
        (input.destroyAfter ?? []).length === 0;
    if (nothingToDo) {
        options.log.info(`every machine of ${input.app} is already on the target: nothing to do`);
        return finish('unchanged');
    }
    try {
        await leases.acquireAll(input.machines.map((machine) => machine.id), `shipgate ${input.kind} ${input.releaseId}`);
    }
    catch (error) {
        const message = (0,src/* errorMessage */.gJ)(error);
        if (error instanceof LeaseConflictError)
            recorder.mark(error.machineId, 'lease', message);
        options.log.error(message);
        return finish('failed', { error: message });
    }
    for (const machine of input.machines)
        recorder.mark(machine.id, 'lease');
    leases.startRefreshing();
    try {
        let releaseCommandSummary = {};
        if (input.releaseCommand) {
            const result = await runReleaseCommand(context, input.releaseCommand, input.settings.primaryRegion);
            const { machineId, exitCode, durationMs } = result;
            releaseCommandSummary = { releaseCommand: { machineId, exitCode, durationMs } };
            if (result.error)
                return await finish('failed', { error: result.error, ...releaseCommandSummary });
        }
        await runStrategy(context, input.strategy, input.plans);
        let scalePlan;
        if (!context.failure && input.scale && scaleGroup) {
            const template = input.scale.template(scaleGroup);
            const current = machinesOf(await listDeployable(api, input.app), scaleGroup);
            scalePlan = planScale(current, scaleGroup, input.scale.request);
            if (scalePlan.create.length > 0 && !template) {
                context.failure = `cannot create machines for group ${scaleGroup}: no machine or config to clone`;
            }
            else if (template)
                await scaleUp(context, scalePlan, template, input.releaseId);
        }
        if (context.failure) {
            if (!input.autoRollback) {
                return await finish('failed', {
                    error: `${context.failure}; ${describeMix(recorder)}`,
                    ...releaseCommandSummary,
                });
            }
            const notRestored = await restorePrevious(context, before);
            if (notRestored.length > 0) {
                return await finish('rollback-failed', {
                    error: `${context.failure}; rollback failed on ${notRestored.join(', ')}`,
                    ...releaseCommandSummary,
                });
            }
            return await finish('rolled-back', { error: context.failure, ...releaseCommandSummary });
        }
        const undestroyed = [];
        if (scalePlan)
            undestroyed.push(...(await scaleDown(context, scalePlan)));
        for (const machine of input.destroyAfter ?? []) {
            if (!recorder.machines.has(machine.id))
                recorder.addExisting(machine, groupOf(machine), 'destroyed');
            if (!(await destroyMachine(context, machine.id, 'destroyed')))
                undestroyed.push(machine.id);
        }
        if (undestroyed.length > 0) {
            context.warnings.push(`could not destroy ${undestroyed.join(', ')}; the release itself is live`);
        }
        return await finish('succeeded', releaseCommandSummary);
    }
    catch (error) {
        // Only a bug or misuse gets here; still try to leave every machine where it was.
        context.failure ??= (0,src/* errorMessage */.gJ)(error);
        const notRestored = input.autoRollback ? await restorePrevious(context, before) : [];
        return await finish(notRestored.length > 0 ? 'rollback-failed' : input.autoRollback ? 'rolled-back' : 'failed', {
            error: context.failure,
        });
    }
    finally {
        await leases.releaseAll();
    }
}
function machinesOf(machines, group) {
    return machines.filter((machine) => groupOf(machine) === group);
}
function pickScaleGroup(input) {
    if (input.scale?.request.group)
        return input.scale.request.group;
    const groups = new Set(input.machines.map(groupOf));
    return groups.size === 1 ? [...groups][0] : 'app';
}
/** Without automatic rollback, a failed release lists plainly which machines run what. */
function describeMix(recorder) {
    const onNew = [];
    const onPrevious = [];
    const unknown = [];
    for (const entry of recorder.machines.values()) {
        if (entry.final === 'new')
            onNew.push(entry.id);
        else if (entry.final === 'previous')
            onPrevious.push(entry.id);
        else if (entry.final === 'unknown')
            unknown.push(entry.id);
    }
    const parts = [
        `on the new release: ${onNew.join(', ') || 'none'}`,
        `on the previous one: ${onPrevious.join(', ') || 'none'}`,
    ];
    if (unknown.length > 0)
        parts.push(`unknown: ${unknown.join(', ')}`);
    return `no automatic rollback; ${parts.join('; ')}`;
}
async function buildRecord(api, input, recorder, context, outcome, extra, now) {
    // One listing at the end gives each machine's real state and checks, whatever the steps believed.
    if (outcome !== 'unchanged' || recorder.machines.size > 0) {
        try {
            const current = new Map((await api.listMachines(input.app)).map((machine) => [machine.id, machine]));
            for (const entry of recorder.machines.values()) {
                const machine = current.get(entry.id);
                if (!machine) {
                    if (entry.final === 'created-destroyed' || entry.final === 'destroyed')
                        entry.state = 'destroyed';
                    continue;
                }
                entry.state = machine.state;
                if (machine.checks)
                    entry.checks = machine.checks.map((check) => ({ name: check.name, status: check.status }));
            }
        }
        catch (error) {
            context.log.debug(`could not read the machines' final state: ${(0,src/* errorMessage */.gJ)(error)}`);
        }
    }
    const finishedAt = now();
    const error = extra.error;
    const warnings = context.warnings;
    const record = {
        version: 1,
        id: input.releaseId,
        kind: input.kind,
        app: input.app,
        image: input.image,
        previousImage: mostCommonImage(input.machines.map((machine) => machine.config.image)),
        strategy: input.strategy,
        startedAt: new Date(input.startedAt).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
        durationMs: finishedAt - input.startedAt,
        outcome,
        ...(error ? { error } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
        ...(extra.releaseCommand ? { releaseCommand: extra.releaseCommand } : {}),
        machines: [...recorder.machines.values()],
        timeline: recorder.timeline,
    };
    const level = outcome === 'succeeded' || outcome === 'unchanged' ? 'info' : 'error';
    context.log[level](`${input.kind} ${input.releaseId} of ${input.app}: ${outcome}${error ? ` (${error})` : ''}`);
    return record;
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/target.ts


/**
 * The config a group's machines should run, before release metadata: fly.toml's config for the group
 * merged over `existing` when there is one, else `existing` with the new image; then env and guest
 * overrides, which win.
 */
function target_groupConfig(existing, group, request) {
    const desired = request.groups?.[group];
    let config;
    if (desired)
        config = mergeMachineConfig(existing, desired, request.image);
    else if (existing)
        config = { ...deepClone(existing), image: request.image };
    else
        return undefined;
    if (request.env)
        config.env = { ...(config.env ?? {}), ...request.env };
    const guest = request.guest?.[group];
    if (guest) {
        config.guest = {
            ...(config.guest ?? {}),
            ...(guest.memoryMb !== undefined ? { memory_mb: guest.memoryMb } : {}),
            ...(guest.cpus !== undefined ? { cpus: guest.cpus } : {}),
            ...(guest.cpuKind !== undefined ? { cpu_kind: guest.cpuKind } : {}),
        };
    }
    return config;
}
/** The whole config to send to one existing machine, release metadata included. */
function deployTarget(machine, request, releaseId) {
    const config = target_groupConfig(machine.config, groupOf(machine), request);
    return withReleaseMetadata(config, releaseMetadata(machine, releaseId));
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/deploy.ts





const deployDefaults = {
    maxUnavailable: 0.33,
    leaseTtlSeconds: 30,
    healthPollMs: 1000,
    bluegreenDrainMs: 10_000,
};
/** Misuse: arguments no deploy could run with. A failed rollout never throws; this does. */
function checkRequest(request) {
    if (!request.app)
        throw new Error('deploy needs an app name');
    if (!strategies.includes(request.strategy)) {
        throw new Error(`unknown strategy '${request.strategy}': use one of ${strategies.join(', ')}`);
    }
    if (!(request.waitTimeoutMs > 0))
        throw new Error(`waitTimeoutMs must be positive, got ${request.waitTimeoutMs}`);
    if (request.maxUnavailable !== undefined && !(request.maxUnavailable > 0)) {
        throw new Error(`maxUnavailable must be positive, got ${request.maxUnavailable}`);
    }
    if (request.leaseTtlSeconds !== undefined && !(request.leaseTtlSeconds >= 2)) {
        throw new Error(`leaseTtlSeconds must be at least 2, got ${request.leaseTtlSeconds}`);
    }
}
function rolloutSettings(request) {
    return {
        maxUnavailable: request.maxUnavailable ?? deployDefaults.maxUnavailable,
        waitTimeoutMs: request.waitTimeoutMs,
        healthPollMs: request.healthPollMs ?? deployDefaults.healthPollMs,
        leaseTtlSeconds: request.leaseTtlSeconds ?? deployDefaults.leaseTtlSeconds,
        bluegreenDrainMs: request.bluegreenDrainMs ?? deployDefaults.bluegreenDrainMs,
        ...(request.primaryRegion ? { primaryRegion: request.primaryRegion } : {}),
    };
}
/** Misuse of `onlyMachines`, before anything is listed: a subset rolls in place, machine by machine. */
function checkSubset(request) {
    if (!request.onlyMachines)
        return;
    if (request.onlyMachines.length === 0)
        throw new Error('onlyMachines is empty: name at least one machine');
    if (request.strategy === 'bluegreen' || request.strategy === 'canary') {
        throw new Error(`onlyMachines works with the rolling or immediate strategy, not ${request.strategy}`);
    }
    if (request.scale)
        throw new Error('onlyMachines cannot be combined with scale');
}
/** The machines `onlyMachines` names, in deploy order; throws naming ids that are not deployable machines. */
function selectMachines(machines, onlyMachines, app) {
    const known = new Set(machines.map((machine) => machine.id));
    const unknown = [...new Set(onlyMachines)].filter((id) => !known.has(id));
    if (unknown.length > 0) {
        throw new Error(`onlyMachines names machines ${app} has no deployable machine for: ${unknown.join(', ')}`);
    }
    const wanted = new Set(onlyMachines);
    return machines.filter((machine) => wanted.has(machine.id));
}
/**
 * Deploys `request.image` to every machine of the app (or the `onlyMachines` subset): leases, release
 * command, the strategy's rollout, scaling, and automatic rollback on failure. Resolves to the release
 * record whatever happened; throws only for a request no deploy could run.
 */
async function deploy_deploy(api, request, options) {
    checkRequest(request);
    if (!request.image)
        throw new Error('deploy needs an image');
    checkSubset(request);
    const now = options.now ?? Date.now;
    const startedAt = now();
    const releaseId = request.releaseId ?? newReleaseId(startedAt);
    const settings = rolloutSettings(request);
    const base = {
        kind: 'deploy',
        app: request.app,
        image: request.image,
        strategy: request.strategy,
        releaseId,
        autoRollback: request.autoRollback ?? true,
        settings,
        startedAt,
    };
    let everyMachine;
    try {
        everyMachine = await listDeployable(api, request.app);
    }
    catch (error) {
        const refuse = `could not list the machines of ${request.app}: ${(0,src/* errorMessage */.gJ)(error)}`;
        return runRelease(api, { ...base, machines: [], plans: [], refuse }, options);
    }
    const machines = request.onlyMachines
        ? selectMachines(everyMachine, request.onlyMachines, request.app)
        : everyMachine;
    const plans = machines.map((machine) => {
        const target = deployTarget(machine, request, releaseId);
        return { machine, group: groupOf(machine), target, unchanged: isConverged(machine, target) };
    });
    let refuse;
    const changed = plans.filter((plan) => !plan.unchanged);
    if (request.strategy === 'bluegreen' &&
        changed.length > 0 &&
        !changed.some((plan) => hasChecks(plan.target))) {
        refuse =
            'bluegreen needs at least one health check (a [checks] entry or http_service checks) to know the green machines work';
    }
    if (machines.length === 0 && !request.scale) {
        refuse = `${request.app} has no machines to deploy to; create one first or pass scale`;
    }
    warnAboutGroups(request, new Set(everyMachine.map(groupOf)), options);
    const template = (group) => {
        const plan = plans.find((candidate) => candidate.group === group);
        return plan ? plan.target : target_groupConfig(undefined, group, request);
    };
    return runRelease(api, {
        ...base,
        machines,
        plans,
        ...(request.releaseCommand ? { releaseCommand: request.releaseCommand } : {}),
        ...(request.scale ? { scale: { request: request.scale, template } } : {}),
        ...(refuse ? { refuse } : {}),
    }, options);
}
/** fly.toml and the app disagree about process groups: say what this deploy does about it (nothing drastic). */
function warnAboutGroups(request, present, options) {
    if (!request.groups)
        return;
    for (const group of Object.keys(request.groups)) {
        if (!present.has(group) && request.scale?.group !== group) {
            options.log.warning(`process group ${group} has no machines; pass scale with that group to create them`);
        }
    }
    for (const group of present) {
        if (!(group in request.groups)) {
            options.log.warning(`process group ${group} is not in fly.toml; its machines keep their config and get the new image`);
        }
    }
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/rollback.ts





/** The newest version whose config ran `image`, if Fly still keeps one. */
function configForImage(versions, image) {
    const matching = versions
        .filter((version) => version.user_config?.image === image)
        .sort((a, b) => b.version.localeCompare(a.version));
    return matching[0] ? deepClone(matching[0].user_config) : undefined;
}
/**
 * The metadata a rollback writes: like a deploy's, plus `shipgate_rolled_back_from`, so a rollback from
 * metadata run again sees the machine is already rolled back instead of flipping it forward.
 */
function rollbackTarget(machine, base, releaseId) {
    const target = withReleaseMetadata(base, releaseMetadata(machine, releaseId));
    target.metadata = { ...target.metadata, shipgate_rolled_back_from: machine.config.image };
    return target;
}
function plan(machine, base, releaseId) {
    if (!base || configsMatch(machine.config, base)) {
        // Already there (or nothing to go back to): left alone, described by its current config.
        return {
            machine,
            group: groupOf(machine),
            target: machine.config,
            unchanged: base ? isHealthy(machine) : true,
        };
    }
    return {
        machine,
        group: groupOf(machine),
        target: rollbackTarget(machine, base, releaseId),
        unchanged: false,
    };
}
/**
 * Rolls the app back: to a release record's previous configs, to an explicit image, or (with neither) to
 * each machine's `shipgate_previous_image`. Uses the deploy's rollout, leases and health waits; resolves to
 * a release record of its own. Refuses an image never seen on the app unless `force`.
 */
async function rollback(api, request, options) {
    checkRequest(request);
    if (request.record && request.record.app !== request.app) {
        throw new Error(`the release record is for app ${request.record.app}, not ${request.app}`);
    }
    if (request.record && request.image)
        throw new Error('roll back either to a record or to an image, not both');
    const now = options.now ?? Date.now;
    const startedAt = now();
    const releaseId = request.releaseId ?? newReleaseId(startedAt);
    const base = {
        kind: 'rollback',
        app: request.app,
        strategy: request.strategy,
        releaseId,
        autoRollback: request.autoRollback ?? true,
        settings: rolloutSettings(request),
        startedAt,
    };
    const fail = (refuse, machines = []) => runRelease(api, { ...base, image: request.image ?? '', machines, plans: [], refuse }, options);
    let machines;
    const versions = new Map();
    try {
        machines = await listDeployable(api, request.app);
        if (!request.record) {
            await Promise.all(machines.map(async (machine) => versions.set(machine.id, await api.listVersions(request.app, machine.id))));
        }
    }
    catch (error) {
        return fail(`could not read the machines of ${request.app}: ${(0,src/* errorMessage */.gJ)(error)}`);
    }
    const plans = [];
    const destroyAfter = [];
    if (request.record) {
        const entries = new Map(request.record.machines.map((entry) => [entry.id, entry]));
        // A release covers only the machines its record lists (all of them, or an onlyMachines subset);
        // undoing it leaves the others alone, unleased.
        machines = machines.filter((machine) => entries.has(machine.id));
        for (const machine of machines) {
            const entry = entries.get(machine.id);
            if (entry && !entry.previous && (entry.action === 'created' || entry.action === 'canary')) {
                destroyAfter.push(machine);
                continue;
            }
            plans.push(plan(machine, entry?.previous?.config, releaseId));
        }
        const gone = request.record.machines
            .filter((entry) => entry.final === 'destroyed')
            .map((entry) => entry.id);
        if (gone.length > 0) {
            options.log.warning(`the release destroyed ${gone.join(', ')}; a rollback cannot bring those back`);
        }
    }
    else if (request.image) {
        const image = request.image;
        const known = new Set();
        for (const machine of machines) {
            known.add(machine.config.image);
            for (const seen of imageHistory(machine.config))
                known.add(seen);
            for (const version of versions.get(machine.id) ?? [])
                known.add(version.user_config?.image);
        }
        if (!known.has(image) && !request.force) {
            return fail(`${image} never ran on ${request.app}; pass force to roll back to it anyway`, machines);
        }
        for (const machine of machines) {
            const config = configForImage(versions.get(machine.id) ?? [], image) ?? {
                ...deepClone(machine.config),
                image,
            };
            plans.push(plan(machine, config, releaseId));
        }
    }
    else {
        for (const machine of machines) {
            const metadata = machine.config.metadata ?? {};
            const previousImage = metadata.shipgate_previous_image;
            if (metadata.shipgate_rolled_back_from || !previousImage) {
                if (!previousImage)
                    options.log.warning(`machine ${machine.id} has no previous image recorded; left alone`);
                plans.push(plan(machine, undefined, releaseId));
                continue;
            }
            const config = configForImage(versions.get(machine.id) ?? [], previousImage) ?? {
                ...deepClone(machine.config),
                image: previousImage,
            };
            plans.push(plan(machine, config, releaseId));
        }
    }
    const image = request.image ??
        mostCommonImage(plans.filter((entry) => !entry.unchanged).map((entry) => entry.target.image)) ??
        mostCommonImage(machines.map((machine) => machine.config.image)) ??
        '';
    return runRelease(api, { ...base, image, machines, plans, destroyAfter }, options);
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/index.ts








;// CONCATENATED MODULE: ./packages/fly/src/input-values.ts


/** `max-unavailable`: a fraction of a group's started machines below 1, or a count from 1. */
function parseMaxUnavailable(name, raw) {
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value > 0) || (value >= 1 && !Number.isInteger(value))) {
        throw new src/* InputError */.dz(name, `Input '${name}' must be a fraction between 0 and 1 (e.g. 0.33) or a whole count of machines (e.g. 2); got '${raw}'.`);
    }
    return value;
}
/** `wait-timeout`: a Go-style duration (`90s`, `5m`, `1m30s`) or whole seconds. */
function parseTimeout(name, raw) {
    const trimmed = raw.trim();
    let ms;
    if (/^\d+$/.test(trimmed))
        ms = Number(trimmed) * 1000;
    else {
        try {
            ms = parseDuration(trimmed);
        }
        catch {
            ms = undefined;
        }
    }
    if (ms === undefined || !(ms > 0) || ms > 24 * 3600_000) {
        throw new src/* InputError */.dz(name, `Input '${name}' must be a duration such as 90s, 5m or 1m30s, or whole seconds, up to 24h; got '${raw}'.`);
    }
    return ms;
}
/** `memory`: `512mb`, `1gb`, or megabytes. */
function parseMemoryInput(name, raw) {
    let mb;
    try {
        mb = parseMemory(raw.trim());
    }
    catch {
        mb = undefined;
    }
    if (mb === undefined || !Number.isInteger(mb) || mb < 128 || mb > 1_048_576) {
        throw new InputError(name, `Input '${name}' must be a memory size such as 512mb, 1gb or 2048; got '${raw}'.`);
    }
    return mb;
}
const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `env`: one `NAME=value` per line; blank lines and `#` comments skipped. */
function parseEnvLines(name, raw) {
    const env = {};
    for (const [index, line] of raw.split(/\r?\n/).entries()) {
        const text = line.trim();
        if (text === '' || text.startsWith('#'))
            continue;
        const equals = text.indexOf('=');
        const key = equals > 0 ? text.slice(0, equals).trim() : '';
        if (!envName.test(key)) {
            throw new InputError(name, 
            // Only the part before '=' is echoed: a value may be sensitive even here.
            `Input '${name}' line ${index + 1} must be NAME=value with a name of letters, digits and _; got '${(equals >= 0 ? text.slice(0, equals) : text).slice(0, 40)}…'.`);
        }
        env[key] = text.slice(equals + 1);
    }
    return env;
}

;// CONCATENATED MODULE: ./packages/fly/src/action-support.ts









function createClient(token, apiUrl, context) {
    return new FlyClient({ token, baseUrl: apiUrl, log: context.log, userAgent: 'shipgate' });
}
/**
 * The run's signal (aborted when the runner cancels the job): the engine stops starting machines, undoes what
 * it changed and releases its leases before the runner's grace period ends.
 */
function cancellation(context) {
    context.signal.addEventListener('abort', () => context.log.info('stopping the rollout and undoing what changed'), { once: true });
    return context.signal;
}
/** The record's file: the input relative to the workspace, else a file in RUNNER_TEMP. */
async function recordPath(given, record, context) {
    const path = given
        ? (0,external_node_path_.isAbsolute)(given)
            ? given
            : (0,external_node_path_.resolve)(context.run.workspace, given)
        : (0,external_node_path_.join)(context.run.temp, `shipgate-release-${record.app}-${record.id}.json`);
    await context.writeFile(path, releaseRecordText(record));
    return path;
}
/** What both fly-deploy and rollback output for a record. */
function releaseOutputs(record, recordFile, appUrl) {
    const running = record.machines.filter((machine) => machine.final !== 'created-destroyed' && machine.action !== 'destroyed' && machine.action !== 'canary');
    return {
        'release-id': record.id,
        outcome: record.outcome,
        image: finalImage(record),
        'previous-image': record.previousImage ?? '',
        machines: running.length,
        'app-url': appUrl ?? `https://${record.app}.fly.dev`,
        'record-file': recordFile,
        record: compactRecord(record),
    };
}
/** The image the machines run once the release is over: the new one, unless it was rolled back. */
function finalImage(record) {
    const rolledBack = record.outcome === 'rolled-back' || record.outcome === 'rollback-failed';
    return rolledBack ? (record.previousImage ?? record.image) : record.image;
}
/** The record without full configs: outputs share a 1 MB budget per job. */
function compactRecord(record) {
    return {
        ...record,
        machines: record.machines.map(({ previous, ...machine }) => ({
            ...machine,
            previous: previous ? { image: previous.image, version: previous.version } : null,
        })),
    };
}
const defaultFlyToml = ['fly', 'toml'].join('.');
/** The fly.toml an action deploys: the `config` input's file, else the workspace's fly.toml, else none. */
async function readFlyToml(given, context) {
    const { workspace } = context.run;
    // One resolve with a name that is not a constant: ncc would otherwise take `resolve(x, 'fly.toml')` for a
    // file of this repository and bundle a copy of examples/*/fly.toml.
    const path = (0,external_node_path_.resolve)(workspace, given ?? defaultFlyToml);
    if (!(0,external_node_fs_.existsSync)(path)) {
        if (given)
            throw new src/* InputError */.dz('config', `Input 'config' names ${given}, which does not exist.`);
        return undefined;
    }
    const label = (0,external_node_path_.relative)(workspace, path) || path;
    const { config, warnings } = loadFlyToml(await (0,external_node_fs_promises_.readFile)(path, 'utf8'), label);
    for (const warning of warnings)
        context.log.warning(warning);
    context.log.info(`config: ${label}`);
    return { config, label };
}
/**
 * What fly-deploy and canary-promote read alike: the app and image (the inputs, else the fly.toml) and the
 * rollout's pace (the inputs, else the fly.toml's [deploy], else flyctl's defaults).
 */
function rolloutInputs(inputs, flyToml) {
    const settings = flyToml ? deploySettings(flyToml.config) : undefined;
    const app = inputs.app ?? flyToml?.config.app;
    if (!app)
        throw new src/* InputError */.dz('app', "Input 'app' is required: no fly.toml names the app.");
    const image = inputs.image ?? flyToml?.config.build?.image;
    if (!image) {
        throw new src/* InputError */.dz('image', "Input 'image' is required: the fly.toml has no [build] image to deploy.");
    }
    return {
        app,
        image,
        maxUnavailable: inputs['max-unavailable']
            ? parseMaxUnavailable('max-unavailable', inputs['max-unavailable'])
            : (settings?.maxUnavailable ?? 0.33),
        waitTimeoutMs: inputs['wait-timeout']
            ? parseTimeout('wait-timeout', inputs['wait-timeout'])
            : (settings?.waitTimeoutMs ?? 5 * 60_000),
        ...(settings ? { settings } : {}),
    };
}

;// CONCATENATED MODULE: ./packages/fly/src/report/summary.ts

const rowsShown = 100;
/** A Gantt chart past this many machines is unreadable; the table still has them all. */
const chartMachines = 20;
/** The step summary of a release: verdict, a machine table, and the rollout as a Mermaid timeline. */
function renderReleaseSummary(summary, record, action) {
    summary.heading(`${verdictIcon(record)} ${action}: ${verdictText(record)}`);
    renderReleaseDetails(summary, record);
}
/** The release's facts, machine table and timeline, under a heading the caller wrote. */
function renderReleaseDetails(summary, record, options = {}) {
    const facts = [
        `App **${(0,src/* escapeMarkdown */.FV)(record.app)}**, release \`${record.id}\`, strategy ${record.strategy},`,
        `${shortImage(record.previousImage)} → ${shortImage(record.image)}, in ${summary_seconds(record.durationMs)}.`,
    ];
    if (record.releaseCommand) {
        facts.push(`Release command exited ${record.releaseCommand.exitCode ?? '—'} after ${summary_seconds(record.releaseCommand.durationMs)}.`);
    }
    summary.paragraph(facts.join(' '));
    if (record.error && options.showError !== false) {
        summary.paragraph(`**Why:** ${(0,src/* escapeMarkdown */.FV)(record.error)}`);
    }
    if (record.machines.length > 0) {
        summary.table(['machine', 'region', 'group', 'action', 'image', 'state', 'checks', 'now on'], record.machines.slice(0, rowsShown).map(machineRow));
        if (record.machines.length > rowsShown) {
            summary.paragraph(`${record.machines.length - rowsShown} more machines are in the release record.`);
        }
        const failed = record.machines.filter((machine) => machine.error);
        if (failed.length > 0) {
            summary.list(failed.map((machine) => `\`${machine.id}\`: ${(0,src/* escapeMarkdown */.FV)(machine.error ?? '')}`));
        }
    }
    const chart = timelineChart(record);
    if (chart)
        summary.mermaid(chart);
}
function verdictIcon(record) {
    if (record.outcome === 'succeeded' || record.outcome === 'unchanged')
        return '✅';
    return record.outcome === 'rolled-back' ? '↩️' : '❌';
}
function verdictText(record) {
    switch (record.outcome) {
        case 'succeeded':
            return `${summary_count(record, (machine) => machine.final === 'new')} on ${shortImage(record.image)}`;
        case 'unchanged':
            return `every machine already runs ${shortImage(record.image)}; nothing changed`;
        case 'rolled-back':
            return `the rollout failed and every changed machine is back on ${shortImage(record.previousImage)}`;
        case 'rollback-failed':
            return 'the rollout failed and the automatic rollback did not finish: see the machines below';
        default:
            return 'the rollout failed';
    }
}
function summary_count(record, test) {
    const n = record.machines.filter(test).length;
    return `${n} machine${n === 1 ? '' : 's'}`;
}
function machineRow(machine) {
    const before = shortImage(machine.previous?.image);
    const after = shortImage(machine.next?.image);
    const checks = machine.checks.length
        ? machine.checks
            .map((check) => `${check.status === 'passing' ? '✅' : '❌'} ${(0,src/* escapeMarkdown */.FV)(check.name)}`)
            .join('<br>')
        : '—';
    return [
        `\`${machine.id}\``,
        machine.region,
        (0,src/* escapeMarkdown */.FV)(machine.group),
        machine.action,
        before === after ? before : `${before} → ${after}`,
        machine.state,
        checks,
        machine.final,
    ];
}
/** `registry.fly.io/shop-app:v2` → `shop-app:v2`; digests shortened. */
function shortImage(image) {
    if (!image)
        return '—';
    const last = image.slice(image.lastIndexOf('/') + 1);
    return last.replace(/@sha256:([0-9a-f]{12})[0-9a-f]*/, '@sha256:$1…');
}
function summary_seconds(ms) {
    if (ms === undefined)
        return '—';
    return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
const phaseLabel = {
    lease: 'leased',
    'release-command': 'release command',
    create: 'booting',
    update: 'replacing',
    started: 'health checks',
    healthy: 'serving',
    rollback: 'rolling back',
    cordon: 'draining',
    uncordon: 'taking traffic',
    stop: 'stopping',
    destroy: 'destroying',
};
/**
 * A Gantt chart of each machine's phases (GitHub renders Mermaid in step summaries). Each bar runs from one
 * timeline entry to the machine's next; a bar that ends in a failure is marked critical.
 */
function timelineChart(record) {
    const byMachine = new Map();
    for (const entry of record.timeline) {
        if (entry.phase === 'lease')
            continue;
        const key = entry.machineId || 'release';
        const list = byMachine.get(key) ?? [];
        list.push(entry);
        byMachine.set(key, list);
    }
    if (byMachine.size === 0)
        return undefined;
    const lines = [
        'gantt',
        `  title Rollout of ${record.id}`,
        '  dateFormat x',
        '  axisFormat %M:%S',
    ];
    let shown = 0;
    for (const [machineId, entries] of byMachine) {
        if (shown++ === chartMachines) {
            lines.push(`  section +${byMachine.size - chartMachines} more`);
            break;
        }
        lines.push(`  section ${machineId}`);
        const sorted = [...entries].sort((a, b) => a.at - b.at);
        for (const [index, entry] of sorted.entries()) {
            const next = sorted[index + 1];
            let end = next?.at;
            if (end === undefined && entry.phase === 'release-command' && record.releaseCommand) {
                end = entry.at + record.releaseCommand.durationMs;
            }
            const label = phaseLabel[entry.phase] ?? entry.phase;
            if (end === undefined) {
                if (sorted.length === 1)
                    lines.push(`    ${label} :milestone, ${Math.round(entry.at)}, 0`);
                break;
            }
            const tag = next?.phase === 'failed' || entry.phase === 'failed' ? 'crit, ' : 'done, ';
            lines.push(`    ${label} :${tag}${Math.round(entry.at)}, ${Math.round(Math.max(end, entry.at + 1))}`);
        }
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./packages/fly/src/index.ts







;// CONCATENATED MODULE: ./packages/canary/src/plan.ts

/**
 * Splits `1:10m, 25%, 50%, 100%` into entries. A duration parser is passed in so the caller's error names
 * its own input.
 */
function parsePlanEntries(spec, parseBake) {
    return spec
        .split(/[\s,]+/)
        .filter((token) => token !== '')
        .map((token) => {
        const colon = token.indexOf(':');
        if (colon === -1)
            return { share: token };
        return { share: token.slice(0, colon), bakeMs: parseBake(token.slice(colon + 1)) };
    });
}
/** The steps for a group of `machineCount` machines; entries landing on the same count merge (longest bake). */
function planSteps(entries, machineCount, bakeMs) {
    const steps = canaryStepPlan(entries.map((entry) => entry.share), machineCount);
    return steps.map((step, index) => ({
        number: index + 1,
        count: step.count,
        shares: step.entries.map((entry) => entries[entry].share).join(', '),
        bakeMs: Math.max(...step.entries.map((entry) => entries[entry].bakeMs ?? bakeMs)),
        final: index === steps.length - 1,
    }));
}
/**
 * The order machines become canaries: one per region in turn (so the first steps see every region's
 * traffic as early as the counts allow), by id within a region.
 */
function canaryOrder(machines) {
    const byRegion = new Map();
    for (const machine of [...machines].sort((a, b) => a.id.localeCompare(b.id))) {
        const list = byRegion.get(machine.region) ?? [];
        list.push(machine);
        byRegion.set(machine.region, list);
    }
    const regions = [...byRegion.keys()].sort();
    const ordered = [];
    for (let round = 0; ordered.length < machines.length; round++) {
        for (const region of regions) {
            const machine = byRegion.get(region)[round];
            if (machine)
                ordered.push(machine);
        }
    }
    return ordered;
}
function inGroup(machines, group) {
    return machines.filter((machine) => groupOf(machine) === group);
}

;// CONCATENATED MODULE: ./packages/canary/src/record.ts
/** From the point of view of a rollback's record, `new` is the baseline again. */
const afterRestore = {
    new: 'previous',
    previous: 'new',
    'created-destroyed': 'created-destroyed',
    destroyed: 'destroyed',
    unknown: 'unknown',
};
/**
 * One record for the whole promotion: every step's machines with their previous configs (what a rollback
 * needs), the timelines on one clock, and, when the canaries were put back, where each machine ended up.
 */
function combineRecords(parts) {
    const machines = new Map();
    for (const entry of parts.adopted ?? [])
        machines.set(entry.id, entry);
    for (const step of parts.steps)
        for (const entry of step.machines)
            machines.set(entry.id, entry);
    for (const entry of parts.restore?.machines ?? []) {
        const moved = machines.get(entry.id);
        if (!moved)
            continue;
        machines.set(entry.id, {
            ...moved,
            final: afterRestore[entry.final],
            state: entry.state,
            checks: entry.checks,
            ...(entry.error ? { error: entry.error } : {}),
        });
    }
    const timeline = [...parts.steps, ...(parts.restore ? [parts.restore] : [])].flatMap((record) => {
        const offset = Date.parse(record.startedAt) - parts.startedAt;
        return record.timeline.map((entry) => ({ ...entry, at: entry.at + offset }));
    });
    const warnings = [...parts.steps, ...(parts.restore ? [parts.restore] : [])].flatMap((record) => record.warnings ?? []);
    return {
        version: 1,
        id: parts.id,
        kind: 'deploy',
        app: parts.app,
        image: parts.image,
        previousImage: parts.canary.baselineImage,
        strategy: 'canary',
        startedAt: new Date(parts.startedAt).toISOString(),
        finishedAt: new Date(parts.finishedAt).toISOString(),
        durationMs: parts.finishedAt - parts.startedAt,
        outcome: parts.outcome,
        ...(parts.error ? { error: parts.error } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
        machines: [...machines.values()],
        timeline: timeline.sort((a, b) => a.at - b.at),
        canary: { ...parts.canary },
    };
}

;// CONCATENATED MODULE: ./packages/canary/src/promote.ts




/** A request no promotion can run with (too few machines, a bad plan): thrown, not recorded. */
class CanaryRequestError extends Error {
}
/**
 * Promotes `image` on the app step by step. Each step moves more of the group's machines with the deploy
 * engine (leases, health waits, automatic rollback of the step), then bakes: probes canary and baseline
 * machines alike and lets the analysis decide. An abort, a failed step or a cancellation puts every canary
 * machine back on its previous config with the engine's rollback, health-checked. After the last analysed
 * step the remaining machines, every process group's, follow with `strategy`.
 */
async function promoteCanary(api, request, options) {
    const { log, signal } = options;
    const now = options.now ?? Date.now;
    const startedAt = now();
    const releaseId = request.releaseId ?? newReleaseId(startedAt);
    const everyMachine = deployableMachines(await api.listMachines(request.app));
    const group = inGroup(everyMachine, request.group);
    if (group.length < 2) {
        throw new CanaryRequestError(`a canary needs at least 2 machines in process group ${request.group} of ${request.app} (it has ${group.length}): ` +
            'one to try the image and one to compare it with; use fly-deploy for a single machine');
    }
    const onImage = (machine) => machine.config.image === request.image;
    let steps;
    try {
        steps = planSteps(request.plan, group.length, request.bakeMs);
    }
    catch (error) {
        throw new CanaryRequestError(error.message);
    }
    if (steps.length < 2) {
        throw new CanaryRequestError(`the plan '${request.plan.map((entry) => entry.share).join(', ')}' goes to 100% in one step on ${group.length} machines: nothing would be measured`);
    }
    const baselineImage = mostCommonImage(group.filter((machine) => !onImage(machine)).map((m) => m.config.image));
    const section = {
        decision: 'promoted',
        stepReached: 0,
        stepCount: steps.length,
        group: request.group,
        baselineImage,
        steps: [],
    };
    const rollout = {
        app: request.app,
        image: request.image,
        maxUnavailable: request.maxUnavailable,
        waitTimeoutMs: request.waitTimeoutMs,
        autoRollback: true,
        releaseId,
        ...request.deploy,
    };
    let adopted = [];
    /** The promotion's record so far: what every part of it shares, around the parts that differ. */
    const combined = (parts) => combineRecords({
        id: releaseId,
        app: request.app,
        image: request.image,
        startedAt,
        finishedAt: now(),
        canary: section,
        adopted,
        ...parts,
    });
    const resultOf = (record) => ({
        decision: section.decision,
        stepReached: section.stepReached,
        stepCount: section.stepCount,
        record,
    });
    if (everyMachine.every(onImage)) {
        const record = await deploy_deploy(api, { ...rollout, strategy: request.strategy }, { log, ...(signal ? { signal } : {}) });
        section.decision = 'unchanged';
        log.info(`every machine of ${request.app} already runs ${request.image}; nothing to promote`);
        return resultOf(combined({
            steps: [record],
            outcome: record.outcome,
            ...(record.error ? { error: record.error } : {}),
        }));
    }
    // Machines of the group already on the image (a promotion that died midway) are the first canaries.
    const adoptedMachines = group.filter(onImage);
    adopted = await adopt(api, request.app, adoptedMachines, baselineImage, log);
    const order = [...adoptedMachines, ...canaryOrder(group.filter((machine) => !onImage(machine)))];
    const records = [];
    let placed = adoptedMachines.length;
    let stop;
    for (const step of steps) {
        const stepStarted = now();
        const moving = step.final
            ? everyMachine.filter((machine) => !order.slice(0, placed).includes(machine))
            : order.slice(placed, Math.max(placed, step.count));
        const what = step.final ? 'promotion' : `step ${step.number} of ${steps.length} (${step.shares})`;
        let moved;
        if (moving.length > 0) {
            log.info(`${what}: ${moving.length} machine${moving.length === 1 ? '' : 's'} to ${request.image}`);
            moved = await deploy_deploy(api, {
                ...rollout,
                strategy: step.final ? request.strategy : 'rolling',
                onlyMachines: moving.map((machine) => machine.id),
            }, { log, ...(signal ? { signal } : {}) });
            records.push(moved);
        }
        placed = step.final ? order.length : Math.max(placed, step.count);
        section.stepReached = step.number;
        const report = {
            number: step.number,
            shares: step.shares,
            count: step.final ? group.length : placed,
            groupSize: group.length,
            final: step.final,
            moved: moving.map((machine) => machine.id),
            rollout: moved
                ? {
                    outcome: moved.outcome,
                    ...(moved.error ? { error: moved.error } : {}),
                    durationMs: moved.durationMs,
                }
                : null,
            startedAt: new Date(stepStarted).toISOString(),
            finishedAt: '',
        };
        section.steps.push(report);
        const finish = () => {
            report.finishedAt = new Date(now()).toISOString();
            options.onStep?.(report);
        };
        if (moved && moved.outcome !== 'succeeded' && moved.outcome !== 'unchanged') {
            finish();
            stop = { decision: 'failed', error: `${what} failed: ${moved.error ?? moved.outcome}` };
            break;
        }
        if (step.final) {
            finish();
            break;
        }
        const canary = order.slice(0, placed).map((machine) => machine.id);
        const baseline = order.slice(placed).map((machine) => machine.id);
        log.info(`${what}: baking ${Math.round(step.bakeMs / 1000)} s, ${canary.length} canary vs ${baseline.length} baseline machine${baseline.length === 1 ? '' : 's'}`);
        let analysis;
        try {
            analysis = await bakeStep({
                app: request.app,
                canary,
                baseline,
                bakeMs: step.bakeMs,
                probes: request.probes,
                policy: request.policy,
                ...(request.metrics ? { metrics: request.metrics } : {}),
            }, log, signal);
        }
        catch (error) {
            finish();
            stop = signal?.aborted
                ? { decision: 'failed', error: `${what}: the run was canceled during the bake` }
                : { decision: 'aborted', error: `${what}: the analysis could not run: ${error.message}` };
            break;
        }
        report.analysis = analysis;
        finish();
        log.info(`${what}: ${analysis.decision} — ${analysis.reasons.join('; ')}`);
        if (analysis.decision === 'abort') {
            stop = { decision: 'aborted', error: `${what} aborted: ${analysis.reasons.join('; ')}` };
            break;
        }
    }
    if (!stop) {
        section.decision = 'promoted';
        return resultOf(combined({ steps: records, outcome: 'succeeded' }));
    }
    // Put the canaries back: a rollback from everything moved so far restores each machine's own previous config.
    section.decision = stop.decision;
    const partial = combined({ steps: records, outcome: 'failed' });
    log.warning(`${stop.error}; putting the canary machines back on ${baselineImage ?? 'their previous release'}`);
    const restore = await rollback(api, {
        app: request.app,
        record: partial,
        strategy: 'rolling',
        maxUnavailable: request.maxUnavailable,
        waitTimeoutMs: request.waitTimeoutMs,
    }, 
    // Not the run's signal: a canceled run must still put its canaries back.
    { log });
    const restored = restore.outcome === 'succeeded' || restore.outcome === 'unchanged';
    const outcome = restored ? 'rolled-back' : 'rollback-failed';
    const error = restored
        ? stop.error
        : `${stop.error}; putting the canaries back failed: ${restore.error ?? restore.outcome}`;
    return resultOf(combined({ steps: records, restore, outcome, error }));
}
/**
 * Record entries for machines already on the new image when the promotion starts, with the config they ran
 * the baseline image with (from Fly's machine versions), so putting the canaries back includes them.
 */
async function adopt(api, app, machines, baselineImage, log) {
    if (machines.length === 0)
        return [];
    log.warning(`${machines.length} machine${machines.length === 1 ? '' : 's'} of the group already run the image (an earlier promotion stopped midway?); they count as the first canaries`);
    return Promise.all(machines.map(async (machine) => {
        const config = baselineImage
            ? configForImage(await api.listVersions(app, machine.id), baselineImage)
            : undefined;
        if (!config)
            log.warning(`machine ${machine.id} has no version on ${baselineImage ?? 'the baseline'}; an abort leaves it as it is`);
        return {
            id: machine.id,
            region: machine.region,
            group: groupOf(machine),
            action: 'unchanged',
            previous: config ? { image: config.image, config } : null,
            next: { image: machine.config.image },
            final: 'new',
            state: machine.state,
            checks: [],
            timings: {},
        };
    }));
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
            text = await readFile(sources.file.path, 'utf8');
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

;// CONCATENATED MODULE: ./packages/probe/src/index.ts















;// CONCATENATED MODULE: ./packages/canary/src/summary.ts



/** The step summary of a promotion: the decision, a table and charts of every step's analysis, the machines. */
function renderCanarySummary(summary, record) {
    const canary = record.canary;
    if (!canary)
        throw new Error('not a canary promotion record');
    summary.heading(`${icon(canary.decision)} canary-promote: ${headline(record, canary)}`);
    if (record.error)
        summary.paragraph(`**Why:** ${(0,src/* escapeMarkdown */.FV)(record.error)}`);
    const analysed = canary.steps.filter((step) => step.analysis);
    if (analysed.length > 0) {
        summary.table(['step', 'canaries', 'requests', 'error rate', 'p50', 'p95', 'latency test', 'error test', 'decision'], analysed.map(stepRow));
        summary.paragraph('Each cell is canary / baseline. The tests are one-sided (is the canary worse?), each at ' +
            `α = ${formatNumber(analysed[0].analysis.probes.alphaPerTest)}.`);
        const reasons = analysed.flatMap((step) => step.analysis.reasons.map((reason) => `Step ${step.number}: ${(0,src/* escapeMarkdown */.FV)(reason)}`));
        summary.list(reasons);
        const metrics = analysed.flatMap((step) => (step.analysis.metrics?.results ?? []).map((result) => [
            String(step.number),
            (0,src/* escapeMarkdown */.FV)(result.name),
            result.outcome,
            (0,src/* escapeMarkdown */.FV)(result.reason),
        ]));
        if (metrics.length > 0)
            summary.table(['step', 'query', 'outcome', 'measured'], metrics);
        summary.mermaid(latencyChart(analysed));
        summary.mermaid(errorChart(analysed));
    }
    const moves = canary.steps.filter((step) => step.rollout);
    if (moves.length > 0) {
        summary.table(['step', 'machines moved', 'rollout', 'took'], moves.map((step) => [
            step.final ? `${step.number} (promotion)` : String(step.number),
            String(step.moved.length),
            step.rollout.outcome,
            formatMs(step.rollout.durationMs),
        ]));
    }
    // The reason is already under the heading.
    renderReleaseDetails(summary, record, { showError: false });
}
function icon(decision) {
    return { promoted: '✅', unchanged: '✅', aborted: '↩️', failed: '❌' }[decision];
}
function headline(record, canary) {
    const image = shortImage(record.image);
    const baseline = shortImage(canary.baselineImage);
    switch (canary.decision) {
        case 'promoted':
            return `${image} promoted in ${canary.stepCount} steps`;
        case 'unchanged':
            return `every machine already runs ${image}`;
        case 'aborted':
            return record.outcome === 'rolled-back'
                ? `${image} aborted at step ${canary.stepReached} of ${canary.stepCount}; the canaries are back on ${baseline}`
                : `${image} aborted at step ${canary.stepReached} of ${canary.stepCount}, and putting the canaries back failed`;
        default:
            return record.outcome === 'rolled-back'
                ? `${image} failed at step ${canary.stepReached} of ${canary.stepCount}; the canaries are back on ${baseline}`
                : `${image} failed at step ${canary.stepReached} of ${canary.stepCount}: see the machines below`;
    }
}
function stepRow(step) {
    const analysis = step.analysis;
    const { canary, baseline, tests } = analysis.probes;
    const pair = (pick) => `${pick(canary)} / ${pick(baseline)}`;
    const ms = (value) => (value === undefined ? '—' : formatMs(value));
    const latency = tests.latency
        ? `U = ${formatNumber(tests.latency.u)}, p = ${formatNumber(tests.latency.pValue)}`
        : '—';
    const errors = tests.errors ? `${tests.errors.method}, p = ${formatNumber(tests.errors.pValue)}` : '—';
    const extended = analysis.extensions > 0 ? ` (extended ${analysis.extensions}×)` : '';
    return [
        `${step.number} (${(0,src/* escapeMarkdown */.FV)(step.shares)})`,
        `${step.count} of ${step.groupSize}`,
        pair((side) => String(side.requests)),
        pair((side) => `${(side.errorRate * 100).toFixed(1)}%`),
        pair((side) => ms(side.p50)),
        pair((side) => ms(side.p95)),
        latency,
        errors,
        `${analysis.decision}${extended}`,
    ];
}
function latencyChart(steps) {
    return xyChart('p95 latency per step, ms (bars: baseline, line: canary)', steps, (side) => Math.round(side.p95 ?? 0));
}
function errorChart(steps) {
    return xyChart('error rate per step, % (bars: baseline, line: canary)', steps, (side) => Math.round(side.errorRate * 1000) / 10);
}
function xyChart(title, steps, value) {
    const probes = steps.map((step) => step.analysis.probes);
    const labels = steps.map((step) => `"${step.number} (${step.shares.replace(/"/g, '')})"`);
    const canary = probes.map((probe) => value(probe.canary));
    const baseline = probes.map((probe) => value(probe.baseline));
    const top = Math.max(1, ...canary, ...baseline);
    return [
        'xychart-beta',
        `  title "${title}"`,
        `  x-axis [${labels.join(', ')}]`,
        `  y-axis 0 --> ${Math.ceil(top * 1.1)}`,
        `  bar [${baseline.join(', ')}]`,
        `  line [${canary.join(', ')}]`,
    ].join('\n');
}
/** Two significant digits, scientific below 0.0001 so a tiny p-value does not print as 0. */
function formatNumber(value) {
    if (value === 0)
        return '0';
    if (Math.abs(value) < 1e-4)
        return value.toExponential(1);
    return String(Number(value.toPrecision(value >= 100 ? 6 : 2)));
}

;// CONCATENATED MODULE: ./packages/canary/src/index.ts






;// CONCATENATED MODULE: ./packages/github/src/deployment-record.ts

/**
 * A GitHub deployment for a release, `in_progress` at once and finished with the outcome. Recording is
 * bookkeeping: a failure here (a token without `deployments: write`) is a warning, never the release's
 * failure.
 */
async function startDeploymentRecord(api, input, log) {
    let id;
    try {
        const created = await api.createDeployment(input.owner, input.repo, {
            ref: input.ref,
            environment: input.environment,
            description: input.description,
            autoMerge: false,
            requiredContexts: [],
            ...(input.payload ? { payload: input.payload } : {}),
            ...(input.productionEnvironment !== undefined
                ? { productionEnvironment: input.productionEnvironment }
                : {}),
        });
        id = created?.id;
        if (id !== undefined) {
            await api.createDeploymentStatus(input.owner, input.repo, id, {
                state: 'in_progress',
                description: input.description,
                ...(input.logUrl ? { logUrl: input.logUrl } : {}),
            });
            log.info(`GitHub deployment ${id} to ${input.environment}: in progress`);
        }
    }
    catch (thrown) {
        log.warning(`could not record a GitHub deployment to ${input.environment}: ${(0,src/* errorMessage */.gJ)(thrown)}`);
    }
    return {
        id,
        async finish(state, details) {
            if (id === undefined)
                return;
            try {
                await api.createDeploymentStatus(input.owner, input.repo, id, {
                    state,
                    autoInactive: state === 'success',
                    ...(details.environmentUrl ? { environmentUrl: details.environmentUrl } : {}),
                    ...(details.description ? { description: details.description } : {}),
                    ...(input.logUrl ? { logUrl: input.logUrl } : {}),
                });
                log.info(`GitHub deployment ${id} to ${input.environment}: ${state}`);
            }
            catch (thrown) {
                log.warning(`could not set GitHub deployment ${id} to ${state}: ${(0,src/* errorMessage */.gJ)(thrown)}`);
            }
        },
    };
}
/**
 * Where a run's deployment record goes, from the runner's environment: the repository, the commit, and the
 * run as log link. undefined (with the reason) outside a GitHub run that names them.
 */
function deploymentTarget(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
        return { missing: 'GITHUB_REPOSITORY' };
    const ref = env.GITHUB_SHA;
    if (!ref)
        return { missing: 'GITHUB_SHA' };
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const logUrl = env.GITHUB_RUN_ID
        ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    return { owner, repo, ref, ...(logUrl ? { logUrl } : {}) };
}
/**
 * A deployment record of this workflow run's commit, through a client of the run's GitHub API
 * (GITHUB_API_URL); undefined, with a warning, outside a run that names its repository and commit.
 */
async function startRunDeployment(options) {
    const target = deploymentTarget(options.env);
    if ('missing' in target) {
        options.log.warning(`no GitHub deployment is recorded: ${target.missing} is not set (not a workflow run)`);
        return undefined;
    }
    const { createGitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(602), __webpack_require__.e(13)]).then(__webpack_require__.bind(__webpack_require__, 1013));
    const api = createGitHubClient({
        token: options.token,
        baseUrl: options.env.GITHUB_API_URL ?? 'https://api.github.com',
        log: options.log,
    });
    return startDeploymentRecord(api, {
        ...target,
        environment: options.environment,
        description: options.description,
        ...(options.payload ? { payload: options.payload } : {}),
    }, options.log);
}
/**
 * The GitHub deployment of a release when the action was given `github-token`, else undefined. Octokit loads
 * only then; recording never fails the release (see startDeploymentRecord).
 */
async function recordGitHubDeployment(inputs, context, details) {
    const token = inputs['github-token'];
    if (!token)
        return undefined;
    // A promotion dispatched from main ships an older commit than the run's own: record that one.
    const env = inputs.commit ? { ...process.env, GITHUB_SHA: inputs.commit } : process.env;
    return startRunDeployment({ token, ...details, env, log: context.log });
}

;// CONCATENATED MODULE: ./actions/canary-promote/src/promote.ts






/** Wires canary-promote's inputs to the promotion engine, and its record to a file, outputs and the summary. */
async function promoteAction(inputs, token, context) {
    const { log, summary } = context;
    const flyToml = await readFlyToml(inputs.config, context);
    const { app, image, maxUnavailable, waitTimeoutMs } = rolloutInputs(inputs, flyToml);
    const bakeMs = parseTimeout('bake', inputs.bake);
    const plan = parsePlanEntries(inputs.steps, (text) => parseTimeout('steps', text));
    try {
        // The plan's shape, before any machine is listed: a typo fails here, not after the first step.
        planSteps(plan, 100, bakeMs);
    }
    catch (error) {
        throw new src/* InputError */.dz('steps', `Input 'steps': ${error.message}.`);
    }
    const headers = inputs.headers ? parseHeaderLines(inputs.headers, "input 'headers'") : undefined;
    for (const value of Object.values(headers ?? {}))
        context.mask(value);
    const appUrl = inputs['app-url'] ?? `https://${app}.fly.dev`;
    const request = {
        app,
        image,
        plan,
        bakeMs,
        group: inputs['process-group'],
        strategy: inputs.strategy,
        maxUnavailable,
        waitTimeoutMs,
        probes: {
            appUrl,
            paths: inputs.paths,
            ratePerSecond: inputs['probe-rate'],
            ...(headers ? { headers } : {}),
        },
        policy: policyFrom(inputs),
    };
    if (flyToml) {
        request.deploy = { groups: machineConfigs(flyToml.config) };
        if (flyToml.config.primary_region)
            request.deploy.primaryRegion = flyToml.config.primary_region;
    }
    const metrics = await prometheusSource(inputs);
    if (metrics)
        request.metrics = metrics;
    log.info(`promoting ${image} on ${app} in steps ${inputs.steps}, probing ${appUrl}`);
    const deployment = await recordGitHubDeployment(inputs, context, {
        environment: inputs['github-environment'] ?? app,
        description: `${shortImage(image)} to ${app} (canary ${inputs.steps})`,
        payload: { app, image, strategy: 'canary', steps: inputs.steps },
    });
    const client = createClient(token, inputs['api-url'], context);
    try {
        let result;
        try {
            result = await promoteCanary(client, request, { log, signal: cancellation(context) });
        }
        catch (error) {
            if (error instanceof CanaryRequestError) {
                await deployment?.finish('failure', { description: 'nothing to promote on' });
                return { outputs: {}, failure: error.message };
            }
            throw error;
        }
        const { record, decision } = result;
        const recordFile = await recordPath(inputs['record-file'], record, context);
        renderCanarySummary(summary, record);
        const outputs = {
            decision,
            'step-reached': result.stepReached,
            steps: result.stepCount,
            'release-id': record.id,
            image,
            'previous-image': record.previousImage ?? '',
            'app-url': appUrl,
            'record-file': recordFile,
            record: compactRecord(record),
        };
        const ok = decision === 'promoted' || decision === 'unchanged';
        await deployment?.finish(ok ? 'success' : 'failure', {
            environmentUrl: appUrl,
            description: `${shortImage(image)}: ${decision} at step ${result.stepReached} of ${result.stepCount}`,
        });
        return ok ? { outputs } : { outputs, failure: record.error ?? `the promotion ended ${decision}` };
    }
    catch (thrown) {
        await deployment?.finish('error', { description: 'the promotion stopped with an error' });
        throw thrown;
    }
    finally {
        await client.close();
    }
}
function policyFrom(inputs) {
    const confidence = Number(inputs.confidence);
    if (!/^0?\.\d+$/.test(inputs.confidence.trim()) || !(confidence >= 0.5 && confidence < 1)) {
        throw new src/* InputError */.dz('confidence', `Input 'confidence' must be a number from 0.5 to below 1 (e.g. 0.99); got '${inputs.confidence}'.`);
    }
    const burst = /^\s*(\d+)\s+in\s+(\d+)\s*$/.exec(inputs.burst);
    if (!burst || Number(burst[1]) < 1 || Number(burst[1]) > Number(burst[2])) {
        throw new src/* InputError */.dz('burst', `Input 'burst' must read '<errors> in <requests>' with errors from 1 up to requests (e.g. 5 in 10); got '${inputs.burst}'.`);
    }
    return canaryPolicySchema.parse({
        confidence,
        minSamples: inputs['min-samples'],
        maxErrorRate: parseRate('max-error-rate', inputs['max-error-rate']),
        maxP95Ms: parseLatency('max-p95', inputs['max-p95'], false),
        latencyMarginMs: parseLatency('latency-margin', inputs['latency-margin'], true),
        burst: { errors: Number(burst[1]), window: Number(burst[2]) },
        maxExtensions: inputs['max-extensions'],
    });
}
/** `1%`, `0.5%` or a fraction `0.01`. */
function parseRate(name, raw) {
    const text = raw.trim();
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
    const value = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= 0 && value <= 1)) {
        throw new src/* InputError */.dz(name, `Input '${name}' must be a percentage (1%) or a fraction (0.01) from 0 to 1; got '${raw}'.`);
    }
    return value;
}
function parseLatency(name, raw, zeroAllowed) {
    let ms;
    try {
        ms = parseDuration(raw.trim());
    }
    catch {
        ms = Number.NaN;
    }
    if (!(ms > 0 || (zeroAllowed && ms === 0)) || ms > 3_600_000) {
        throw new src/* InputError */.dz(name, `Input '${name}' must be a duration such as 800ms or 5s; got '${raw}'.`);
    }
    return ms;
}
async function prometheusSource(inputs) {
    const url = inputs['prometheus-url'];
    const text = inputs['prometheus-queries'];
    if (!text) {
        if (url)
            throw new src/* InputError */.dz('prometheus-queries', "Input 'prometheus-url' is set but 'prometheus-queries' is empty.");
        return undefined;
    }
    if (!url)
        throw new src/* InputError */.dz('prometheus-url', "Input 'prometheus-queries' needs 'prometheus-url'.");
    const checks = await parsePrometheusChecks(text, 'prometheus-queries');
    const token = inputs['prometheus-token'];
    const maxExtensions = inputs['max-extensions'];
    return {
        name: 'Prometheus',
        async evaluate(target, extensionsUsed, signal) {
            const results = await evaluatePrometheusChecks(checks, {
                url,
                ...(token ? { token } : {}),
                vars: target,
                signal,
            });
            return { ...prometheusVerdict(results, extensionsUsed, maxExtensions), results };
        },
    };
}


/***/ })

};
