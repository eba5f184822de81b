export const id = 13;
export const ids = [13];
export const modules = {

/***/ 1013:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// UNUSED EXPORTS: GitHubClient

// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/@octokit/rest/dist-src/index.js + 21 modules
var dist_src = __webpack_require__(9988);
// EXTERNAL MODULE: ./packages/kit/src/index.ts + 1 modules
var src = __webpack_require__(316);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./packages/github/src/errors.ts

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
    const status = facts.status === 0 ? '' : `${facts.status} ${external_node_http_.STATUS_CODES[facts.status] ?? ''}`.trim();
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
                warn: (message) => log.warning(`GitHub: ${redact(String(message), this.#hidden)}`),
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
            if (!isGitHubApiError(error) || error.status !== 422)
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
            if (isGitHubApiError(error) && error.status === 409)
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
            if (isGitHubApiError(error) && error.status === 404)
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
            throw gitHubApiErrorFrom(error, { method, path, timeoutMs: this.#timeoutMs, hidden: this.#hidden });
        }
    }
    #parse(answer, method, path, schema, what) {
        const parsed = schema.safeParse(answer.data);
        if (parsed.success)
            return parsed.data;
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        const requestId = answer.headers['x-github-request-id'];
        throw new GitHubApiError({
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


/***/ })

};
