export const id = 265;
export const ids = [265];
export const modules = {

/***/ 1265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mirrorAction: () => (/* binding */ mirrorAction)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/kit/src/index.ts + 1 modules
var src = __webpack_require__(316);
;// CONCATENATED MODULE: ./packages/fly/src/token.ts

/**
 * The Fly token from the input, else FLY_API_TOKEN, masked before anything can print it. Light on purpose:
 * actions call it before loading the client, so a run without a token fails at once.
 */
function resolveToken(given, context) {
    const token = given?.trim() || process.env.FLY_API_TOKEN?.trim();
    if (!token) {
        throw new InputError('fly-api-token', "Input 'fly-api-token' is required: pass a Fly API token from a secret, or set FLY_API_TOKEN.");
    }
    context.mask(token);
    // fly-go accepts the token with its scheme word; mask the bare token as well.
    const bare = stripScheme(token);
    if (bare && bare !== token)
        context.mask(bare);
    return token;
}
const macaroonPrefixes = ['fm1r_', 'fm1a_', 'fm2_'];
/**
 * The Authorization header as fly-go builds it (tokens/tokens.go): macaroons go under one `FlyV1` scheme,
 * comma-joined; anything else is an OAuth or personal token sent as `Bearer`.
 */
function authorizationHeader(token) {
    const bare = stripScheme(token);
    if (!bare)
        throw new Error('a Fly API token is required');
    const parts = bare
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
    if (parts.some(isMacaroon))
        return `FlyV1 ${parts.join(',')}`;
    return `Bearer ${bare}`;
}
/** The token without a `Bearer ` or `FlyV1 ` scheme word it may have been given with. */
function stripScheme(token) {
    return token
        .trim()
        .replace(/^(?:bearer|flyv1)(?:\s+|$)/i, '')
        .trim();
}
function isMacaroon(part) {
    return macaroonPrefixes.some((prefix) => part.startsWith(prefix));
}

// EXTERNAL MODULE: ./packages/kit/src/redact.ts
var redact = __webpack_require__(727);
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

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
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
const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const timeoutCodes = new Set([
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
]);
/** A thrown request error as a kind and one plain sentence. */
function describeNetworkFailure(thrown, host) {
    const error = innermostCode(thrown);
    const code = error.code ?? '';
    if (code === 'ECONNREFUSED')
        return { kind: 'refused', reason: `connection refused by ${host} (${code})` };
    if (resetCodes.has(code))
        return { kind: 'reset', reason: `${host} closed the connection (${code})` };
    if (timeoutCodes.has(code))
        return { kind: 'timeout', reason: `timed out talking to ${host} (${code})` };
    if (dnsCodes.has(code) || error.syscall === 'getaddrinfo') {
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

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
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
class client_FlyClient {
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
        this.#authorization = authorizationHeader(options.token);
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
            const flat = flattenHeaders(response.headers);
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
            const { kind, reason } = describeNetworkFailure(thrown, this.#host);
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
function flattenHeaders(headers) {
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
function units_parseSizeGb(value) {
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
function units_parseDuration(text) {
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
        units_parseDuration(text);
        return true;
    }
    catch {
        return false;
    }
}
/** A Go duration string as Go's `Duration.String()` writes it (90000 → `"1m30s"`, 300000 → `"5m0s"`). */
function units_formatDuration(milliseconds) {
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
function units_splitCommand(command) {
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
function deploy_settings_deploySettings(app) {
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
        settings.releaseCommandGuest = guestFromCompute(deploy.release_command_vm);
    return settings;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./packages/kit/src/config-file.ts
// Configuration written by people (thresholds, checks) is YAML validated by a zod schema. A mistake is
// reported as one line that points at the place: `<file>:<line>:<column>: <where> <what is wrong>`.
// Its own entry point (@shipgate/kit/config) so actions that never read YAML do not load the parser.

class config_file_ConfigError extends Error {
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
    const where = path.length > 0 ? `${config_file_formatPath(path)}: ` : '';
    throw located(source, position?.line, position?.column, `${where}${issue.message}`);
}
/** `a.b[2].c`, the way people point into YAML. */
function config_file_formatPath(path) {
    let text = '';
    for (const step of path)
        text += typeof step === 'number' ? `[${step}]` : text ? `.${step}` : step;
    return text;
}
function located(source, line, column, problem) {
    const prefix = line === undefined ? source : `${source}:${line}:${column ?? 1}`;
    return new config_file_ConfigError(`${prefix}: ${problem}`.replace(/\s*\r?\n\s*/g, ' '), source, line, column);
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
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
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
    if (typeof value === 'number' ? value < 0 : !isDuration(value) || units_parseDuration(value) < 0) {
        ctx.addIssue({
            code: 'custom',
            message: `'${value}' is not a duration: write it like "15s" or "1m30s", or a number of seconds`,
        });
    }
})
    .transform((value) => (typeof value === 'number' ? value * 1000 : units_parseDuration(value)));
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
        units_splitCommand(value);
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
        units_splitCommand(value);
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
const schema_flyTomlSchema = schemas/* strictObject */.rej({
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
function load_loadFlyToml(text, source) {
    let raw;
    try {
        raw = parse(text);
    }
    catch (thrown) {
        if (!(thrown instanceof TomlError))
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
        configs[group] = machine_config_groupConfig(app, group, belongs, source, options);
    }
    return configs;
}
function machine_config_groupConfig(app, group, belongs, source, options) {
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
        const guest = guestFromCompute(section);
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
const ownedFields = (/* unused pure expression or super */ null && ([
    'env',
    'services',
    'checks',
    'restart',
    'metrics',
    'stop_config',
    'statics',
    'files',
]));
const ownedInitFields = (/* unused pure expression or super */ null && (['cmd', 'entrypoint', 'exec', 'swap_size_mb']));
/**
 * The whole config to send when updating a machine to `desired` (from `machineConfigs`) with `image`.
 * Starts from the machine's current config, so what only `fly machine run/update` sets (schedule,
 * auto_destroy, standbys, dns, fields this code does not know) survives; replaces what fly.toml owns; keeps
 * the current guest when fly.toml has no `[[vm]]` (it may come from `fly scale`); adds metadata over the
 * existing keys. An attached volume stays attached: only its mount path and auto-extension follow fly.toml
 * (see `mountChange` for when the machine must be replaced instead). Never mutates its arguments.
 */
function machine_config_mergeMachineConfig(existing, desired, image) {
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






;// CONCATENATED MODULE: ./packages/fly/src/deploy/errors.ts

/** The HTTP status of a FlyApiError (or anything shaped like one), else undefined. */
function statusOf(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const status = error.status;
    return typeof status === 'number' ? status : undefined;
}
function errors_isLeaseConflictError(error) {
    const status = statusOf(error);
    return status === 409 || status === 412;
}
function errors_isNotFoundError(error) {
    return statusOf(error) === 404 || /machine not found/i.test(errorMessage(error));
}
/** A 4xx other than 408/429 means the call was refused, so it changed nothing. */
function errors_wasRefused(error) {
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
const plan_releaseMetadataKeys = (/* unused pure expression or super */ null && ([
    'shipgate_release_id',
    'shipgate_previous_image',
    'shipgate_previous_release_id',
    'shipgate_images',
    'shipgate_rolled_back_from',
    'fly_release_id',
    'fly_release_version',
]));
/** How many images a machine remembers in `shipgate_images`. */
const imageHistoryLength = 10;
function plan_groupOf(machine) {
    const metadata = machine.config?.metadata ?? {};
    return metadata.fly_process_group || metadata.process_group || 'app';
}
/**
 * The machines a deploy works on: not destroyed, not one-off groups, and only Fly Launch (v2) machines
 * unless none are marked (flyctl's rule). Sorted by id, which is also rolling order.
 */
function plan_deployableMachines(machines) {
    const active = machines.filter((machine) => machine.state !== 'destroyed' &&
        machine.state !== 'destroying' &&
        !reservedGroups.has(plan_groupOf(machine)));
    const v2 = active.filter((machine) => machine.config?.metadata?.fly_platform_version === 'v2');
    return (v2.length > 0 ? v2 : active).sort((a, b) => a.id.localeCompare(b.id));
}
/**
 * How many machines of a group may be down at once. Below 1 it is a share of the group's started
 * machines, rounded up; 1 and above a count. Never less than 1, so a rollout always moves.
 */
function plan_maxUnavailableCount(maxUnavailable, startedMachines) {
    if (!Number.isFinite(maxUnavailable) || maxUnavailable <= 0) {
        throw new Error(`maxUnavailable must be a positive number, got ${maxUnavailable}`);
    }
    if (maxUnavailable >= 1)
        return Math.floor(maxUnavailable);
    return Math.max(1, Math.ceil(startedMachines * maxUnavailable));
}
/** flyctl's rule: an update only starts a machine that was started, starting or failed before. */
function plan_shouldSkipLaunch(state) {
    return !(state === 'started' || state === 'starting' || state === 'failed');
}
function plan_isWarm(machine) {
    return machine.state === 'started';
}
/** Rolling order inside a group: cold machines (not started) first, then the warm ones, each by id. */
function plan_splitColdWarm(plans) {
    const sorted = [...plans].sort((a, b) => a.machine.id.localeCompare(b.machine.id));
    return {
        cold: sorted.filter((plan) => !plan_isWarm(plan.machine)),
        warm: sorted.filter((plan) => plan_isWarm(plan.machine)),
    };
}
function plan_groupBy(items, key) {
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
function plan_hasChecks(config) {
    if (config.checks && Object.keys(config.checks).length > 0)
        return true;
    return (config.services ?? []).some((service) => (service.checks ?? []).length > 0);
}
/** Non-empty and every check passing: warning and critical keep a machine waiting, as in flyctl. */
function plan_checksPassing(machine) {
    const checks = machine.checks ?? [];
    return checks.length > 0 && checks.every((check) => check.status === 'passing');
}
/** A started machine whose checks (when it has any) all pass, or one that was deliberately not running. */
function plan_isHealthy(machine) {
    if (machine.state === 'failed')
        return false;
    if (machine.state !== 'started')
        return machine.state === 'stopped' || machine.state === 'suspended';
    return !plan_hasChecks(machine.config) || plan_checksPassing(machine);
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
    for (const key of plan_releaseMetadataKeys)
        delete metadata[key];
    return { ...config, metadata };
}
/** Same image and the same config apart from release bookkeeping. */
function plan_configsMatch(current, target) {
    return (current.image === target.image &&
        jsonEqual(withoutReleaseMetadata(current), withoutReleaseMetadata(target)));
}
/** A machine a re-run leaves alone: already on the target and healthy. */
function plan_isConverged(machine, target) {
    return plan_configsMatch(machine.config, target) && plan_isHealthy(machine);
}
/** The images a machine remembers having run healthy, newest first; tolerant of hand-edited metadata. */
function plan_imageHistory(config) {
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
function plan_releaseMetadata(machine, releaseId) {
    const current = machine.config;
    const history = plan_imageHistory(current);
    const ranHealthy = machine.state === 'started' && plan_isHealthy(machine);
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
function plan_withReleaseMetadata(target, metadata) {
    const merged = { ...(target.metadata ?? {}) };
    delete merged.shipgate_rolled_back_from;
    delete merged.shipgate_previous_release_id;
    return { ...target, metadata: { ...merged, ...metadata } };
}
let lastIdTime = 0;
let idSequence = 0;
/** A release id that sorts by time: `r` + base36 milliseconds + a sequence + random. */
function plan_newReleaseId(now = Date.now()) {
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
function plan_deepClone(value) {
    return structuredClone(value);
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/record.ts



const record_strategies = ['immediate', 'rolling', 'bluegreen', 'canary'];
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
    strategy: schemas/* enum */.k5n(record_strategies),
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
function record_releaseRecordText(record) {
    return `${JSON.stringify(record, null, 2)}\n`;
}
async function writeReleaseRecord(path, record) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, record_releaseRecordText(record));
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
function record_mostCommonImage(images) {
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
    return typeof reason === 'string' && reason ? reason : errorMessage(error);
}
/** Another holder's lease stopped the deploy before anything changed. */
class leases_LeaseConflictError extends Error {
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
class leases_LeaseSet {
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
        throw new leases_LeaseConflictError(conflict.id, message);
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
                    this.log.debug(`lease refresh on ${id} failed: ${errorMessage(error)}`);
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
                    this.log.warning(`could not release the lease on machine ${id}: ${errorMessage(error)}`);
                }
            }
        }));
    }
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./packages/fly/src/deploy/health.ts



function seconds(ms) {
    return `${Math.round(ms / 100) / 10}s`;
}
/** Waits for `started`; the error says whether the machine failed or was too slow. */
async function health_waitStarted(api, app, id, options) {
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
        throw new Error(`${why}: ${errorMessage(error)}`);
    }
}
/** States in which a machine's checks will never come to pass without someone starting it again. */
const deadStates = new Set(['stopped', 'failed', 'destroyed', 'destroying']);
class MachineDownError extends (/* unused pure expression or super */ null && (Error)) {
}
/**
 * Polls the machine until its checks are reported and all passing. Returns at once when the config has no
 * checks. Fails early when the machine stops or fails, else at the deadline naming each check's status.
 */
async function health_waitHealthy(api, app, id, config, options) {
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
            const why = lastError ? `: ${errorMessage(lastError)}` : describeChecks(last);
            throw new Error(`health checks did not pass within ${seconds(options.timeoutMs)}${why || ': no checks reported'}`);
        }
        await sleep(Math.min(options.pollMs, left));
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
async function machine_ops_waitReady(context, id, config, startedBy, version) {
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
    const message = errorMessage(error);
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
async function machine_ops_updateMachine(context, plan, options) {
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
            await machine_ops_waitReady(context, machine.id, target, startedBy, updated.version);
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
async function machine_ops_createMachine(context, options) {
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
        const message = errorMessage(error);
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
            await machine_ops_waitReady(context, created.id, options.config, startedBy, created.version);
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
async function machine_ops_destroyMachine(context, id, final) {
    const { api, app, recorder, leases } = context;
    const entry = recorder.machines.get(id);
    recorder.mark(id, 'destroy');
    context.log.info(`${label(id, entry?.group ?? '?')} destroying`);
    try {
        const nonce = leases.nonce(id);
        await api.destroyMachine(app, id, { force: true, ...(nonce ? { nonce } : {}) });
    }
    catch (error) {
        const message = errorMessage(error);
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
async function release_command_runReleaseCommand(context, request, region) {
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
        const message = `could not create the release command machine: ${errorMessage(error)}`;
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
                : errorMessage(error));
        }
    }
    let exitCode;
    try {
        exitCode = latestExitCode(await api.getMachine(app, id));
    }
    catch (error) {
        return finish(null, `could not read the release command's exit code: ${errorMessage(error)}`);
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
        log.warning(`could not clear an old release command machine: ${errorMessage(error)}`);
    }
}

;// CONCATENATED MODULE: ./packages/fly/src/deploy/restore.ts




/** Rollback goes as fast as immediate, but waits for each machine to be healthy again. */
const restoreConcurrency = 8;
/**
 * Puts every machine this release changed (or may have changed) back on its exact previous config and
 * destroys the machines it created. Returns the ids it could not put back.
 */
async function restore_restorePrevious(context, before) {
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
            const message = `rollback failed: ${errorMessage(error)}`;
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
            const message = `rollback could not destroy it: ${errorMessage(error)}`;
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
function scale_planScale(machines, group, scale) {
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
async function scale_scaleUp(context, plan, template, releaseId) {
    if (plan.create.length === 0)
        return;
    context.log.info(`scaling ${plan.group}: creating ${plan.create.length} machines`);
    const config = freshMachineConfig(template, releaseId);
    await runPool(plan.create, 8, async (region) => (await createMachine(context, { config, region, group: plan.group, action: 'created' })).ok, () => keepGoing(context));
}
/** Destroys surplus machines, newest first, only once everything else worked: this cannot be undone. */
async function scale_scaleDown(context, plan) {
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
async function strategies_runStrategy(context, strategy, plans) {
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
                noteFailure(context, `machine ${green.id}: uncordon failed: ${errorMessage(error)}`);
                recorder.get(green.id).error = `uncordon failed: ${errorMessage(error)}`;
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
            recorder.get(id).error = `${step} failed: ${errorMessage(error)}`;
            leftovers.push(id);
            return false;
        }
    };
    await sleep(settings.bluegreenDrainMs);
    const cordoned = (await Promise.all(blues.map(async (blue) => ((await retire('cordon', blue)) ? blue : undefined)))).filter((blue) => blue !== undefined);
    await sleep(settings.bluegreenDrainMs);
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
async function release_listDeployable(api, app) {
    return deployableMachines(await api.listMachines(app));
}
/**
 * The common path of deploy and rollback: leases, release command, rollout, scaling, automatic rollback,
 * and the record. Never throws for a failed rollout; the record's outcome says what happened.
 */
async function release_runRelease(api, input, options) {
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
        const message = errorMessage(error);
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
            const current = machinesOf(await release_listDeployable(api, input.app), scaleGroup);
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
        context.failure ??= errorMessage(error);
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
            context.log.debug(`could not read the machines' final state: ${errorMessage(error)}`);
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
function target_deployTarget(machine, request, releaseId) {
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
function deploy_checkRequest(request) {
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
function deploy_rolloutSettings(request) {
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
    deploy_checkRequest(request);
    if (!request.image)
        throw new Error('deploy needs an image');
    checkSubset(request);
    const now = options.now ?? Date.now;
    const startedAt = now();
    const releaseId = request.releaseId ?? newReleaseId(startedAt);
    const settings = deploy_rolloutSettings(request);
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
        const refuse = `could not list the machines of ${request.app}: ${errorMessage(error)}`;
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
        return plan ? plan.target : groupConfig(undefined, group, request);
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
        return fail(`could not read the machines of ${request.app}: ${errorMessage(error)}`);
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
function input_values_parseMaxUnavailable(name, raw) {
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value > 0) || (value >= 1 && !Number.isInteger(value))) {
        throw new InputError(name, `Input '${name}' must be a fraction between 0 and 1 (e.g. 0.33) or a whole count of machines (e.g. 2); got '${raw}'.`);
    }
    return value;
}
/** `wait-timeout`: a Go-style duration (`90s`, `5m`, `1m30s`) or whole seconds. */
function input_values_parseTimeout(name, raw) {
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
        throw new InputError(name, `Input '${name}' must be a duration such as 90s, 5m or 1m30s, or whole seconds, up to 24h; got '${raw}'.`);
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
        ? isAbsolute(given)
            ? given
            : resolve(context.run.workspace, given)
        : join(context.run.temp, `shipgate-release-${record.app}-${record.id}.json`);
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
    const path = resolve(workspace, given ?? defaultFlyToml);
    if (!existsSync(path)) {
        if (given)
            throw new InputError('config', `Input 'config' names ${given}, which does not exist.`);
        return undefined;
    }
    const label = relative(workspace, path) || path;
    const { config, warnings } = loadFlyToml(await readFile(path, 'utf8'), label);
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
        throw new InputError('app', "Input 'app' is required: no fly.toml names the app.");
    const image = inputs.image ?? flyToml?.config.build?.image;
    if (!image) {
        throw new InputError('image', "Input 'image' is required: the fly.toml has no [build] image to deploy.");
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
        `App **${escapeMarkdown(record.app)}**, release \`${record.id}\`, strategy ${record.strategy},`,
        `${shortImage(record.previousImage)} → ${shortImage(record.image)}, in ${summary_seconds(record.durationMs)}.`,
    ];
    if (record.releaseCommand) {
        facts.push(`Release command exited ${record.releaseCommand.exitCode ?? '—'} after ${summary_seconds(record.releaseCommand.durationMs)}.`);
    }
    summary.paragraph(facts.join(' '));
    if (record.error && options.showError !== false) {
        summary.paragraph(`**Why:** ${escapeMarkdown(record.error)}`);
    }
    if (record.machines.length > 0) {
        summary.table(['machine', 'region', 'group', 'action', 'image', 'state', 'checks', 'now on'], record.machines.slice(0, rowsShown).map(machineRow));
        if (record.machines.length > rowsShown) {
            summary.paragraph(`${record.machines.length - rowsShown} more machines are in the release record.`);
        }
        const failed = record.machines.filter((machine) => machine.error);
        if (failed.length > 0) {
            summary.list(failed.map((machine) => `\`${machine.id}\`: ${escapeMarkdown(machine.error ?? '')}`));
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
            .map((check) => `${check.status === 'passing' ? '✅' : '❌'} ${escapeMarkdown(check.name)}`)
            .join('<br>')
        : '—';
    return [
        `\`${machine.id}\``,
        machine.region,
        escapeMarkdown(machine.group),
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







// EXTERNAL MODULE: ./packages/github/src/client.ts + 4 modules
var client = __webpack_require__(9825);
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
        log.warning(`could not record a GitHub deployment to ${input.environment}: ${errorMessage(thrown)}`);
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
                log.warning(`could not set GitHub deployment ${id} to ${state}: ${errorMessage(thrown)}`);
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
    const { createGitHubClient } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 9825));
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

// EXTERNAL MODULE: ./packages/github/src/errors.ts
var errors = __webpack_require__(3570);
;// CONCATENATED MODULE: ./packages/github/src/index.ts







// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/secrets/src/state.ts
// What the mirror wrote, per target: keyed digests (never values, never plain hashes of them) and what the
// target said after the write, so the next run can tell "unchanged" from "changed outside the mirror".


/** A GitHub Actions variable holds at most 48 KB. */
const maxStateBytes = 48 * 1024;
const stateSchema = schemas/* object */.Ikc({
    version: schemas/* literal */.euz(1),
    keyId: schemas/* string */.YjP().optional(),
    secrets: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({
        digest: schemas/* string */.YjP().optional(),
        writtenAt: schemas/* string */.YjP(),
        remoteUpdatedAt: schemas/* string */.YjP().optional(),
        remoteDigest: schemas/* string */.YjP().optional(),
    })),
});
function emptyState() {
    return { version: 1, secrets: {} };
}
/** The keyed digest of one secret: node's HMAC, the name bound in so equal values under two names differ. */
function secretDigest(digestKey, name, value) {
    return (0,external_node_crypto_.createHmac)('sha256', digestKey).update(`${name}\0${value}`).digest('base64url');
}
/** The digest the state keeps: names compare without case at GitHub, so the upper-case name is bound in. */
function stateDigest(digestKey, name, value) {
    return secretDigest(digestKey, name.toUpperCase(), value);
}
function digestKeyId(digestKey) {
    return (0,external_node_crypto_.createHmac)('sha256', digestKey)
        .update('shipgate secret-mirror key id')
        .digest('base64url')
        .slice(0, 12);
}
/** Reads a stored state; anything unreadable counts as no state (every secret is then written again). */
function parseState(text) {
    if (text === undefined || text.trim() === '')
        return { state: emptyState() };
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return { state: emptyState(), problem: 'is not JSON' };
    }
    const result = stateSchema.safeParse(data);
    if (!result.success)
        return { state: emptyState(), problem: 'is not a secret-mirror state (version 1)' };
    return { state: result.data };
}
class StateTooLargeError extends Error {
    variable;
    bytes;
    constructor(variable, bytes) {
        super(`the state of ${variable} would take ${bytes} bytes, more than the ${maxStateBytes} a GitHub variable holds; split the mirror's targets or secrets`);
        this.variable = variable;
        this.bytes = bytes;
        this.name = 'StateTooLargeError';
    }
}
/** Compact JSON with names sorted; throws StateTooLargeError over 48 KB. */
function serializeState(state, variable) {
    const secrets = Object.fromEntries(Object.keys(state.secrets)
        .sort()
        .map((name) => [name, state.secrets[name]]));
    const text = JSON.stringify({ ...state, secrets });
    const bytes = Buffer.byteLength(text);
    if (bytes > maxStateBytes)
        throw new StateTooLargeError(variable, bytes);
    return text;
}

;// CONCATENATED MODULE: ./packages/secrets/src/remote.ts
// Reading a target before the plan and after the writes: its secrets (names and times, never values), and
// the state the mirror left in its variable.

async function listRemote(target, clients) {
    if (target.kind === 'fly') {
        const secrets = await need(clients.fly, target).listSecrets(target.app);
        return secrets.map((secret) => ({
            name: secret.name,
            ...(secret.updated_at ? { updatedAt: secret.updated_at } : {}),
            ...(secret.digest ? { digest: secret.digest } : {}),
        }));
    }
    const secrets = await need(clients.github, target).listSecrets(target.scope);
    return secrets.map((secret) => ({ name: secret.name, updatedAt: secret.updatedAt }));
}
/** The target's secrets and state; a missing environment is an error unless the mirror may create it. */
async function readTarget(target, clients) {
    const warnings = [];
    if (target.kind === 'github' && target.scope.kind === 'environment') {
        const { owner, repo, environment } = target.scope;
        const found = await need(clients.github, target).getEnvironment(owner, repo, environment);
        if (!found) {
            if (!target.createEnvironment) {
                throw new Error(`environment '${environment}' does not exist in ${owner}/${repo}; create it or set create-environment: true`);
            }
            return { target, remote: [], state: emptyState(), createEnvironment: true, warnings };
        }
    }
    const remote = await listRemote(target, clients);
    let state = emptyState();
    if (!clients.github || !target.stateScope) {
        warnings.push(`${target.label}: no GitHub repository to keep the mirror's state in; every secret is written and prune only removes what 'prune: all' allows`);
    }
    else {
        const variable = await clients.github.getVariable(target.stateScope, target.stateVariable);
        const parsed = parseState(variable?.value);
        state = parsed.state;
        if (parsed.problem) {
            warnings.push(`${target.label}: variable ${target.stateVariable} ${parsed.problem}; starting afresh`);
        }
    }
    return { target, remote, state, createEnvironment: false, warnings };
}
function need(client, target) {
    if (!client) {
        throw new Error(`${target.label}: no ${target.kind === 'fly' ? 'Fly' : 'GitHub'} API client (give a token)`);
    }
    return client;
}

;// CONCATENATED MODULE: ./packages/secrets/src/apply.ts
// Applying one target's plan: environment first, then the secrets (Fly: one bulk update), then — only after
// writes succeeded — the state variable. A failed write leaves its old state entry, so the next run plans it
// again; a run with nothing to write makes no request at all.



async function applyPlan(request) {
    const outcome = { results: [], written: new Map(), deleted: new Set() };
    const writing = request.items.filter((item) => item.writes);
    if (writing.length === 0)
        return outcome;
    const record = (operation, names, thrown) => {
        const result = {
            mirror: request.mirror,
            target: request.target.id,
            operation,
            names,
            ok: !thrown,
        };
        if (thrown !== undefined) {
            result.error = request.redactor.redact((0,src/* errorMessage */.gJ)(thrown));
            const permission = thrown.permission;
            if (typeof permission === 'string')
                result.permission = permission;
        }
        outcome.results.push(result);
        return result.ok;
    };
    if (request.target.kind === 'fly')
        await applyFly(request, writing, outcome, record);
    else
        await applyGitHub(request, writing, outcome, record);
    if (outcome.written.size === 0 && outcome.deleted.size === 0)
        return outcome;
    try {
        outcome.remoteAfter = await listRemote(request.target, request.clients);
    }
    catch {
        // The state is kept without remote marks then: the next run cannot see drift for these names, once.
        outcome.remoteAfter = undefined;
    }
    await writeState(request, outcome, record);
    return outcome;
}
async function applyGitHub(request, items, outcome, record) {
    const target = request.target;
    if (target.kind !== 'github')
        return;
    const github = request.clients.github;
    if (request.createEnvironment && target.scope.kind === 'environment') {
        const { owner, repo, environment } = target.scope;
        try {
            await github.createEnvironment(owner, repo, environment);
            record('create-environment', []);
        }
        catch (thrown) {
            // Nothing can be written into an environment that is not there.
            record('create-environment', [], thrown);
            return;
        }
    }
    for (const item of items) {
        const at = request.now();
        if (item.action === 'delete') {
            try {
                await github.deleteSecret(target.scope, item.name);
                if (record('delete-secret', [item.name]))
                    outcome.deleted.add(item.name);
            }
            catch (thrown) {
                record('delete-secret', [item.name], thrown);
            }
            continue;
        }
        try {
            await github.putSecret(target.scope, item.name, request.values.get(item.name));
            record('put-secret', [item.name]);
            outcome.written.set(item.name, at);
        }
        catch (thrown) {
            record('put-secret', [item.name], thrown);
        }
    }
}
async function applyFly(request, items, outcome, record) {
    const target = request.target;
    if (target.kind !== 'fly')
        return;
    const values = {};
    for (const item of items)
        values[item.name] = item.action === 'delete' ? null : request.values.get(item.name);
    const names = items.map((item) => item.name);
    const at = request.now();
    try {
        const { version } = await request.clients.fly.updateSecrets(target.app, values);
        record('update-secrets', names);
        outcome.flyWrite = { version, at };
        for (const item of items) {
            if (item.action === 'delete')
                outcome.deleted.add(item.name);
            else
                outcome.written.set(item.name, at);
        }
    }
    catch (thrown) {
        record('update-secrets', names, thrown);
    }
}
async function writeState(request, outcome, record) {
    const { target } = request;
    const github = request.clients.github;
    if (!github || !target.stateScope)
        return;
    const state = {
        version: 1,
        ...(request.digestKey ? { keyId: digestKeyId(request.digestKey) } : {}),
        secrets: { ...request.state.secrets },
    };
    // Entries from another key would never match again; drop them rather than keep dead digests.
    if (request.state.keyId !== state.keyId) {
        for (const name of Object.keys(state.secrets))
            if (!outcome.written.has(name))
                delete state.secrets[name];
    }
    const after = new Map((outcome.remoteAfter ?? []).map((secret) => [secret.name.toUpperCase(), secret]));
    for (const name of outcome.deleted)
        delete state.secrets[name];
    for (const [name, at] of outcome.written) {
        const listed = after.get(name.toUpperCase());
        const value = request.values.get(name);
        state.secrets[name] = {
            ...(request.digestKey ? { digest: stateDigest(request.digestKey, name, value) } : {}),
            writtenAt: at.toISOString(),
            ...(listed?.updatedAt ? { remoteUpdatedAt: listed.updatedAt } : {}),
            ...(target.kind === 'fly' && listed?.digest ? { remoteDigest: listed.digest } : {}),
        };
    }
    if (outcome.remoteAfter) {
        for (const name of Object.keys(state.secrets))
            if (!after.has(name.toUpperCase()))
                delete state.secrets[name];
    }
    try {
        await github.setVariable(target.stateScope, target.stateVariable, serializeState(state, target.stateVariable));
        record('write-state', []);
    }
    catch (thrown) {
        record('write-state', [], thrown);
    }
}

;// CONCATENATED MODULE: ./packages/secrets/src/capacity.ts
/** GitHub's published limits: 100 secrets per repository and per environment, 1,000 per organisation. */
const githubSecretLimits = { repository: 100, environment: 100, organization: 1000 };
/**
 * Why a target cannot take its plan, or undefined when it can. GitHub refuses the secret past its limit with a
 * 422; checking first means nothing is written to a target that would end up half-mirrored.
 */
function capacityProblem(snapshot, items) {
    const { target } = snapshot;
    if (target.kind !== 'github')
        return undefined;
    const limit = githubSecretLimits[target.scope.kind];
    const names = new Set(snapshot.remote.map((secret) => secret.name.toUpperCase()));
    for (const item of items) {
        if (item.action === 'delete')
            names.delete(item.name.toUpperCase());
        else if (item.action === 'create')
            names.add(item.name.toUpperCase());
    }
    if (names.size <= limit)
        return undefined;
    return `${target.label} can hold at most ${limit} secrets (GitHub's limit); this mirror would leave ${names.size} there, so nothing was written to it — split the mirror or use an organization target`;
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./packages/secrets/src/config.ts
// The mirror file (`.github/secret-mirror.yml`): which values go where, checked by which rules. Validated once
// by a zod schema; mistakes are located `file:line:col` errors (the kit's parseConfig).



const defaultDigestVariable = 'SHIPGATE_SECRET_DIGESTS';
const relativePath = schemas/* string */.YjP().min(1, 'expected a path');
const glob = schemas/* string */.YjP().min(1, 'expected a name glob');
const sourceError = 'expected a source: { file: a.env }, { vault: vault, environment: staging }, { json: a.json } or { env: { prefix: SHOP_ } }';
const sourceSchema = schemas/* union */.KCZ([
    schemas/* strictObject */.rej({ file: relativePath }),
    schemas/* strictObject */.rej({
        vault: relativePath,
        environment: schemas/* string */.YjP().regex(/^[\w.-]+$/, 'expected an environment name such as staging'),
        /** Only these services (folders); default every folder of the vault. */
        services: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    }),
    schemas/* strictObject */.rej({ json: relativePath }),
    schemas/* strictObject */.rej({
        env: schemas/* strictObject */.rej({ prefix: schemas/* string */.YjP().min(1, 'expected a prefix such as SHOP_') }),
    }),
], { error: sourceError });
/** A bare string is a file: JSON when it ends in .json, else dotenv. */
const sourceEntry = schemas/* union */.KCZ([relativePath.transform(sourceFromPath), sourceSchema], { error: sourceError });
const ruleBase = { names: glob };
const ruleSchema = schemas/* union */.KCZ([
    schemas/* strictObject */.rej({ ...ruleBase, 'non-empty': schemas/* literal */.euz(true) }),
    schemas/* strictObject */.rej({
        ...ruleBase,
        url: schemas/* union */.KCZ([schemas/* literal */.euz(true), schemas/* strictObject */.rej({ protocols: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1) })]),
    }),
    schemas/* strictObject */.rej({
        ...ruleBase,
        postgres: schemas/* union */.KCZ([
            schemas/* literal */.euz(true),
            schemas/* strictObject */.rej({ port: schemas/* number */.aig().int().min(1).max(65535).optional() }),
        ]),
    }),
    schemas/* strictObject */.rej({ ...ruleBase, 'min-length': schemas/* number */.aig().int().min(1) }),
    schemas/* strictObject */.rej({
        ...ruleBase,
        regex: schemas/* string */.YjP().refine(isRegex, { error: 'expected a valid regular expression' }),
    }),
], {
    error: 'expected a rule: { names: GLOB } and one of non-empty: true, url, postgres, min-length: N, regex',
});
const alphabets = ['alnum', 'hex', 'base64url', 'symbols'];
const generatedSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1),
    length: schemas/* number */.aig().int().min(16, 'a generated secret needs at least 16 characters').max(4096).default(40),
    alphabet: schemas/* enum */.k5n(alphabets).default('alnum'),
});
const repositoryName = schemas/* string */.YjP().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/repo');
const githubTargetSchema = schemas/* strictObject */.rej({
    repository: repositoryName.optional(),
    environment: schemas/* string */.YjP().min(1).optional(),
    'create-environment': schemas/* boolean */.zMY().default(false),
    organization: schemas/* string */.YjP().min(1).optional(),
    visibility: schemas/* enum */.k5n(['all', 'private', 'selected']).optional(),
    'selected-repositories': schemas/* array */.YOg(schemas/* number */.aig().int().positive()).optional(),
})
    .superRefine((target, context) => {
    const org = target.organization !== undefined;
    if (org && (target.repository || target.environment)) {
        context.addIssue({
            code: 'custom',
            path: ['organization'],
            message: 'an organization target takes no repository or environment',
        });
    }
    if (!org && (target.visibility || target['selected-repositories'])) {
        context.addIssue({
            code: 'custom',
            path: ['visibility'],
            message: 'visibility and selected-repositories apply to organization targets only',
        });
    }
    if (target['selected-repositories'] && target.visibility !== 'selected') {
        context.addIssue({
            code: 'custom',
            path: ['selected-repositories'],
            message: 'selected-repositories needs visibility: selected',
        });
    }
    if (target['create-environment'] && !target.environment) {
        context.addIssue({
            code: 'custom',
            path: ['create-environment'],
            message: 'create-environment needs an environment',
        });
    }
});
const targetSchema = schemas/* union */.KCZ([
    schemas/* strictObject */.rej({ github: githubTargetSchema }),
    schemas/* strictObject */.rej({
        fly: schemas/* strictObject */.rej({
            app: schemas/* string */.YjP().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a Fly app name (lower case, digits, -)'),
        }),
    }),
], { error: 'expected a target: { github: { environment: staging } } or { fly: { app: shop-staging } }' });
const secretName = schemas/* string */.YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a secret name ([A-Za-z0-9_])');
const mirrorSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().regex(/^[\w.-]+$/, 'expected a mirror name ([A-Za-z0-9_.-])'),
    sources: schemas/* array */.YOg(sourceEntry).default([]),
    include: schemas/* array */.YOg(glob).default([]),
    exclude: schemas/* array */.YOg(glob).default([]),
    rename: schemas/* strictObject */.rej({
        map: schemas/* record */.g1P(schemas/* string */.YjP(), secretName).default({}),
        prefix: schemas/* string */.YjP().default(''),
        suffix: schemas/* string */.YjP().default(''),
    })
        .default({ map: {}, prefix: '', suffix: '' }),
    rules: schemas/* array */.YOg(ruleSchema).default([]),
    generated: schemas/* array */.YOg(generatedSchema).default([]),
    targets: schemas/* array */.YOg(targetSchema).min(1, 'a mirror needs at least one target'),
    prune: schemas/* union */.KCZ([schemas/* boolean */.zMY(), schemas/* literal */.euz('all')]).default(false),
    'max-age-days': schemas/* number */.aig().int().min(1).optional(),
});
const mirrorConfigSchema = schemas/* strictObject */.rej({
    'digest-variable': secretName.default(defaultDigestVariable),
    mirrors: schemas/* array */.YOg(mirrorSchema).min(1, 'expected at least one mirror'),
    parity: schemas/* array */.YOg(schemas/* tuple */.PVZ([schemas/* string */.YjP(), schemas/* string */.YjP()])).default([]),
})
    .superRefine((config, context) => {
    const names = new Set();
    config.mirrors.forEach((mirror, index) => {
        if (names.has(mirror.name)) {
            context.addIssue({
                code: 'custom',
                path: ['mirrors', index, 'name'],
                message: `mirror '${mirror.name}' is named twice`,
            });
        }
        names.add(mirror.name);
        if (mirror.sources.length === 0 && mirror.generated.length === 0) {
            context.addIssue({
                code: 'custom',
                path: ['mirrors', index],
                message: `mirror '${mirror.name}' has neither sources nor generated secrets`,
            });
        }
    });
    config.parity.forEach((pair, index) => {
        pair.forEach((name, side) => {
            if (!names.has(name)) {
                context.addIssue({
                    code: 'custom',
                    path: ['parity', index, side],
                    message: `no mirror is named '${name}'`,
                });
            }
        });
    });
});
/** Parses and validates a mirror file; `source` names it in errors (`.github/secret-mirror.yml:12:7: …`). */
function loadMirrorConfig(text, source) {
    return parseConfig(text, source, mirrorConfigSchema);
}
/** The mirror file's JSON Schema (draft-07, for editors and docs): what people write. */
function mirrorConfigJsonSchema() {
    return z.toJSONSchema(mirrorConfigSchema, { target: 'draft-7', unrepresentable: 'any', io: 'input' });
}
/**
 * The config with only the mirrors whose names match one of `patterns` (globs), and the parity pairs whose two
 * mirrors are both kept; every mirror when `patterns` is empty. secret-rotation.yml runs one environment's
 * mirrors per job, so each job needs only that environment's credentials. A pattern that matches no mirror
 * throws, naming the mirrors there are: a typo would otherwise leave a mirror never written.
 */
function selectMirrors(config, patterns) {
    if (patterns.length === 0)
        return config;
    const names = config.mirrors.map((mirror) => mirror.name);
    const unmatched = patterns.filter((pattern) => {
        const matches = picomatch_default()(pattern);
        return !names.some((name) => matches(name));
    });
    if (unmatched.length > 0) {
        const quoted = unmatched.map((pattern) => `'${pattern}'`).join(', ');
        throw new Error(`${quoted} ${unmatched.length === 1 ? 'matches' : 'match'} no mirror; the mirrors are ${names.join(', ')}`);
    }
    const selected = picomatch_default()([...patterns]);
    const kept = new Set(names.filter((name) => selected(name)));
    return {
        ...config,
        mirrors: config.mirrors.filter((mirror) => kept.has(mirror.name)),
        parity: config.parity.filter((pair) => pair.every((name) => kept.has(name))),
    };
}
/**
 * One mirror from the action's simple inputs, for teams without a file. Without a GitHub environment and a
 * Fly app, the repository's secrets are the target. Validated by the same schema (errors name the inputs).
 */
function mirrorFromInputs(inputs) {
    const targets = [];
    if (inputs.githubEnvironment) {
        targets.push({
            github: {
                environment: inputs.githubEnvironment,
                'create-environment': inputs.createEnvironment ?? false,
            },
        });
    }
    if (inputs.flyApp)
        targets.push({ fly: { app: inputs.flyApp } });
    if (targets.length === 0)
        targets.push({ github: {} });
    const document = {
        ...(inputs.digestVariable ? { 'digest-variable': inputs.digestVariable } : {}),
        mirrors: [
            {
                name: 'secrets',
                sources: inputs.sources,
                include: inputs.include ?? [],
                exclude: inputs.exclude ?? [],
                targets,
                prune: inputs.prune ?? false,
                ...(inputs.maxAgeDays ? { 'max-age-days': inputs.maxAgeDays } : {}),
            },
        ],
    };
    const result = mirrorConfigSchema.safeParse(document);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    throw new Error(`inputs: ${inputPath(issue.path)}${issue.message}`);
}
function inputPath(path) {
    const step = path[2];
    if (step === 'sources')
        return "'sources': ";
    if (step === 'include' || step === 'exclude')
        return `'${step}': `;
    if (step === 'targets') {
        const target = path[4];
        return target === 'fly' ? "'fly-app': " : "'github-environment': ";
    }
    return '';
}
function sourceFromPath(path) {
    return /\.json$/i.test(path) ? { json: path } : { file: path };
}
function isRegex(pattern) {
    try {
        new RegExp(pattern);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./packages/secrets/src/fly-machines.ts
// Fly machines read secrets when they start: after a secrets write, the started machines whose last start is
// older than the write still run with the old values. List them, and on request restart them one at a time,
// each under a lease and back to started and healthy before the next.


/** After a secrets write at `writtenAt`: which machines must restart, and (with `restart`) restart them. */
async function flyMachinesAfterWrite(fly, app, write, options) {
    const machines = await fly.listMachines(app);
    const notes = machines
        .filter((machine) => machine.state !== 'destroyed' && machine.state !== 'destroying')
        .map((machine) => {
        const started = lastStart(machine);
        return {
            id: machine.id,
            state: machine.state,
            ...(started !== undefined ? { lastStart: new Date(started).toISOString() } : {}),
            needsRestart: machine.state === 'started' && (started === undefined || started < write.at.getTime()),
        };
    });
    const stale = notes.filter((note) => note.needsRestart);
    if (options.restart) {
        for (const note of stale) {
            try {
                await restartOne(fly, app, note.id, options);
                note.restarted = true;
            }
            catch (thrown) {
                note.restarted = false;
                note.error = (0,src/* errorMessage */.gJ)(thrown);
                // Stop here: restarting more machines while one does not come back would take the app down.
                break;
            }
        }
    }
    return {
        app,
        secretsVersion: write.version,
        writtenAt: write.at.toISOString(),
        machines: notes,
        message: restartMessage(app, stale, options.restart),
    };
}
function restartMessage(app, stale, restart) {
    if (stale.length === 0)
        return `${app}: no started machine runs with the old secrets`;
    const ids = stale.map((note) => note.id).join(', ');
    if (!restart) {
        return `${app}: ${stale.length} machine(s) still run with the old secrets until restarted: ${ids} (restart-fly-machines: true restarts them)`;
    }
    const failed = stale.find((note) => note.error);
    const done = stale.filter((note) => note.restarted).length;
    return failed
        ? `${app}: restarted ${done} of ${stale.length} machine(s); ${failed.id} failed: ${failed.error}; the rest were left alone`
        : `${app}: restarted ${done} machine(s) one at a time: ${ids}`;
}
/** The newest `start` event; else when the machine was created. */
function lastStart(machine) {
    const start = (machine.events ?? []).find((event) => event.type === 'start');
    if (start)
        return start.timestamp;
    const created = machine.created_at ? Date.parse(machine.created_at) : Number.NaN;
    return Number.isNaN(created) ? undefined : created;
}
async function restartOne(fly, app, id, options) {
    const now = options.now ?? Date.now;
    const timeoutMs = options.timeoutMs ?? 120_000;
    const lease = await fly.acquireLease(app, id, {
        ttlSeconds: options.leaseTtlSeconds ?? Math.ceil(timeoutMs / 1000) + 30,
        description: 'shipgate secret-mirror: restart to read new secrets',
    });
    try {
        await fly.restartMachine(app, id, { nonce: lease.nonce });
        const deadline = now() + timeoutMs;
        await fly.waitForState(app, id, { states: ['started'], deadline });
        await waitChecksPassing(fly, app, id, deadline, options.pollMs ?? 1000, now);
    }
    finally {
        await fly.releaseLease(app, id, lease.nonce).catch(() => undefined);
    }
}
/** Polls until every check passes (at once when the machine has none), failing at the deadline. */
async function waitChecksPassing(fly, app, id, deadline, pollMs, now) {
    for (;;) {
        const machine = await fly.getMachine(app, id);
        if (!fly_machines_hasChecks(machine))
            return;
        const checks = machine.checks ?? [];
        if (checks.length > 0 && checks.every((check) => check.status === 'passing'))
            return;
        if (machine.state !== 'started')
            throw new Error(`${id} is ${machine.state} after the restart`);
        if (now() >= deadline) {
            const states = checks.map((check) => `${check.name}: ${check.status}`).join(', ') || 'none reported';
            throw new Error(`${id}: health checks did not pass in time (${states})`);
        }
        await (0,external_node_timers_promises_.setTimeout)(Math.min(pollMs, Math.max(0, deadline - now())));
    }
}
function fly_machines_hasChecks(machine) {
    const config = machine.config;
    if (config.checks && Object.keys(config.checks).length > 0)
        return true;
    return (config.services ?? []).some((service) => (service.checks ?? []).length > 0);
}

;// CONCATENATED MODULE: ./packages/secrets/src/generate.ts
// Generated secrets: fresh random values from node's CSPRNG, one uniform draw per character.

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const alphabetCharacters = {
    alnum: letters + digits,
    hex: '0123456789abcdef',
    base64url: `${letters}${digits}-_`,
    // Printable ASCII punctuation without quotes, backslash and space, which break shells and dotenv files.
    symbols: `${letters}${digits}!#$%&()*+,-./:;<=>?@[]^_{|}~`,
};
function generateValue(spec) {
    const characters = alphabetCharacters[spec.alphabet];
    let value = '';
    for (let index = 0; index < spec.length; index++)
        value += characters[(0,external_node_crypto_.randomInt)(characters.length)];
    return value;
}

;// CONCATENATED MODULE: ./packages/secrets/src/targets.ts
function parseRepository(text) {
    const [owner, repo, extra] = text.split('/');
    if (!owner || !repo || extra !== undefined)
        throw new Error(`expected owner/repo, got '${text}'`);
    return { owner, repo };
}
/** The mirror's targets; a GitHub target without `repository` needs the run's repository. */
function resolveTargets(mirror, context) {
    return mirror.targets.map((spec) => resolveTarget(mirror.name, spec, context));
}
function resolveTarget(mirror, spec, context) {
    if ('fly' in spec) {
        const app = spec.fly.app;
        const repository = context.repository;
        return {
            kind: 'fly',
            id: `fly:${app}`,
            label: `Fly app ${app}`,
            app,
            stateVariable: `${context.digestVariable}_FLY_${app.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
            ...(repository ? { stateScope: { kind: 'repository', ...repository } } : {}),
        };
    }
    const github = spec.github;
    const stateVariable = context.digestVariable;
    if (github.organization) {
        const org = github.organization;
        return {
            kind: 'github',
            id: `github:organization:${org}`,
            label: `GitHub organization ${org}`,
            scope: {
                kind: 'organization',
                org,
                visibility: github.visibility ?? 'private',
                ...(github['selected-repositories']
                    ? { selectedRepositoryIds: github['selected-repositories'] }
                    : {}),
            },
            createEnvironment: false,
            stateVariable,
            // Read through the API only; no workflow needs it, so no repository is given access.
            stateScope: { kind: 'organization', org, visibility: 'private' },
        };
    }
    const repository = github.repository ? parseRepository(github.repository) : context.repository;
    if (!repository) {
        throw new Error(`mirror '${mirror}': a GitHub target without 'repository' needs the run's repository (GITHUB_REPOSITORY)`);
    }
    const slug = `${repository.owner}/${repository.repo}`;
    if (github.environment) {
        const scope = { kind: 'environment', ...repository, environment: github.environment };
        return {
            kind: 'github',
            id: `github:environment:${slug}/${github.environment}`,
            label: `GitHub environment ${slug} ${github.environment}`,
            scope,
            createEnvironment: github['create-environment'],
            stateVariable,
            stateScope: scope,
        };
    }
    const scope = { kind: 'repository', ...repository };
    return {
        kind: 'github',
        id: `github:repository:${slug}`,
        label: `GitHub repository ${slug}`,
        scope,
        createEnvironment: false,
        stateVariable,
        stateScope: scope,
    };
}
/** GitHub stores names upper case and compares them without case; Fly keeps them as written. */
function remoteName(target, name) {
    return target.kind === 'github' ? name.toUpperCase() : name;
}

;// CONCATENATED MODULE: ./packages/secrets/src/plan.ts


const planActions = [
    'create',
    'update',
    'unchanged',
    'drift',
    'delete',
    'rotate',
];
/**
 * Plans every target of one mirror. A generated secret missing at some target gets one new value written to
 * every target (the values are write-only, so the others cannot be copied), as does every generated secret on
 * a rotation run.
 */
function planMirror(request) {
    const keyId = request.digestKey ? digestKeyId(request.digestKey) : undefined;
    const desired = request.entries.map((entry) => ({
        name: entry.name,
        origin: entry.origin,
        ...(request.digestKey ? { digest: stateDigest(request.digestKey, entry.name, entry.value) } : {}),
    }));
    const rotated = new Map();
    for (const name of request.generated) {
        const missingSomewhere = request.snapshots.some(({ target, remote }) => !remoteNames(target, remote).has(remoteName(target, name)));
        if (request.rotate)
            rotated.set(name, 'rotation run');
        else if (missingSomewhere)
            rotated.set(name, 'absent at another target: one new value for all');
    }
    for (const name of request.generated)
        desired.push({ name, origin: 'generated', generated: true });
    return request.snapshots.flatMap((snapshot) => planTarget({ ...snapshot, desired, keyId, rotated, mirror: request.mirror, onDrift: request.onDrift }));
}
function remoteNames(target, remote) {
    return new Set(remote.map((secret) => remoteName(target, secret.name)));
}
function planTarget(input) {
    const { target, state } = input;
    const remote = new Map(input.remote.map((secret) => [remoteName(target, secret.name), secret]));
    const keyChanged = input.keyId !== undefined && state.keyId !== undefined && state.keyId !== input.keyId;
    const items = [];
    const item = (name, action, reason, origin) => ({
        mirror: input.mirror.name,
        target: target.id,
        name,
        action,
        reason,
        ...(origin ? { origin } : {}),
        writes: action !== 'unchanged' && (action !== 'drift' || input.onDrift === 'rewrite'),
    });
    const wanted = new Set();
    for (const secret of input.desired) {
        const name = remoteName(target, secret.name);
        wanted.add(name);
        const present = remote.get(name);
        const recorded = state.secrets[name];
        const add = (action, reason) => items.push(item(name, action, reason, secret.origin));
        if (secret.generated) {
            if (!present)
                add('create', 'absent: a new random value');
            else if (input.rotated.has(secret.name))
                add('rotate', input.rotated.get(secret.name));
            else
                add('unchanged', 'generated, present');
            continue;
        }
        if (!present)
            add('create', 'absent');
        else if (!secret.digest)
            add('update', 'no digest key: written every run');
        else if (!recorded?.digest)
            add('update', 'not written by the mirror before');
        else if (keyChanged)
            add('update', 'digest key changed');
        else if (recorded.digest !== secret.digest)
            add('update', 'value changed');
        else if (changedSinceWrite(target, present, recorded))
            add('drift', 'changed outside the mirror');
        else
            add('unchanged', 'same value');
    }
    const prune = input.mirror.prune;
    if (prune) {
        for (const name of [...remote.keys()].sort()) {
            if (wanted.has(name))
                continue;
            if (prune === 'all')
                items.push(item(name, 'delete', 'in no source (prune: all)'));
            else if (state.secrets[name])
                items.push(item(name, 'delete', 'in no source, written by the mirror'));
        }
    }
    return items;
}
/** GitHub: updated_at moved since our write. Fly: its digest of the value moved. Unknown marks never drift. */
function changedSinceWrite(target, present, recorded) {
    if (target.kind === 'fly' && recorded.remoteDigest && present.digest) {
        return recorded.remoteDigest !== present.digest;
    }
    if (target.kind === 'github' && recorded.remoteUpdatedAt && present.updatedAt) {
        return Date.parse(recorded.remoteUpdatedAt) !== Date.parse(present.updatedAt);
    }
    return false;
}
/** How many items of each action, every action present (0 when none). */
function countActions(items) {
    const counts = Object.fromEntries(planActions.map((action) => [action, 0]));
    for (const entry of items)
        counts[entry.action]++;
    return counts;
}

;// CONCATENATED MODULE: ./packages/secrets/src/age.ts
const dayMs = 24 * 60 * 60 * 1000;
/** Per name at the target: its age, and `overdue` past max-age-days. Names the target lacks are left out. */
function ageReport(request) {
    const key = request.key ?? ((name) => name);
    const remote = new Map(request.remote.map((secret) => [key(secret.name), secret]));
    const items = [];
    for (const name of request.names) {
        const secret = remote.get(key(name));
        if (!secret)
            continue;
        const updated = secret.updatedAt ? Date.parse(secret.updatedAt) : Number.NaN;
        const ageDays = Number.isNaN(updated)
            ? undefined
            : Math.max(0, Math.floor((request.now.getTime() - updated) / dayMs));
        items.push({
            mirror: request.mirror,
            target: request.target,
            name: key(name),
            ...(secret.updatedAt ? { updatedAt: secret.updatedAt } : {}),
            ...(ageDays !== undefined ? { ageDays } : {}),
            overdue: request.maxAgeDays !== undefined && ageDays !== undefined && ageDays > request.maxAgeDays,
        });
    }
    return items;
}

;// CONCATENATED MODULE: ./packages/secrets/src/parity.ts
/** For each pair, the names present in one mirror and missing in the other (compared without case). */
function parityReport(pairs, namesByMirror) {
    return pairs.map(([first, second]) => {
        const a = namesByMirror.get(first) ?? [];
        const b = namesByMirror.get(second) ?? [];
        return {
            mirrors: [first, second],
            onlyInFirst: missingFrom(a, b),
            onlyInSecond: missingFrom(b, a),
        };
    });
}
function missingFrom(names, other) {
    const present = new Set(other.map((name) => name.toUpperCase()));
    return [...new Set(names)].filter((name) => !present.has(name.toUpperCase())).sort();
}

;// CONCATENATED MODULE: ./packages/secrets/src/rules.ts
// Value rules: checked before any write, and any violation stops the run. A message names the secret, its
// origin and the rule, and never quotes the value or a part of it.

/** GitHub keeps at most 48 KB per secret; the docs leave open whether before sealing, so count the plain text. */
const maxGitHubSecretBytes = 48 * 1024;
/** PgBouncer / Supavisor transaction mode: prepared statements and migrations break through it. */
const poolerPort = '6543';
/** Every violation of every rule whose `names` glob matches an entry's (final) name. */
function checkRules(entries, rules, options = {}) {
    const violations = [];
    const compiled = rules.map((rule) => ({ rule, matches: picomatch_default()(rule.names) }));
    for (const entry of entries) {
        const add = (rule, problem) => violations.push({
            name: entry.name,
            origin: entry.origin,
            rule,
            message: `${entry.name} (${entry.origin}): ${rule}: ${problem}`,
        });
        if (options.maxBytes !== undefined && Buffer.byteLength(entry.value) > options.maxBytes) {
            add('size', `longer than ${options.maxBytes} bytes, the most a GitHub secret holds`);
        }
        for (const { rule, matches } of compiled) {
            if (!matches(entry.name))
                continue;
            const problem = ruleProblem(rule, entry.value);
            if (problem)
                add(problem.rule, problem.text);
        }
    }
    return violations;
}
function ruleProblem(rule, value) {
    if ('non-empty' in rule) {
        return value.trim() === '' ? { rule: 'non-empty', text: 'is empty' } : undefined;
    }
    if ('min-length' in rule) {
        const minimum = rule['min-length'];
        return [...value].length < minimum
            ? { rule: 'min-length', text: `is shorter than ${minimum} characters` }
            : undefined;
    }
    if ('regex' in rule) {
        return new RegExp(rule.regex).test(value)
            ? undefined
            : { rule: 'regex', text: `does not match /${rule.regex}/` };
    }
    if ('url' in rule) {
        const protocols = rule.url === true ? undefined : rule.url.protocols;
        const text = urlProblem(value, protocols);
        return text ? { rule: 'url', text } : undefined;
    }
    const port = String(rule.postgres === true ? 5432 : (rule.postgres.port ?? 5432));
    const text = postgresProblem(value, port);
    return text ? { rule: 'postgres', text } : undefined;
}
function parseUrl(value) {
    try {
        return new URL(value.trim());
    }
    catch {
        return undefined;
    }
}
function urlProblem(value, protocols) {
    const url = parseUrl(value);
    if (!url)
        return 'is not a URL';
    const allowed = protocols?.map((protocol) => protocol.replace(/:?$/, ':').toLowerCase());
    // Which protocol it has is part of the value: say only what was expected.
    if (allowed && !allowed.includes(url.protocol))
        return `protocol is not one of ${allowed.join(', ')}`;
    if (['http:', 'https:'].includes(url.protocol) && !url.hostname)
        return 'has no host';
    return undefined;
}
function postgresProblem(value, directPort) {
    const url = parseUrl(value);
    if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
        return 'is not a postgres:// or postgresql:// URL';
    }
    if (!url.hostname)
        return 'has no host';
    const port = url.port || '5432';
    if (port === directPort)
        return undefined;
    if (port === poolerPort) {
        return `uses port ${poolerPort}, the pooler (transaction mode breaks prepared statements and migrations); use the direct port ${directPort}`;
    }
    return `does not use the direct port ${directPort}`;
}

// EXTERNAL MODULE: ./node_modules/dotenv/dist/index.cjs
var dotenv_dist = __webpack_require__(8230);
;// CONCATENATED MODULE: ./packages/secrets/src/names.ts
/** Why `name` cannot be a secret at this kind of target, or undefined when it can. */
function validateName(name, kind) {
    if (!/^[A-Za-z0-9_]+$/.test(name)) {
        return `${JSON.stringify(name)} is not a valid ${kindLabel(kind)} secret name: only letters, digits and _`;
    }
    if (/^[0-9]/.test(name)) {
        return `${JSON.stringify(name)} is not a valid ${kindLabel(kind)} secret name: it starts with a digit`;
    }
    if (kind === 'github' && /^GITHUB_/i.test(name)) {
        return `${JSON.stringify(name)} is not a valid GitHub secret name: the GITHUB_ prefix is reserved`;
    }
    return undefined;
}
function targetKinds(targets) {
    return new Set(targets.map((target) => ('github' in target ? 'github' : 'fly')));
}
function kindLabel(kind) {
    return kind === 'github' ? 'GitHub' : 'Fly';
}

;// CONCATENATED MODULE: ./packages/secrets/src/sources.ts
// Where values come from: dotenv files, a vault folder (`vault/<service>/<env>.env`), flat JSON files and
// prefixed environment variables. Each entry remembers its origin (`vault/shop-app/staging.env:3`) so every
// later message can point at the line without quoting the value.





/** Sources that cannot be used as they are; every problem is listed, each with its origin. */
class SourceError extends Error {
    problems;
    constructor(problems) {
        super(problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join('; ')}`);
        this.problems = problems;
        this.name = 'SourceError';
    }
}
/**
 * Reads every source of the mirror, filters (include/exclude on the source names), renames, and checks that
 * names are unique and valid for each kind of target. Throws SourceError naming every problem.
 */
async function loadSources(mirror, context) {
    const raw = [];
    for (const source of mirror.sources)
        raw.push(...(await readSource(source, context)));
    const problems = [];
    checkUnique(raw, problems);
    const included = mirror.include.length > 0 ? picomatch_default()(mirror.include) : () => true;
    const excluded = mirror.exclude.length > 0 ? picomatch_default()(mirror.exclude) : () => false;
    const entries = raw
        .filter((entry) => included(entry.name) && !excluded(entry.name))
        .map((entry) => ({ ...entry, name: renamed(entry.name, mirror.rename) }));
    if (problems.length === 0)
        checkUnique(entries, problems);
    const generated = new Set(mirror.generated.map((spec) => spec.name));
    for (const entry of entries) {
        if (generated.has(entry.name)) {
            problems.push(`${entry.origin}: ${entry.name} is also a generated secret of mirror '${mirror.name}'`);
        }
    }
    const kinds = targetKinds(mirror.targets);
    for (const entry of entries) {
        for (const problem of nameProblems(entry.name, kinds))
            problems.push(`${entry.origin}: ${problem}`);
    }
    for (const spec of mirror.generated) {
        for (const problem of nameProblems(spec.name, kinds))
            problems.push(`generated ${spec.name}: ${problem}`);
    }
    if (problems.length > 0)
        throw new SourceError(problems);
    return entries;
}
function nameProblems(name, kinds) {
    return [...kinds].flatMap((kind) => validateName(name, kind) ?? []);
}
function renamed(name, rename) {
    return `${rename.prefix}${rename.map[name] ?? name}${rename.suffix}`;
}
/** Names compare case-insensitively, as GitHub stores them. */
function checkUnique(entries, problems) {
    const seen = new Map();
    for (const entry of entries) {
        const key = entry.name.toUpperCase();
        const first = seen.get(key);
        if (first) {
            problems.push(`${entry.name} is defined twice: at ${first.origin} and at ${entry.origin}`);
        }
        else {
            seen.set(key, entry);
        }
    }
}
async function readSource(source, context) {
    if ('file' in source)
        return dotenvEntries(source.file, await readText(context, source.file));
    if ('json' in source)
        return jsonEntries(source.json, await readText(context, source.json));
    if ('vault' in source)
        return vaultEntries(source, context);
    return envEntries(source.env.prefix, context.env);
}
async function readText(context, path) {
    try {
        return await (0,promises_.readFile)(resolveIn(context.workspace, path), 'utf8');
    }
    catch (thrown) {
        const code = thrown.code;
        throw new SourceError([`${path}: cannot read the source (${code ?? 'error'})`]);
    }
}
function resolveIn(workspace, path) {
    return (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path);
}
/** Values by dotenv's own parser; lines found by a scan that skips quoted multi-line values as dotenv does. */
function dotenvEntries(path, text) {
    const values = (0,dotenv_dist.parse)(text);
    const lines = dotenvKeyLines(text);
    return Object.entries(values).map(([name, value]) => ({
        name,
        value,
        origin: lines.has(name) ? `${path}:${lines.get(name)}` : path,
    }));
}
// dotenv's line grammar (its classic LINE expression): `export`, `=` or `: `, quoted values that span lines.
const dotenvLine = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;
/** The 1-based line of each key's last assignment (dotenv keeps the last). */
function dotenvKeyLines(text) {
    const source = text.replace(/\r\n?/g, '\n');
    const lines = new Map();
    for (const match of source.matchAll(dotenvLine)) {
        const keyOffset = match.index + match[0].search(/\S/);
        lines.set(match[1], lineAt(source, keyOffset));
    }
    return lines;
}
function lineAt(text, offset) {
    let line = 1;
    for (let index = 0; index < offset; index++)
        if (text.charCodeAt(index) === 10)
            line++;
    return line;
}
/** A flat JSON object of strings; anything else is an error pointing at the key. */
function jsonEntries(path, text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (thrown) {
        throw new SourceError([`${path}: invalid JSON: ${thrown.message.split('\n')[0]}`]);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new SourceError([`${path}: expected a flat JSON object of strings`]);
    }
    const problems = [];
    const entries = [];
    for (const [name, value] of Object.entries(data)) {
        const offset = text.indexOf(`${JSON.stringify(name)}`);
        const origin = offset >= 0 ? `${path}:${lineAt(text, offset)}` : path;
        if (typeof value !== 'string') {
            problems.push(`${origin}: ${name} must be a string, not ${Array.isArray(value) ? 'an array' : typeof value}`);
        }
        else {
            entries.push({ name, value, origin });
        }
    }
    if (problems.length > 0)
        throw new SourceError(problems);
    return entries;
}
/** Environment variables starting with the prefix, the prefix stripped (`SHOP_DB_URL` → `DB_URL`). */
function envEntries(prefix, env) {
    return Object.entries(env)
        .filter((entry) => entry[0].startsWith(prefix) && entry[0].length > prefix.length)
        .filter(([, value]) => typeof value === 'string')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name: name.slice(prefix.length), value, origin: `env ${name}` }));
}
/** `vault/<service>/<environment>.env` for every service folder (or the listed ones). */
async function vaultEntries(source, context) {
    const root = resolveIn(context.workspace, source.vault);
    let services;
    try {
        const dirents = await (0,promises_.readdir)(root, { withFileTypes: true });
        services = dirents
            .filter((dirent) => dirent.isDirectory())
            .map((dirent) => dirent.name)
            .sort();
    }
    catch {
        throw new SourceError([`${source.vault}: cannot read the vault folder`]);
    }
    const file = `${source.environment}.env`;
    const entries = [];
    const problems = [];
    const wanted = source.services ?? services;
    let files = 0;
    for (const service of wanted) {
        const path = (0,external_node_path_.join)(source.vault, service, file);
        let text;
        try {
            text = await (0,promises_.readFile)((0,external_node_path_.join)(root, service, file), 'utf8');
        }
        catch {
            // Only a service the config names must have the file; other folders may not serve this environment.
            if (source.services)
                problems.push(`${path}: missing (service '${service}' is listed in the vault source)`);
            continue;
        }
        files++;
        entries.push(...dotenvEntries(path, text));
    }
    if (problems.length === 0 && files === 0)
        problems.push(`${source.vault}: no <service>/${file} file`);
    if (problems.length > 0)
        throw new SourceError(problems);
    return entries;
}

;// CONCATENATED MODULE: ./packages/secrets/src/verify.ts
/** Clocks of the runner and of GitHub/Fly differ a little; updated_at has whole seconds. */
const clockSkewMs = 5000;
/** One item per expected or deleted name. */
function verifyTarget(request) {
    const key = (name) => name.toUpperCase();
    const after = new Map(request.after.map((secret) => [key(secret.name), secret]));
    const before = new Map(request.before.map((secret) => [key(secret.name), secret]));
    const item = (name, status) => ({
        mirror: request.mirror,
        target: request.target,
        name,
        status,
        written: request.written.has(name),
    });
    const items = request.expected.map((name) => {
        const now = after.get(key(name));
        if (!now)
            return item(name, 'missing');
        const at = request.written.get(name);
        if (at && !looksWritten(now, before.get(key(name)), at))
            return item(name, 'not-updated');
        return item(name, 'ok');
    });
    for (const name of request.deleted)
        items.push(item(name, after.has(key(name)) ? 'still-present' : 'ok'));
    return items;
}
function looksWritten(now, previous, at) {
    if (!previous)
        return true;
    if (now.digest && previous.digest && now.digest !== previous.digest)
        return true;
    if (!now.updatedAt)
        return false;
    const updated = Date.parse(now.updatedAt);
    return updated >= at.getTime() - clockSkewMs || now.updatedAt !== previous.updatedAt;
}

;// CONCATENATED MODULE: ./packages/secrets/src/run.ts
// One run of the secret mirror: load and check every mirror's values, read each target, plan, write, verify,
// then ages, parity and what Fly machines need. Values stay in memory; the report holds names only.













/** Runs every mirror of the config. Throws on unusable sources or targets; everything else is in the report. */
async function runMirror(config, deps, options = {}) {
    const now = deps.now ?? (() => new Date());
    const log = deps.log;
    const redactor = new src/* Redactor */.pO();
    const remember = (value) => {
        redactor.add(value);
        deps.onValue?.(value);
    };
    const warnings = [];
    const warn = (message) => {
        warnings.push(message);
        log.warning(message);
    };
    if (!deps.digestKey) {
        warn('no digest key: every secret is written on every run, and drift cannot be told from a change');
    }
    const loaded = await loadMirrors(config, deps, remember);
    const targets = loaded.flatMap(({ mirror, targets }) => targets.map((target) => ({ mirror: mirror.name, id: target.id, label: target.label, kind: target.kind })));
    const namesByMirror = new Map(loaded.map(({ mirror, entries }) => [
        mirror.name,
        [...entries.map((entry) => entry.name), ...mirror.generated.map((spec) => spec.name)],
    ]));
    const parity = parityReport(config.parity, namesByMirror);
    // Logged, not added to `warnings`: the report carries parity as its own field.
    for (const item of parity) {
        const [first, second] = item.mirrors;
        if (item.onlyInFirst.length > 0)
            log.warning(`parity: ${second} lacks ${item.onlyInFirst.join(', ')} (in ${first})`);
        if (item.onlyInSecond.length > 0)
            log.warning(`parity: ${first} lacks ${item.onlyInSecond.join(', ')} (in ${second})`);
    }
    const violations = loaded.flatMap(({ mirror, targets, entries }) => checkRules(entries, mirror.rules, {
        ...(targets.some((target) => target.kind === 'github') ? { maxBytes: maxGitHubSecretBytes } : {}),
    }));
    const base = {
        dryRun: options.dryRun ?? false,
        rotate: options.rotate ?? false,
        targets,
        parity,
        warnings,
    };
    if (violations.length > 0) {
        for (const violation of violations)
            log.error(violation.message);
        log.error(`${violations.length} value rule violation(s): nothing was written`);
        return { ...base, ...emptyOutcome(), ok: false, violations };
    }
    const failures = [];
    const runs = [];
    for (const mirror of loaded) {
        const reads = [];
        for (const target of mirror.targets) {
            try {
                const read = await readTarget(target, deps);
                for (const message of read.warnings)
                    warn(message);
                reads.push(read);
            }
            catch (thrown) {
                failures.push(failure(mirror.mirror.name, target, 'read', [], thrown, redactor));
            }
        }
        const items = planMirror({
            mirror: {
                name: mirror.mirror.name,
                prune: options.prune && !mirror.mirror.prune ? true : mirror.mirror.prune,
            },
            entries: mirror.entries,
            generated: mirror.mirror.generated.map((spec) => spec.name),
            snapshots: reads,
            ...(deps.digestKey ? { digestKey: deps.digestKey } : {}),
            rotate: options.rotate ?? false,
            onDrift: options.onDrift ?? 'rewrite',
        });
        for (const read of reads) {
            runs.push({ loaded: mirror, read, items: items.filter((item) => item.target === read.target.id) });
        }
    }
    const plan = runs.flatMap((run) => run.items);
    for (const run of runs)
        logPlan(log, run);
    for (const item of plan.filter((entry) => entry.action === 'drift')) {
        warn(`${item.target}: ${item.name} was changed outside the mirror${item.writes ? '; writing the vault value back' : ''}`);
    }
    // Checked before any write, and in a dry run too: GitHub refuses secrets past its per-scope limit.
    const overflowing = new Set();
    for (const run of runs) {
        const overflow = capacityProblem(run.read, run.items);
        if (!overflow)
            continue;
        overflowing.add(run);
        const names = run.items.filter((item) => item.writes).map((item) => item.name);
        failures.push({
            mirror: run.loaded.mirror.name,
            target: run.read.target.id,
            operation: 'put-secret',
            names,
            error: overflow,
        });
        log.error(overflow);
    }
    if (!options.dryRun) {
        const generated = generatedValues(loaded, plan, remember);
        for (const run of runs) {
            if (overflowing.has(run))
                continue;
            const values = valuesFor(run, generated);
            run.outcome = await applyPlan({
                mirror: run.loaded.mirror.name,
                target: run.read.target,
                items: run.items,
                values,
                state: run.read.state,
                createEnvironment: run.read.createEnvironment,
                ...(deps.digestKey ? { digestKey: deps.digestKey } : {}),
                clients: deps,
                redactor,
                now,
            });
            for (const result of run.outcome.results.filter((entry) => !entry.ok)) {
                const { ok: _ok, ...rest } = result;
                failures.push({ ...rest, error: result.error ?? 'failed' });
                log.error(`${result.target}: ${result.operation} ${result.names.join(', ')} failed: ${result.error}`);
            }
        }
    }
    const results = runs.flatMap((run) => run.outcome?.results ?? []);
    const verification = [];
    const listings = new Map();
    if (!options.dryRun && options.verify !== false) {
        for (const run of runs) {
            const target = run.read.target;
            let after;
            try {
                after = run.outcome?.remoteAfter ?? (await listRemote(target, deps));
            }
            catch (thrown) {
                failures.push(failure(run.loaded.mirror.name, target, 'read', [], thrown, redactor));
                continue;
            }
            listings.set(run, after);
            verification.push(...verifyTarget({
                mirror: run.loaded.mirror.name,
                target: target.id,
                expected: desiredNames(run).map((name) => remoteName(target, name)),
                written: run.outcome?.written ?? new Map(),
                deleted: run.outcome?.deleted ?? new Set(),
                before: run.read.remote,
                after,
            }));
        }
        for (const item of verification.filter((entry) => entry.status !== 'ok')) {
            log.error(`${item.target}: ${item.name} failed verification: ${item.status}`);
        }
    }
    const ages = runs.flatMap((run) => ageReport({
        mirror: run.loaded.mirror.name,
        target: run.read.target.id,
        names: desiredNames(run),
        remote: listings.get(run) ?? run.outcome?.remoteAfter ?? run.read.remote,
        maxAgeDays: run.loaded.mirror['max-age-days'] ?? options.maxAgeDays,
        now: now(),
        key: (name) => remoteName(run.read.target, name),
    }));
    const overdue = ages.filter((age) => age.overdue);
    for (const age of overdue)
        warn(`${age.target}: ${age.name} is ${age.ageDays} days old, past max-age-days`);
    const fly = await flyNotes(runs, deps, options, failures, redactor, log);
    const ok = failures.length === 0 &&
        verification.every((item) => item.status === 'ok') &&
        !(options.failOnOverdue && overdue.length > 0);
    return {
        ...base,
        ok,
        plan,
        counts: countActions(plan),
        writes: results.length,
        results,
        failures,
        verification,
        ages,
        overdue: overdue.length,
        violations: [],
        fly,
    };
}
async function loadMirrors(config, deps, remember) {
    const loaded = [];
    const owners = new Map();
    for (const mirror of config.mirrors) {
        const targets = resolveTargets(mirror, {
            ...(deps.repository ? { repository: deps.repository } : {}),
            digestVariable: config['digest-variable'],
        });
        for (const target of targets) {
            const owner = owners.get(target.id);
            // One state per target: two mirrors writing one target would prune and overwrite each other.
            if (owner)
                throw new Error(`${target.label} is a target of both '${owner}' and '${mirror.name}'; give it to one mirror`);
            owners.set(target.id, mirror.name);
        }
        const entries = await loadSources(mirror, { workspace: deps.workspace, env: deps.env });
        for (const entry of entries)
            remember(entry.value);
        deps.log.info(`${mirror.name}: ${entries.length} secret(s) from ${mirror.sources.length} source(s), ${mirror.generated.length} generated`);
        loaded.push({ mirror, targets, entries });
    }
    return loaded;
}
/** One new value per generated name that any target creates or rotates, shared by all its targets. */
function generatedValues(loaded, plan, remember) {
    const byMirror = new Map();
    for (const { mirror } of loaded) {
        const values = new Map();
        for (const spec of mirror.generated) {
            const needed = plan.some((item) => item.mirror === mirror.name &&
                item.origin === 'generated' &&
                item.name.toUpperCase() === spec.name.toUpperCase() &&
                item.writes);
            if (!needed)
                continue;
            const value = generateValue(spec);
            remember(value);
            values.set(spec.name, value);
        }
        byMirror.set(mirror.name, values);
    }
    return byMirror;
}
/** The values of one target, by the names its plan items use. */
function valuesFor(run, generated) {
    const target = run.read.target;
    const values = new Map();
    for (const entry of run.loaded.entries)
        values.set(remoteName(target, entry.name), entry.value);
    for (const [name, value] of generated.get(run.loaded.mirror.name) ?? [])
        values.set(remoteName(target, name), value);
    return values;
}
function desiredNames(run) {
    return [
        ...run.loaded.entries.map((entry) => entry.name),
        ...run.loaded.mirror.generated.map((spec) => spec.name),
    ];
}
async function flyNotes(runs, deps, options, failures, redactor, log) {
    const notes = [];
    for (const run of runs) {
        const target = run.read.target;
        const write = run.outcome?.flyWrite;
        if (target.kind !== 'fly' || !write || !deps.fly)
            continue;
        try {
            const note = await flyMachinesAfterWrite(deps.fly, target.app, write, {
                restart: options.restartFlyMachines ?? false,
                ...(options.flyRestartTimeoutMs ? { timeoutMs: options.flyRestartTimeoutMs } : {}),
                ...(options.flyRestartPollMs ? { pollMs: options.flyRestartPollMs } : {}),
            });
            for (const machine of note.machines)
                if (machine.error)
                    machine.error = redactor.redact(machine.error);
            note.message = redactor.redact(note.message);
            log.info(note.message);
            notes.push(note);
            const failed = note.machines.find((machine) => machine.error);
            if (failed) {
                failures.push({
                    mirror: run.loaded.mirror.name,
                    target: target.id,
                    operation: 'restart-machines',
                    names: [failed.id],
                    error: failed.error,
                });
            }
        }
        catch (thrown) {
            failures.push(failure(run.loaded.mirror.name, target, 'restart-machines', [], thrown, redactor));
        }
    }
    return notes;
}
function failure(mirror, target, operation, names, thrown, redactor) {
    const permission = thrown.permission;
    return {
        mirror,
        target: target.id,
        operation,
        names,
        error: redactor.redact(`${target.label}: ${(0,src/* errorMessage */.gJ)(thrown)}`),
        ...(typeof permission === 'string' ? { permission } : {}),
    };
}
function logPlan(log, run) {
    const counts = countActions(run.items);
    const parts = Object.entries(counts)
        .filter(([, count]) => count > 0)
        .map(([action, count]) => `${count} ${action}`);
    log.info(`${run.read.target.label}: ${parts.join(', ') || 'nothing to mirror'}`);
}
function emptyOutcome() {
    return {
        plan: [],
        counts: countActions([]),
        writes: 0,
        results: [],
        failures: [],
        verification: [],
        ages: [],
        overdue: 0,
        fly: [],
    };
}

;// CONCATENATED MODULE: ./packages/secrets/src/index.ts

















;// CONCATENATED MODULE: ./actions/secret-mirror/src/summary.ts

const summary_rowsShown = 200;
const actionIcon = {
    create: '➕',
    update: '✏️',
    rotate: '🔄',
    drift: '⚠️',
    delete: '🗑️',
    unchanged: '·',
};
/** The step summary: verdict, counts, one row per secret and target (names, actions, ages — never a value). */
function renderMirrorSummary(summary, report) {
    const { counts } = report;
    const verdict = !report.ok
        ? '❌ secret-mirror failed'
        : report.dryRun
            ? '📝 secret-mirror: plan only (dry run)'
            : report.writes === 0
                ? '✅ secret-mirror: every target is up to date; nothing written'
                : `✅ secret-mirror: ${report.writes} write${report.writes === 1 ? '' : 's'}, verified`;
    summary.heading(verdict);
    summary.paragraph([
        `${report.targets.length} target${report.targets.length === 1 ? '' : 's'}:`,
        `${counts.create} to create, ${counts.update} to update, ${counts.rotate} to rotate,`,
        `${counts.drift} changed outside the mirror, ${counts.delete} to delete, ${counts.unchanged} unchanged.`,
        report.overdue > 0 ? `**${report.overdue} older than the maximum age.**` : '',
    ]
        .filter(Boolean)
        .join(' '));
    if (report.violations.length > 0) {
        summary.heading('Value rules: nothing was written', 3);
        summary.list(report.violations.map((violation) => (0,src/* escapeMarkdown */.FV)(violation.message)));
    }
    if (report.failures.length > 0) {
        summary.heading('Failed', 3);
        summary.list(report.failures.map((failure) => `${(0,src/* escapeMarkdown */.FV)(failure.target)} (${failure.operation} ${(0,src/* escapeMarkdown */.FV)(failure.names.join(', '))}): ${(0,src/* escapeMarkdown */.FV)(failure.error)}`));
    }
    const ages = new Map(report.ages.map((age) => [`${age.target}\u0000${age.name}`, age]));
    const verified = new Map(report.verification.map((item) => [`${item.target}\u0000${item.name}`, item]));
    const labels = new Map(report.targets.map((target) => [target.id, target.label]));
    const row = (item) => {
        const key = `${item.target}\u0000${item.name}`;
        const age = ages.get(key);
        const check = verified.get(key);
        return [
            `\`${item.name}\``,
            (0,src/* escapeMarkdown */.FV)(labels.get(item.target) ?? item.target),
            `${actionIcon[item.action] ?? ''} ${item.action}`,
            (0,src/* escapeMarkdown */.FV)(item.reason),
            age?.ageDays === undefined ? '—' : `${age.ageDays} d${age.overdue ? ' ⏰' : ''}`,
            check ? (check.status === 'ok' ? '✅' : `❌ ${check.status}`) : '—',
        ];
    };
    const headers = ['secret', 'target', 'action', 'why', 'age', 'verified'];
    // What changes (or is overdue) comes first; the unchanged rest folds away.
    const notable = report.plan.filter((item) => item.action !== 'unchanged' || ages.get(`${item.target}\u0000${item.name}`)?.overdue);
    const quiet = report.plan.filter((item) => !notable.includes(item));
    if (notable.length > 0)
        summary.table(headers, notable.slice(0, summary_rowsShown).map(row));
    if (quiet.length > 0) {
        const table = new src/* Summary */.BD().table(headers, quiet.slice(0, summary_rowsShown).map(row)).toString();
        summary.details(`${quiet.length} unchanged`, table);
    }
    if (notable.length > summary_rowsShown || quiet.length > summary_rowsShown) {
        summary.paragraph('More rows are in the JSON report.');
    }
    for (const pair of report.parity) {
        const [first, second] = pair.mirrors;
        if (pair.onlyInFirst.length === 0 && pair.onlyInSecond.length === 0) {
            summary.paragraph(`Parity: ${(0,src/* escapeMarkdown */.FV)(first)} and ${(0,src/* escapeMarkdown */.FV)(second)} hold the same names.`);
            continue;
        }
        const lines = [];
        if (pair.onlyInFirst.length > 0) {
            lines.push(`only in ${(0,src/* escapeMarkdown */.FV)(first)}: ${pair.onlyInFirst.map((name) => `\`${name}\``).join(', ')}`);
        }
        if (pair.onlyInSecond.length > 0) {
            lines.push(`only in ${(0,src/* escapeMarkdown */.FV)(second)}: ${pair.onlyInSecond.map((name) => `\`${name}\``).join(', ')}`);
        }
        summary.paragraph(`⚠️ Parity of ${(0,src/* escapeMarkdown */.FV)(first)} and ${(0,src/* escapeMarkdown */.FV)(second)}: ${lines.join('; ')}.`);
    }
    for (const note of report.fly)
        summary.paragraph(`Fly: ${(0,src/* escapeMarkdown */.FV)(note.message)}`);
    if (report.warnings.length > 0)
        summary.list(report.warnings.map((warning) => `⚠️ ${(0,src/* escapeMarkdown */.FV)(warning)}`));
}

;// CONCATENATED MODULE: ./actions/secret-mirror/src/mirror.ts








/** Wires secret-mirror's inputs to the mirror engine, and its report to a file, outputs and the summary. */
async function mirrorAction(inputs, context) {
    const { log, run, summary } = context;
    const config = await readConfig(inputs, context);
    const repository = resolveRepository(inputs.repository);
    const needsFly = config.mirrors.some((mirror) => mirror.targets.some((target) => 'fly' in target));
    // Present: the action's entry checked it.
    const githubToken = secretInput(inputs['github-token'], process.env.GH_TOKEN, context);
    const flyToken = secretInput(inputs['fly-api-token'], process.env.FLY_API_TOKEN, context);
    if (needsFly && !flyToken) {
        throw new src/* InputError */.dz('fly-api-token', "Input 'fly-api-token' is required: the mirror has Fly targets; pass a Fly API token from a secret, or set FLY_API_TOKEN.");
    }
    const digestKey = secretInput(inputs['digest-key'], undefined, context);
    if (digestKey !== undefined && digestKey.length < 16) {
        throw new src/* InputError */.dz('digest-key', "Input 'digest-key' must be at least 16 characters (a long random secret).");
    }
    // The clients take a base with or without a trailing slash (and, for Fly, with or without /v1).
    const githubUrl = inputs['github-api-url'] ?? run.apiUrl;
    const flyUrl = inputs['fly-api-url'];
    const github = githubToken ? new client/* GitHubClient */.j({ token: githubToken, baseUrl: githubUrl, log }) : undefined;
    const fly = flyToken
        ? new client_FlyClient({ token: flyToken, baseUrl: flyUrl, log, userAgent: 'shipgate' })
        : undefined;
    let report;
    try {
        report = await runMirror(config, {
            ...(github ? { github } : {}),
            ...(fly ? { fly } : {}),
            ...(repository ? { repository } : {}),
            ...(digestKey ? { digestKey } : {}),
            env: process.env,
            workspace: run.workspace,
            log,
            onValue: (value) => context.mask(value),
        }, {
            dryRun: inputs['dry-run'],
            rotate: inputs.rotate,
            verify: inputs.verify,
            onDrift: inputs['on-drift'],
            failOnOverdue: inputs['fail-on-overdue'],
            restartFlyMachines: inputs['restart-fly-machines'],
            ...(inputs.prune ? { prune: true } : {}),
            ...(inputs['max-age-days'] !== undefined ? { maxAgeDays: inputs['max-age-days'] } : {}),
        });
    }
    finally {
        await fly?.close();
    }
    const reportFile = inputs['report-file']
        ? (0,external_node_path_.resolve)(run.workspace, inputs['report-file'])
        : (0,external_node_path_.join)(run.temp, 'secret-mirror.json');
    await context.writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    renderMirrorSummary(summary, report);
    const { counts } = report;
    const outputs = {
        plan: report.plan.map(({ mirror, target, name, action }) => ({ mirror, target, name, action })),
        created: counts.create,
        updated: counts.update +
            counts.rotate +
            report.plan.filter((item) => item.action === 'drift' && item.writes).length,
        unchanged: counts.unchanged,
        deleted: counts.delete,
        drift: counts.drift,
        writes: report.writes,
        overdue: report.overdue,
        'report-file': reportFile,
    };
    return report.ok ? { outputs } : { outputs, failure: failureLine(report) };
}
async function readConfig(inputs, context) {
    const { workspace } = context.run;
    if (inputs.config) {
        const path = (0,external_node_path_.isAbsolute)(inputs.config) ? inputs.config : (0,external_node_path_.resolve)(workspace, inputs.config);
        if (!(0,external_node_fs_.existsSync)(path))
            throw new src/* InputError */.dz('config', `Input 'config' names ${inputs.config}, which does not exist.`);
        const label = (0,external_node_path_.relative)(workspace, path) || path;
        const loaded = loadMirrorConfig(await (0,promises_.readFile)(path, 'utf8'), label);
        let config;
        try {
            config = selectMirrors(loaded, inputs.mirrors);
        }
        catch (thrown) {
            throw new src/* InputError */.dz('mirrors', `Input 'mirrors': ${(0,src/* errorMessage */.gJ)(thrown)} (${label}).`);
        }
        const selected = config.mirrors.length === loaded.mirrors.length
            ? ''
            : ` of ${loaded.mirrors.length}, selected by 'mirrors'`;
        context.log.info(`config: ${label} (${config.mirrors.length} mirror${config.mirrors.length === 1 ? '' : 's'}${selected})`);
        return config;
    }
    if (inputs.mirrors.length > 0) {
        throw new src/* InputError */.dz('mirrors', "Input 'mirrors' selects mirrors of a 'config'; without one there is a single mirror.");
    }
    if (inputs.sources.length === 0) {
        throw new src/* InputError */.dz('sources', "Input 'sources' is required without a 'config': the vault files to mirror (e.g. vault/shop-app/staging.env).");
    }
    return mirrorFromInputs({
        sources: inputs.sources,
        include: inputs.include,
        exclude: inputs.exclude,
        createEnvironment: inputs['create-environment'],
        ...(inputs['github-environment'] ? { githubEnvironment: inputs['github-environment'] } : {}),
        ...(inputs['fly-app'] ? { flyApp: inputs['fly-app'] } : {}),
    });
}
function resolveRepository(given) {
    const name = given ?? process.env.GITHUB_REPOSITORY;
    if (!name)
        return undefined;
    try {
        return parseRepository(name);
    }
    catch {
        throw new src/* InputError */.dz('repository', `Input 'repository' must be owner/name; got '${name}'.`);
    }
}
function secretInput(given, fallback, context) {
    const value = given?.trim() || fallback?.trim() || undefined;
    if (value)
        context.mask(value);
    return value;
}
function failureLine(report) {
    if (report.violations.length > 0) {
        const [first] = report.violations;
        const more = report.violations.length > 1 ? ` (and ${report.violations.length - 1} more)` : '';
        return `nothing was written: ${first?.message}${more}`;
    }
    if (report.failures.length > 0) {
        const [first] = report.failures;
        const more = report.failures.length > 1 ? ` (and ${report.failures.length - 1} more failures)` : '';
        return `${first?.target}: ${first?.error}${more}; a re-run converges`;
    }
    const unverified = report.verification.filter((item) => item.status !== 'ok');
    if (unverified.length > 0) {
        return `verification failed for ${unverified.map((item) => `${item.name} at ${item.target}`).join(', ')}`;
    }
    if (report.overdue > 0)
        return `${report.overdue} secret${report.overdue === 1 ? ' is' : 's are'} older than max-age-days`;
    return 'the mirror did not finish';
}


/***/ }),

/***/ 9825:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j: () => (/* binding */ GitHubClient),
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/@octokit/rest/dist-src/index.js + 21 modules
var dist_src = __webpack_require__(9988);
// EXTERNAL MODULE: ./packages/kit/src/index.ts + 1 modules
var src = __webpack_require__(316);
// EXTERNAL MODULE: ./packages/github/src/errors.ts
var errors = __webpack_require__(3570);
;// CONCATENATED MODULE: ./packages/github/src/names.ts
/** GitHub's limit per secret and per variable: 48 KB, checked on the plaintext's UTF-8 bytes. */
const maxValueBytes = 48 * 1024;
/**
 * Why GitHub would refuse `name` for an Actions secret or variable, or undefined when it is fine:
 * only `[A-Za-z0-9_]`, no leading digit, no `GITHUB_` prefix (any case).
 */
function nameProblem(name) {
    if (name === '')
        return 'the name is empty';
    if (!/^[A-Za-z0-9_]+$/.test(name))
        return 'only letters, digits and _ are allowed';
    if (/^[0-9]/.test(name))
        return 'it must not start with a digit';
    if (/^GITHUB_/i.test(name))
        return 'the GITHUB_ prefix is reserved';
    return undefined;
}
/** Throws a message that names the secret or variable (never its value) when GitHub would refuse it. */
function assertValidName(kind, name) {
    const problem = nameProblem(name);
    if (problem)
        throw new Error(`${kind} name ${JSON.stringify(name)} is invalid: ${problem}`);
}
/** Throws when the value is over GitHub's 48 KB limit; the message gives sizes, never the value. */
function assertValueSize(kind, name, value) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > maxValueBytes) {
        throw new Error(`${kind} ${name} is ${bytes} bytes; GitHub allows at most ${maxValueBytes} (48 KB)`);
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./packages/github/src/schemas.ts

const publicKeySchema = schemas/* object */.Ikc({
    key_id: schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).transform(String),
    key: schemas/* string */.YjP().min(1),
});
const secretSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP(),
    created_at: schemas/* string */.YjP(),
    updated_at: schemas/* string */.YjP(),
    visibility: schemas/* string */.YjP().optional(),
});
const secretPageSchema = schemas/* object */.Ikc({
    total_count: schemas/* number */.aig().optional(),
    secrets: schemas/* array */.YOg(secretSchema),
});
const variableSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP(),
    value: schemas/* string */.YjP(),
    created_at: schemas/* string */.YjP().optional(),
    updated_at: schemas/* string */.YjP().optional(),
});
const variablePageSchema = schemas/* object */.Ikc({
    total_count: schemas/* number */.aig().optional(),
    variables: schemas/* array */.YOg(variableSchema),
});
const environmentSchema = schemas/* object */.Ikc({ name: schemas/* string */.YjP() });
const repositorySchema = schemas/* object */.Ikc({ id: schemas/* number */.aig() });
const deploymentSchema = schemas/* object */.Ikc({ id: schemas/* number */.aig() });

;// CONCATENATED MODULE: ./packages/github/src/scopes.ts
/** A path segment as GitHub expects it: URL-encoded, so an environment `prod/eu` becomes `prod%2Feu`. */
function segment(value) {
    return encodeURIComponent(String(value));
}
/**
 * The prefix under which a scope's `secrets` and `variables` live:
 * `/repos/{owner}/{repo}/actions`, `/repos/{owner}/{repo}/environments/{environment_name}` (GitHub's
 * current environment paths) or `/orgs/{org}/actions`.
 */
function scopeBasePath(scope) {
    switch (scope.kind) {
        case 'repository':
            return `/repos/${segment(scope.owner)}/${segment(scope.repo)}/actions`;
        case 'environment':
            return `/repos/${segment(scope.owner)}/${segment(scope.repo)}/environments/${segment(scope.environment)}`;
        case 'organization':
            return `/orgs/${segment(scope.org)}/actions`;
    }
}
/** A scope in words for log lines: `repository o/r`, `environment prod of o/r`, `organization acme`. */
function describeScope(scope) {
    switch (scope.kind) {
        case 'repository':
            return `repository ${scope.owner}/${scope.repo}`;
        case 'environment':
            return `environment ${scope.environment} of ${scope.owner}/${scope.repo}`;
        case 'organization':
            return `organization ${scope.org}`;
    }
}
/** The organisation's `visibility` and `selected_repository_ids` for a write; nothing for other scopes. */
function organizationAccessFields(scope) {
    if (scope.kind !== 'organization')
        return {};
    const visibility = scope.visibility ?? 'private';
    if (visibility === 'selected') {
        return { visibility, selected_repository_ids: scope.selectedRepositoryIds ?? [] };
    }
    return { visibility };
}

// EXTERNAL MODULE: ./node_modules/libsodium-wrappers/dist/modules-esm/libsodium-wrappers.mjs + 1 modules
var libsodium_wrappers = __webpack_require__(4768);
;// CONCATENATED MODULE: ./packages/github/src/sealed-box.ts

/**
 * `value` sealed for GitHub: a libsodium anonymous sealed box (`crypto_box_seal`) to the scope's
 * base64 Curve25519 public key, as standard padded base64 — what the secrets API takes as `encrypted_value`.
 */
async function sealSecretValue(value, publicKeyBase64) {
    await libsodium_wrappers/* default.ready */.Ay.ready;
    const publicKey = libsodium_wrappers/* default.from_base64 */.Ay.from_base64(publicKeyBase64, libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL);
    if (publicKey.length !== libsodium_wrappers/* default */.Ay.crypto_box_PUBLICKEYBYTES) {
        throw new Error(`GitHub's public key is ${publicKey.length} bytes, expected ${libsodium_wrappers/* default */.Ay.crypto_box_PUBLICKEYBYTES}`);
    }
    const sealed = libsodium_wrappers/* default */.Ay.crypto_box_seal(libsodium_wrappers/* default.from_string */.Ay.from_string(value), publicKey);
    return libsodium_wrappers/* default.to_base64 */.Ay.to_base64(sealed, libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL);
}

;// CONCATENATED MODULE: ./packages/github/src/client.ts









const ThrottledOctokit = dist_src/* Octokit */.E.plugin(plugin_throttling_dist_bundle/* throttling */.A, dist_bundle/* retry */.L);
const apiHeaders = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
/** GitHub's guidance for content-creating requests (80 a minute is kept by the write queue). */
const contentCreationPerHour = 500;
const primaryWaitLimitSeconds = 60;
const secretsPerPage = 100;
const variablesPerPage = 30;
const maxPages = 1000;
const maxDescriptionLength = 140;
/** Every 4xx but 429: plugin-retry sends again only a 429 or a 5xx. */
const doNotRetry = Array.from({ length: 100 }, (_, index) => 400 + index).filter((status) => status !== 429);
/**
 * GitHubApi over Octokit with plugin-throttling (rate limits waited out when short, writes queued) and
 * plugin-retry (429 and 5xx). Errors are GitHubApiError; the token and secret values never appear in
 * an error or a log line.
 */
class GitHubClient {
    #octokit;
    #log;
    #hidden;
    #timeoutMs;
    #onRequest;
    #publicKeys = new Map();
    #recentWrites = [];
    #warnedAboutHourlyWrites = false;
    constructor(options) {
        const token = options.token?.trim() ?? '';
        if (token === '')
            throw new Error('GitHub client: a token is required');
        this.#hidden = [token];
        this.#log = options.log ?? src/* silentLogger */.qq;
        this.#timeoutMs = options.timeoutMs ?? 30_000;
        this.#onRequest = options.onRequest;
        const maxRetries = options.throttle?.maxRetries ?? 3;
        const maxSecondaryWait = options.throttle?.maxSecondaryWaitSeconds ?? 120;
        const log = this.#log;
        const writeIntervalMs = options.throttle?.writeIntervalMs;
        const throttle = {
            ...(writeIntervalMs === undefined ? {} : { write: spacedQueue(writeIntervalMs) }),
            onRateLimit: (retryAfter, request, _octokit, retryCount) => {
                const where = `${request.method} ${request.url}`;
                if (retryAfter < primaryWaitLimitSeconds && retryCount < maxRetries) {
                    log.warning(`GitHub primary rate limit: waiting ${retryAfter}s for the reset (${where})`);
                    return true;
                }
                stopPluginRetries(request);
                log.warning(retryCount >= maxRetries
                    ? `GitHub primary rate limit: giving up on ${where} after ${retryCount} retries`
                    : `GitHub primary rate limit: the reset is ${retryAfter}s away; not waiting (${where})`);
                return false;
            },
            onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
                const where = `${request.method} ${request.url}`;
                if (retryCount >= maxRetries || retryAfter > maxSecondaryWait) {
                    stopPluginRetries(request);
                    log.warning(retryCount >= maxRetries
                        ? `GitHub secondary rate limit: giving up on ${where} after ${retryCount} retries`
                        : `GitHub secondary rate limit: GitHub asks for ${retryAfter}s, more than ${maxSecondaryWait}s; giving up on ${where}`);
                    return false;
                }
                log.warning(`secondary rate limit: waiting ${retryAfter}s (${where}, retry ${retryCount + 1} of ${maxRetries})`);
                return true;
            },
        };
        this.#octokit = new ThrottledOctokit({
            baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
            userAgent: options.userAgent ?? 'shipgate',
            auth: token,
            // Octokit's own request logging passes whole request options (headers, bodies) as a second
            // argument: only warnings' text reaches our log, and the per-request lines come from #record.
            log: {
                debug: () => { },
                info: () => { },
                warn: (message) => log.warning(`GitHub: ${(0,errors/* redact */.E$)(String(message), this.#hidden)}`),
                error: () => { },
            },
            request: { fetch: this.#fetch },
            throttle,
            retry: {
                retries: options.retry?.retries ?? 3,
                retryAfterBaseValue: options.retry?.baseDelayMs ?? 1000,
                doNotRetry,
            },
        });
    }
    // Secrets
    async listSecrets(scope) {
        const path = `${scopeBasePath(scope)}/secrets`;
        return this.#listPages(path, secretsPerPage, (answer) => {
            const page = this.#parse(answer, 'GET', path, secretPageSchema, 'a page of secrets');
            const secrets = page.secrets.map((secret) => ({
                name: secret.name,
                createdAt: secret.created_at,
                updatedAt: secret.updated_at,
                ...(secret.visibility === undefined ? {} : { visibility: secret.visibility }),
            }));
            return { items: secrets, total: page.total_count };
        });
    }
    async putSecret(scope, name, value) {
        assertValidName('secret', name);
        assertValueSize('secret', name, value);
        const path = `${scopeBasePath(scope)}/secrets/${segment(name)}`;
        const key = await this.#publicKey(scope);
        try {
            return await this.#putSealed(scope, path, value, key);
        }
        catch (error) {
            if (!(0,errors/* isGitHubApiError */.ID)(error) || error.status !== 422)
                throw error;
            // The scope's key may have been rotated since we fetched it: one fresh key, one more try.
            const fresh = await this.#publicKey(scope, key);
            if (fresh.keyId === key.keyId && fresh.key === key.key)
                throw error;
            this.#log.info(`GitHub: the public key of ${describeScope(scope)} changed (${key.keyId} → ${fresh.keyId}); sealing ${name} again`);
            return this.#putSealed(scope, path, value, fresh);
        }
    }
    async deleteSecret(scope, name) {
        assertValidName('secret', name);
        await this.#send('DELETE', `${scopeBasePath(scope)}/secrets/${segment(name)}`);
    }
    // Variables
    async listVariables(scope) {
        const path = `${scopeBasePath(scope)}/variables`;
        return this.#listPages(path, variablesPerPage, (answer) => {
            const page = this.#parse(answer, 'GET', path, variablePageSchema, 'a page of variables');
            return { items: page.variables.map(asVariable), total: page.total_count };
        });
    }
    async getVariable(scope, name) {
        assertValidName('variable', name);
        const path = `${scopeBasePath(scope)}/variables/${segment(name)}`;
        const answer = await this.#sendUnlessMissing('GET', path);
        return answer && asVariable(this.#parse(answer, 'GET', path, variableSchema, 'a variable'));
    }
    async setVariable(scope, name, value) {
        assertValidName('variable', name);
        assertValueSize('variable', name, value);
        const collection = `${scopeBasePath(scope)}/variables`;
        const body = { name, value, ...organizationAccessFields(scope) };
        const update = async () => {
            await this.#send('PATCH', `${collection}/${segment(name)}`, { body });
            return 'updated';
        };
        // A read first keeps writes, which GitHub limits and the write queue spaces out, to one.
        if (await this.getVariable(scope, name))
            return update();
        try {
            await this.#send('POST', collection, { body });
            return 'created';
        }
        catch (error) {
            // Created in the meantime (or by our own POST whose answer was lost before a retry).
            if ((0,errors/* isGitHubApiError */.ID)(error) && error.status === 409)
                return update();
            throw error;
        }
    }
    async deleteVariable(scope, name) {
        assertValidName('variable', name);
        await this.#send('DELETE', `${scopeBasePath(scope)}/variables/${segment(name)}`);
    }
    // Environments and repositories
    async getEnvironment(owner, repo, environment) {
        const path = environmentPath(owner, repo, environment);
        const answer = await this.#sendUnlessMissing('GET', path);
        if (!answer)
            return undefined;
        return { name: this.#parse(answer, 'GET', path, environmentSchema, 'an environment').name };
    }
    async createEnvironment(owner, repo, environment) {
        await this.#send('PUT', environmentPath(owner, repo, environment), { body: {} });
    }
    async getRepositoryId(owner, repo) {
        const path = `/repos/${segment(owner)}/${segment(repo)}`;
        const answer = await this.#send('GET', path);
        return this.#parse(answer, 'GET', path, repositorySchema, 'a repository').id;
    }
    // Deployments
    async createDeployment(owner, repo, input) {
        const path = `/repos/${segment(owner)}/${segment(repo)}/deployments`;
        const body = definedFields({
            ref: input.ref,
            environment: input.environment,
            description: input.description,
            payload: input.payload,
            auto_merge: input.autoMerge,
            required_contexts: input.requiredContexts,
            transient_environment: input.transientEnvironment,
            production_environment: input.productionEnvironment,
        });
        // Not sent again after a 5xx: the first POST may have created the deployment before the answer was lost.
        const answer = await this.#send('POST', path, { body, retries: 0 });
        if (answer.status === 202) {
            const message = answer.data?.message;
            this.#log.info(`GitHub merged the default branch into ${input.ref} instead of deploying${typeof message === 'string' ? ` (${message})` : ''}`);
            return undefined;
        }
        return { id: this.#parse(answer, 'POST', path, deploymentSchema, 'a deployment').id };
    }
    async createDeploymentStatus(owner, repo, deploymentId, input) {
        const path = `/repos/${segment(owner)}/${segment(repo)}/deployments/${segment(deploymentId)}/statuses`;
        const description = input.description && input.description.length > maxDescriptionLength
            ? `${input.description.slice(0, maxDescriptionLength - 1)}…`
            : input.description;
        const body = definedFields({
            state: input.state,
            environment_url: input.environmentUrl,
            log_url: input.logUrl,
            description,
            auto_inactive: input.autoInactive,
        });
        await this.#send('POST', path, { body });
    }
    // Plumbing
    async #putSealed(scope, path, value, key) {
        const body = {
            encrypted_value: await sealSecretValue(value, key.key),
            key_id: key.keyId,
            ...organizationAccessFields(scope),
        };
        const answer = await this.#send('PUT', path, { body });
        return answer.status === 201 ? 'created' : 'updated';
    }
    /**
     * The scope's public key, fetched once and shared by concurrent callers. With `stale`, a key other
     * than that one: the cached key when someone already refreshed it, else a fresh fetch.
     */
    async #publicKey(scope, stale) {
        const cacheKey = scopeBasePath(scope);
        const cached = this.#publicKeys.get(cacheKey);
        if (cached) {
            const key = await cached.catch(() => undefined);
            if (key && key !== stale)
                return key;
            if (this.#publicKeys.get(cacheKey) !== cached)
                return this.#publicKey(scope, stale);
        }
        const path = `${cacheKey}/secrets/public-key`;
        const fetching = this.#send('GET', path).then((answer) => {
            const parsed = this.#parse(answer, 'GET', path, publicKeySchema, 'a public key');
            return { keyId: parsed.key_id, key: parsed.key };
        });
        this.#publicKeys.set(cacheKey, fetching);
        fetching.catch(() => {
            if (this.#publicKeys.get(cacheKey) === fetching)
                this.#publicKeys.delete(cacheKey);
        });
        return fetching;
    }
    async #listPages(path, perPage, read) {
        const all = [];
        for (let page = 1; page <= maxPages; page++) {
            const answer = await this.#send('GET', path, { query: { per_page: perPage, page } });
            const { items, total } = read(answer);
            all.push(...items);
            const link = answer.headers.link;
            const more = typeof link === 'string'
                ? /rel="next"/.test(link)
                : items.length === perPage && (total ?? Infinity) > all.length;
            if (!more || items.length === 0)
                return all;
        }
        throw new Error(`GitHub GET ${path}: more than ${maxPages} pages; stopped`);
    }
    async #sendUnlessMissing(method, path) {
        try {
            return await this.#send(method, path);
        }
        catch (error) {
            if ((0,errors/* isGitHubApiError */.ID)(error) && error.status === 404)
                return undefined;
            throw error;
        }
    }
    async #send(method, path, options = {}) {
        const parameters = { ...options.query, headers: apiHeaders };
        if (options.body)
            parameters.data = options.body;
        if (options.retries !== undefined)
            parameters.request = { retries: options.retries };
        try {
            const route = `${method} ${path}`;
            const response = await this.#octokit.request(route, parameters);
            const data = response.data;
            return { status: response.status, data, headers: response.headers };
        }
        catch (error) {
            throw (0,errors/* gitHubApiErrorFrom */.W4)(error, { method, path, timeoutMs: this.#timeoutMs, hidden: this.#hidden });
        }
    }
    #parse(answer, method, path, schema, what) {
        const parsed = schema.safeParse(answer.data);
        if (parsed.success)
            return parsed.data;
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        const requestId = answer.headers['x-github-request-id'];
        throw new errors/* GitHubApiError */.OS({
            method,
            path,
            status: answer.status,
            reason: `the answer is not ${what} (${where}${issue?.message ?? 'unreadable'})`,
            requestId: requestId === undefined ? undefined : String(requestId),
        });
    }
    /** Every HTTP exchange goes through here: one deadline per send, the debug line and onRequest. */
    #fetch = async (input, init) => {
        const started = performance.now();
        const deadline = AbortSignal.timeout(this.#timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
        const method = (init?.method ?? 'GET').toUpperCase();
        const url = input instanceof Request ? input.url : String(input);
        try {
            const response = await fetch(input, { ...init, signal });
            this.#record(method, url, response.status, started, response.headers.get('x-github-request-id'));
            return response;
        }
        catch (error) {
            this.#record(method, url, 0, started, null);
            throw error;
        }
    };
    #record(method, url, status, started, requestId) {
        const ms = Math.round(performance.now() - started);
        const { pathname, search } = new URL(url);
        const request = requestId ? ` (request ${requestId})` : '';
        this.#log.debug(`GitHub ${method} ${pathname}${search} → ${status || 'no answer'} in ${ms} ms${request}`);
        if (method !== 'GET' && method !== 'HEAD')
            this.#countWrite();
        this.#onRequest?.({ method, url, status, ms });
    }
    #countWrite() {
        const now = Date.now();
        this.#recentWrites.push(now);
        while ((this.#recentWrites[0] ?? now) < now - 3_600_000)
            this.#recentWrites.shift();
        if (this.#recentWrites.length > contentCreationPerHour && !this.#warnedAboutHourlyWrites) {
            this.#warnedAboutHourlyWrites = true;
            this.#log.warning(`GitHub: more than ${contentCreationPerHour} content-creating requests in the last hour, GitHub's guidance; expect secondary rate limits`);
        }
    }
}
function createGitHubClient(options) {
    return new GitHubClient(options);
}
function environmentPath(owner, repo, environment) {
    return `/repos/${segment(owner)}/${segment(repo)}/environments/${segment(environment)}`;
}
function asVariable(variable) {
    return {
        name: variable.name,
        value: variable.value,
        ...(variable.created_at === undefined ? {} : { createdAt: variable.created_at }),
        ...(variable.updated_at === undefined ? {} : { updatedAt: variable.updated_at }),
    };
}
function definedFields(fields) {
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
/**
 * After a rate limit we will not wait out, plugin-retry (which wraps plugin-throttling) must not send a
 * 429 again on its own schedule: both plugins read the same request options.
 */
function stopPluginRetries(request) {
    if (request.request)
        request.request.retries = 0;
}
/**
 * A stand-in for plugin-throttling's write group (`key(id).schedule(options, job)`): this client's
 * content-creating requests, `intervalMs` apart.
 */
function spacedQueue(intervalMs) {
    let nextStart = 0;
    const queue = {
        key: () => queue,
        schedule: async (_options, job) => {
            const now = Date.now();
            const start = Math.max(now, nextStart);
            nextStart = start + intervalMs;
            if (start > now)
                await new Promise((resolve) => setTimeout(resolve, start - now));
            return job();
        },
    };
    return queue;
}


/***/ }),

/***/ 3570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   ID: () => (/* binding */ isGitHubApiError),
/* harmony export */   OS: () => (/* binding */ GitHubApiError),
/* harmony export */   W4: () => (/* binding */ gitHubApiErrorFrom)
/* harmony export */ });
/* unused harmony exports isGitHubNotFound, formatGitHubErrorMessage, describeAcceptedPermissions, tokenHint, reasonFromBody, isOctokitFailure */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);

/** A GitHub REST call that failed after the retries that are safe; never carries the token or a secret value. */
class GitHubApiError extends Error {
    status;
    method;
    path;
    requestId;
    permission;
    reason;
    constructor(facts) {
        super(formatGitHubErrorMessage(facts));
        this.name = 'GitHubApiError';
        this.status = facts.status;
        this.method = facts.method;
        this.path = facts.path;
        this.requestId = facts.requestId;
        this.permission = facts.permission;
        this.reason = facts.reason;
    }
}
function isGitHubApiError(error) {
    return error instanceof GitHubApiError;
}
function isGitHubNotFound(error) {
    return isGitHubApiError(error) && error.status === 404;
}
/** `GitHub PUT /repos/o/r/actions/secrets/DB_URL: 403 Forbidden: the token lacks … (request ABCD)`. */
function formatGitHubErrorMessage(facts) {
    const status = facts.status === 0 ? '' : `${facts.status} ${node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[facts.status] ?? ''}`.trim();
    const reason = facts.permission
        ? `the token lacks the \`${facts.permission}\` permission (GitHub: ${facts.reason})`
        : facts.reason;
    const hint = facts.hint ? `; ${facts.hint}` : '';
    const request = facts.requestId ? ` (request ${facts.requestId})` : '';
    return `GitHub ${facts.method} ${facts.path}: ${status ? `${status}: ` : ''}${reason}${hint}${request}`;
}
/**
 * `x-accepted-github-permissions` as words: `secrets=write` → `secrets: write`; a set of several
 * (`contents=read,metadata=read`) joins with ` and `, alternative sets (separated by `;`) with ` or `.
 */
function describeAcceptedPermissions(header) {
    if (!header?.trim())
        return undefined;
    const sets = header
        .split(';')
        .map((set) => set
        .split(',')
        .map((pair) => pair.trim())
        .filter((pair) => pair !== '')
        .map((pair) => {
        const [name, level] = pair.split('=').map((part) => part.trim());
        return level ? `${name}: ${level}` : (name ?? pair);
    })
        .join(' and '))
        .filter((set) => set !== '');
    return sets.length > 0 ? sets.join(' or ') : undefined;
}
const noGitHubToken = 'GITHUB_TOKEN cannot';
/**
 * Which token a 403 or 404 most likely calls for, from the path. GitHub answers 404 rather than 403 when
 * the token may not even see the repository or organisation, so both get the hint.
 */
function tokenHint(method, path, status) {
    if (status !== 403 && status !== 404)
        return undefined;
    const unseen = status === 404 ? 'GitHub answers 404 also when the token cannot see it; ' : '';
    const changing = method === 'GET' ? '' : ' (write)';
    const org = /^\/orgs\/[^/]+\/actions\/(secrets|variables)\b/.exec(path);
    if (org) {
        const permission = org[1] === 'secrets' ? 'Secrets' : 'Variables';
        return `${unseen}organization ${org[1]} need a fine-grained token or GitHub App installation token with the organization permission "${permission}"${changing}, or a classic token with admin:org; ${noGitHubToken} manage them`;
    }
    const environmentItems = /^\/repos\/[^/]+\/[^/]+\/environments\/[^/]+\/(secrets|variables)\b/.exec(path);
    if (environmentItems) {
        const missing = status === 404 ? ' (or the environment does not exist)' : '';
        return `${unseen}environment ${environmentItems[1]}${missing} need a fine-grained token or GitHub App installation token with the repository permission "Environments"${changing}, or a classic token with repo; ${noGitHubToken} manage them`;
    }
    if (/^\/repos\/[^/]+\/[^/]+\/environments\/[^/]+$/.test(path) && method !== 'GET') {
        return `${unseen}creating an environment needs a repository admin's token: fine-grained or GitHub App with the repository permission "Administration" (write), or a classic token with repo; ${noGitHubToken} create environments`;
    }
    const repositoryItems = /^\/repos\/[^/]+\/[^/]+\/actions\/(secrets|variables)\b/.exec(path);
    if (repositoryItems) {
        const permission = repositoryItems[1] === 'secrets' ? 'Secrets' : 'Variables';
        return `${unseen}repository ${repositoryItems[1]} need a fine-grained token or GitHub App installation token with the repository permission "${permission}"${changing}, or a classic token with repo; ${noGitHubToken} manage them`;
    }
    if (/^\/repos\/[^/]+\/[^/]+\/deployments\b/.test(path)) {
        return `${unseen}deployments need the deployments: write permission (GITHUB_TOKEN: \`permissions: deployments: write\`), or a classic token with repo or repo_deployment`;
    }
    return status === 404 ? 'GitHub answers 404 also when the token cannot see the repository' : undefined;
}
/** `text` with every occurrence of each hidden string replaced by `***`. */
function redact(text, hidden) {
    let result = text;
    for (const secret of hidden) {
        if (secret.length >= 4)
            result = result.split(secret).join('***');
    }
    return result;
}
const maxReasonLength = 500;
/** GitHub's `message` (and its `errors` details), else the body text, on one line and capped. */
function reasonFromBody(data) {
    if (data && typeof data === 'object' && !Array.isArray(data) && !(data instanceof ArrayBuffer)) {
        const body = data;
        if (typeof body.message === 'string' && body.message.trim() !== '') {
            const details = Array.isArray(body.errors)
                ? body.errors.map(describeErrorDetail).filter((detail) => detail !== '')
                : [];
            return cap(details.length > 0 ? `${body.message.trim()}: ${details.join(', ')}` : body.message.trim());
        }
        return cap(JSON.stringify(data));
    }
    if (typeof data === 'string' && data.trim() !== '')
        return cap(data.trim());
    return 'no error text in the answer';
}
function describeErrorDetail(detail) {
    if (typeof detail === 'string')
        return detail;
    if (!detail || typeof detail !== 'object')
        return '';
    const fields = detail;
    if (typeof fields.message === 'string')
        return fields.message;
    const parts = [fields.field, fields.code].filter((part) => typeof part === 'string');
    return parts.join(' ');
}
function cap(text) {
    const oneLine = text.replace(/\s+/g, ' ');
    return oneLine.length > maxReasonLength ? `${oneLine.slice(0, maxReasonLength)}…` : oneLine;
}
function isOctokitFailure(error) {
    return error instanceof Error && typeof error.status === 'number';
}
/** A thrown Octokit error as a GitHubApiError, its text stripped of the hidden strings (the token). */
function gitHubApiErrorFrom(thrown, call) {
    if (!isOctokitFailure(thrown) || !thrown.response) {
        return new GitHubApiError({
            method: call.method,
            path: call.path,
            status: 0,
            reason: redact(describeNoAnswer(thrown, call.timeoutMs), call.hidden),
        });
    }
    const { status, response } = thrown;
    const header = (name) => {
        const value = response.headers[name];
        return value === undefined ? undefined : String(value);
    };
    const permission = status === 403 ? describeAcceptedPermissions(header('x-accepted-github-permissions')) : undefined;
    let hint = tokenHint(call.method, call.path, status);
    if ((status === 403 || status === 429) && header('x-ratelimit-remaining') === '0') {
        const reset = Number(header('x-ratelimit-reset'));
        hint =
            Number.isFinite(reset) && reset > 0
                ? `the primary rate limit resets at ${new Date(reset * 1000).toISOString()}`
                : undefined;
    }
    return new GitHubApiError({
        method: call.method,
        path: call.path,
        status,
        reason: redact(reasonFromBody(response.data), call.hidden),
        requestId: header('x-github-request-id'),
        permission,
        hint: hint === undefined ? undefined : redact(hint, call.hidden),
    });
}
function describeNoAnswer(thrown, timeoutMs) {
    const chain = [];
    for (let error = thrown, depth = 0; error && depth < 5; depth++) {
        chain.push(error);
        error = error.cause;
    }
    if (chain.some((error) => error.name === 'TimeoutError')) {
        return `no answer within ${timeoutMs} ms`;
    }
    const coded = chain.find((error) => typeof error.code === 'string');
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return coded ? `request failed: ${coded.message ?? message} (${coded.code})` : `request failed: ${message}`;
}


/***/ })

};
