export const id = 848;
export const ids = [848];
export const modules = {

/***/ 6848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployAction: () => (/* binding */ deployAction)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/kit/src/index.ts + 1 modules
var src = __webpack_require__(316);
// EXTERNAL MODULE: ./packages/fly/src/token.ts
var token = __webpack_require__(4496);
// EXTERNAL MODULE: ./packages/kit/src/redact.ts
var redact = __webpack_require__(727);
;// CONCATENATED MODULE: ./packages/kit/src/timing.ts
// Waiting, for the HTTP clients (Fly, Prometheus) and the samplers: a pause that an abort ends with the abort's
// own reason (node:timers/promises rejects with a generic AbortError instead), and the Retry-After header.
/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
function sleep(ms, signal) {
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
        this.#authorization = (0,token/* authorizationHeader */.bc)(options.token);
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
                await sleep(Math.min(delay, left), options.signal);
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
            await sleep(delay, spec.signal);
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
function guestForSize(size) {
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
function guestFromCompute(compute) {
    const size = compute.size ?? (compute.gpu_kind ? defaultGpuVmSize : defaultVmSize);
    const guest = guestForSize(size);
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
function parseMemory(value) {
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
    return typeof value === 'number' ? value : Math.floor(parseMemory(value) / 1024);
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
        settings.releaseCommandGuest = guestFromCompute(deploy.release_command_vm);
    return settings;
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
        return parseMemory(value);
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
        guestForSize(value);
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
function plan_groupOf(machine) {
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
        !reservedGroups.has(plan_groupOf(machine)));
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
function plan_isHealthy(machine) {
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
function plan_configsMatch(current, target) {
    return (current.image === target.image &&
        jsonEqual(withoutReleaseMetadata(current), withoutReleaseMetadata(target)));
}
/** A machine a re-run leaves alone: already on the target and healthy. */
function isConverged(machine, target) {
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

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
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
        await (0,external_node_timers_promises_.setTimeout)(Math.min(options.pollMs, left));
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
    await (0,external_node_timers_promises_.setTimeout)(settings.bluegreenDrainMs);
    const cordoned = (await Promise.all(blues.map(async (blue) => ((await retire('cordon', blue)) ? blue : undefined)))).filter((blue) => blue !== undefined);
    await (0,external_node_timers_promises_.setTimeout)(settings.bluegreenDrainMs);
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
                recorder.addExisting(machine, plan_groupOf(machine), 'destroyed');
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
    return machines.filter((machine) => plan_groupOf(machine) === group);
}
function pickScaleGroup(input) {
    if (input.scale?.request.group)
        return input.scale.request.group;
    const groups = new Set(input.machines.map(plan_groupOf));
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
        previousImage: record_mostCommonImage(input.machines.map((machine) => machine.config.image)),
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
        config = { ...plan_deepClone(existing), image: request.image };
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
    const config = target_groupConfig(machine.config, plan_groupOf(machine), request);
    return plan_withReleaseMetadata(config, plan_releaseMetadata(machine, releaseId));
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
    const releaseId = request.releaseId ?? plan_newReleaseId(startedAt);
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
        everyMachine = await release_listDeployable(api, request.app);
    }
    catch (error) {
        const refuse = `could not list the machines of ${request.app}: ${(0,src/* errorMessage */.gJ)(error)}`;
        return release_runRelease(api, { ...base, machines: [], plans: [], refuse }, options);
    }
    const machines = request.onlyMachines
        ? selectMachines(everyMachine, request.onlyMachines, request.app)
        : everyMachine;
    const plans = machines.map((machine) => {
        const target = deployTarget(machine, request, releaseId);
        return { machine, group: plan_groupOf(machine), target, unchanged: isConverged(machine, target) };
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
    warnAboutGroups(request, new Set(everyMachine.map(plan_groupOf)), options);
    const template = (group) => {
        const plan = plans.find((candidate) => candidate.group === group);
        return plan ? plan.target : target_groupConfig(undefined, group, request);
    };
    return release_runRelease(api, {
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
        throw new src/* InputError */.dz(name, `Input '${name}' must be a memory size such as 512mb, 1gb or 2048; got '${raw}'.`);
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
            throw new src/* InputError */.dz(name, 
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
    const { config, warnings } = loadFlyToml(await (0,promises_.readFile)(path, 'utf8'), label);
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

;// CONCATENATED MODULE: ./actions/fly-deploy/src/deploy.ts


/** Wires fly-deploy's inputs and fly.toml to the deploy engine, and its record to a file, outputs and the summary. */
async function deployAction(inputs, token, context) {
    const { log, summary } = context;
    const apiUrl = inputs['api-url'];
    const flyToml = await readFlyToml(inputs.config, context);
    const { app, image, maxUnavailable, waitTimeoutMs, settings } = rolloutInputs(inputs, flyToml);
    const request = {
        app,
        image,
        strategy: inputs.strategy ?? settings?.strategy ?? 'rolling',
        maxUnavailable,
        waitTimeoutMs,
        autoRollback: inputs['auto-rollback'],
    };
    if (flyToml)
        request.groups = machineConfigs(flyToml.config);
    if (inputs.env)
        request.env = parseEnvLines('env', inputs.env);
    const group = inputs['process-group'];
    const guest = guestOverride(inputs);
    if (guest)
        request.guest = { [group]: guest };
    if (inputs.count !== undefined) {
        const primary = flyToml?.config.primary_region;
        request.scale = {
            group,
            count: inputs.count,
            regions: inputs.regions.length > 0 ? inputs.regions : primary ? [primary] : [],
        };
    }
    if (flyToml?.config.primary_region)
        request.primaryRegion = flyToml.config.primary_region;
    if (settings?.releaseCommand && inputs['release-command'] === 'run' && flyToml) {
        request.releaseCommand = {
            command: settings.releaseCommand,
            timeoutMs: settings.releaseCommandTimeoutMs,
            config: releaseCommandConfig(flyToml.config, image, settings.releaseCommand, settings.releaseCommandGuest),
        };
    }
    log.info(`deploying ${image} to ${app} (${request.strategy}) through ${apiUrl}`);
    const deployment = await recordGitHubDeployment(inputs, context, {
        environment: inputs['github-environment'] ?? app,
        description: `${shortImage(image)} to ${app} (${request.strategy})`,
        payload: { app, image, strategy: request.strategy },
    });
    const client = createClient(token, apiUrl, context);
    try {
        const record = await deploy_deploy(client, request, { log, signal: cancellation(context) });
        const recordFile = await recordPath(inputs['record-file'], record, context);
        renderReleaseSummary(summary, record, 'fly-deploy');
        const outputs = releaseOutputs(record, recordFile, inputs['app-url']);
        const ok = record.outcome === 'succeeded' || record.outcome === 'unchanged';
        await deployment?.finish(ok ? 'success' : 'failure', {
            environmentUrl: String(outputs['app-url']),
            description: `${shortImage(image)}: ${record.outcome}`,
        });
        return ok ? { outputs } : { outputs, failure: record.error ?? `the deploy ended ${record.outcome}` };
    }
    catch (thrown) {
        await deployment?.finish('error', { description: 'the deploy stopped with an error' });
        throw thrown;
    }
    finally {
        await client.close();
    }
}
function guestOverride(inputs) {
    const guest = {};
    if (inputs.memory)
        guest.memoryMb = parseMemoryInput('memory', inputs.memory);
    if (inputs.cpus !== undefined)
        guest.cpus = inputs.cpus;
    if (inputs['cpu-kind'])
        guest.cpuKind = inputs['cpu-kind'];
    return Object.keys(guest).length > 0 ? guest : undefined;
}


/***/ })

};
