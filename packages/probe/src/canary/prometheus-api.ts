// The Prometheus HTTP query API (`GET /api/v1/query`), as Prometheus, Fly's managed Prometheus
// (VictoriaMetrics) and the other compatible stores serve it: one instant query, retried where that is
// safe, its envelope checked, its values read as numbers.
import { authorizationHeader } from '@shipgate/fly/token';
import { parseRetryAfterMs, sleep } from '@shipgate/kit/timing';
import { request } from 'undici';
import { z } from 'zod';

export interface PrometheusQueryOptions {
  /** The API base: `http://127.0.0.1:9090`, or `https://api.fly.io/prometheus/<org-slug>` (its path is kept). */
  url: string;
  /** Sent as `Authorization`: `FlyV1 …` for Fly macaroons, else `Bearer …`. Never shown in a message. */
  token?: string | undefined;
  query: string;
  /** The evaluation time; default the server's now. */
  time?: Date | undefined;
  /** Deadline of one send, the answer's body included; default 10 s. */
  timeoutMs?: number | undefined;
  /** Tries in all, the first included, for 429, 5xx and answers that never came; default 4. */
  attempts?: number | undefined;
  /** The first retry's pause, doubling after (Retry-After wins); default 500 ms, never above 10 s. */
  retryDelayMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface PrometheusSeries {
  labels: Record<string, string>;
  /** NaN, +Inf and -Inf as Prometheus sent them. */
  value: number;
}

export interface PrometheusQueryResult {
  resultType: 'vector' | 'scalar';
  /** A vector's series; a scalar is one series without labels. */
  series: PrometheusSeries[];
  /** Prometheus's warnings and infos (e.g. "metric might not be a counter"). */
  warnings: string[];
}

/** A query that did not give a usable answer: refused (with Prometheus's own error text), or no answer. */
export class PrometheusError extends Error {
  constructor(
    message: string,
    /** The HTTP status; 0 when no answer came. */
    readonly status: number,
    /** Prometheus's `errorType` (`bad_data`, `execution`, `timeout`…), when it sent one. */
    readonly errorType?: string,
  ) {
    super(message);
    this.name = 'PrometheusError';
  }
}

// Loose on purpose: VictoriaMetrics and Prometheus versions add fields (stats, infos) the checks do not read.
const sampleSchema = z.tuple([z.number(), z.string()]);
const envelopeSchema = z.looseObject({
  status: z.enum(['success', 'error']),
  data: z.looseObject({ resultType: z.string(), result: z.unknown() }).optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});
const vectorSchema = z.array(
  z.looseObject({
    metric: z.record(z.string(), z.string()).optional(),
    value: sampleSchema.optional(),
    histogram: z.unknown().optional(),
  }),
);

const maxBodyBytes = 8 * 1024 * 1024;
const maxDelayMs = 10_000;
const retryableStatuses = new Set([429, 500, 502, 503, 504]);

/** Runs one instant query. Throws a `PrometheusError` whose message names the server, never the token. */
export async function queryPrometheus(options: PrometheusQueryOptions): Promise<PrometheusQueryResult> {
  const endpoint = queryEndpoint(options.url);
  const where = `Prometheus at ${endpoint.origin}${endpoint.pathname.replace(/\/api\/v1\/query$/, '')}`;
  const hide = secretHider(options.token);
  const search = new URLSearchParams({ query: options.query });
  if (options.time) search.set('time', (options.time.getTime() / 1000).toFixed(3));
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'shipgate' };
  if (options.token?.trim()) headers.authorization = prometheusAuthorization(options.token);
  const attempts = Math.max(1, Math.floor(options.attempts ?? 4));
  const timeoutMs = options.timeoutMs ?? 10_000;
  let pauseMs = options.retryDelayMs ?? 500;

  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    const sent = await send(`${endpoint.href}?${search}`, headers, timeoutMs, options.signal, where);
    const last = attempt >= attempts;
    let askedMs: number | undefined;
    if ('failure' in sent) {
      if (last) throw new PrometheusError(hide(`${sent.failure} (${tries(attempt)})`), 0);
    } else {
      const { status, text, retryAfter } = sent;
      const envelope = parseEnvelope(text);
      if (status >= 200 && status <= 299 && envelope?.status === 'success') {
        return readResult(envelope, where, hide);
      }
      if (!retryableStatuses.has(status) || last) {
        const after = retryableStatuses.has(status) ? ` (${tries(attempt)})` : '';
        throw new PrometheusError(
          hide(`${where} answered ${status}${describeRefusal(envelope, text)}${after}`),
          status,
          envelope?.errorType,
        );
      }
      askedMs = parseRetryAfterMs(retryAfter);
    }
    // A GET changes nothing, so any retry is safe; Retry-After, when sent, is the pause asked for.
    const jittered = Math.round(pauseMs * (0.5 + Math.random() / 2));
    await sleep(Math.min(maxDelayMs, askedMs ?? jittered), options.signal);
    pauseMs = Math.min(maxDelayMs, pauseMs * 2);
  }
}

/**
 * Fly's rule (`FlyV1 …` for Fly macaroons, `Bearer …` for anything else, as fly-go decides), except that a
 * token given with its scheme word keeps it: Fly's metrics docs show `Bearer`, so a team can choose.
 */
export function prometheusAuthorization(token: string): string {
  const trimmed = token.trim();
  if (/^(?:bearer|flyv1)\s+\S/i.test(trimmed)) {
    const [scheme = '', ...rest] = trimmed.split(/\s+/);
    return `${scheme.toLowerCase() === 'flyv1' ? 'FlyV1' : 'Bearer'} ${rest.join(' ')}`;
  }
  return authorizationHeader(trimmed);
}

function tries(count: number): string {
  return count === 1 ? '1 try' : `${count} tries`;
}

function queryEndpoint(url: string): URL {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
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

type Sent = { status: number; text: string; retryAfter?: string } | { failure: string };

async function send(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  where: string,
): Promise<Sent> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const signal = callerSignal ? AbortSignal.any([deadline.signal, callerSignal]) : deadline.signal;
  try {
    const response = await request(url, { method: 'GET', headers, signal });
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      if (bytes > maxBodyBytes) {
        response.body.destroy();
        return { failure: `${where} sent more than ${maxBodyBytes / 1024 / 1024} MB` };
      }
      chunks.push(chunk as Buffer);
    }
    const retryAfter = response.headers['retry-after'];
    return {
      status: response.statusCode,
      text: Buffer.concat(chunks).toString('utf8'),
      ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
    };
  } catch (thrown) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (deadline.signal.aborted) return { failure: `no answer from ${where} within ${timeoutMs} ms` };
    return { failure: `no answer from ${where}: ${describeNetworkFailure(thrown)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** `ECONNREFUSED`, or undici's words with its code: `other side closed (UND_ERR_SOCKET)`. */
function describeNetworkFailure(thrown: unknown): string {
  let error = thrown as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  const outer = error;
  for (let depth = 0; error && depth < 5; depth++) {
    if (typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code)) return error.code;
    error = error.cause as typeof error;
  }
  const message = typeof outer?.message === 'string' && outer.message ? outer.message : String(thrown);
  return typeof outer?.code === 'string' ? `${message} (${outer.code})` : message;
}

type Envelope = z.output<typeof envelopeSchema>;

function parseEnvelope(text: string): Envelope | undefined {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `: bad_data: 1:5: parse error…`, Prometheus's own words; else the start of whatever body came. */
function describeRefusal(envelope: Envelope | undefined, text: string): string {
  if (envelope?.error) return `: ${envelope.errorType ? `${envelope.errorType}: ` : ''}${envelope.error}`;
  const words = text.replace(/\s+/g, ' ').trim();
  if (!words) return '';
  return `: ${words.length > 300 ? `${words.slice(0, 300)}…` : words}`;
}

function readResult(
  envelope: Envelope,
  where: string,
  hide: (text: string) => string,
): PrometheusQueryResult {
  const warnings = [...(envelope.warnings ?? []), ...(envelope.infos ?? [])];
  const data = envelope.data;
  const unreadable = (what: string) => new PrometheusError(hide(`${where} sent ${what}`), 200);
  if (!data) throw unreadable('a success without data');
  if (data.resultType === 'scalar') {
    const sample = sampleSchema.safeParse(data.result);
    if (!sample.success) throw unreadable('a scalar that is not [time, "value"]');
    return { resultType: 'scalar', series: [{ labels: {}, value: parseValue(sample.data[1]) }], warnings };
  }
  if (data.resultType === 'vector') {
    const vector = vectorSchema.safeParse(data.result);
    if (!vector.success) throw unreadable('a vector that is not a list of {metric, value}');
    const series = vector.data.map((entry) => {
      if (!entry.value) {
        throw new PrometheusError(
          'the query returns native histograms; wrap it in histogram_quantile() or histogram_count()',
          200,
        );
      }
      return { labels: entry.metric ?? {}, value: parseValue(entry.value[1]) };
    });
    return { resultType: 'vector', series, warnings };
  }
  if (data.resultType === 'matrix') {
    throw new PrometheusError(
      'the query returns a range vector; a check needs one value per series, e.g. rate(x[5m]) rather than x[5m]',
      200,
    );
  }
  throw new PrometheusError(`the query returns a ${data.resultType}; a check needs a number`, 200);
}

/** Prometheus writes special values as `NaN`, `+Inf` and `-Inf`, which `Number()` does not read. */
function parseValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** Replaces the token, and each comma-joined piece of it, wherever a message would carry it. */
function secretHider(token: string | undefined): (text: string) => string {
  const bare = token?.trim().replace(/^(?:bearer|flyv1)\s+/i, '');
  if (!bare) return (text) => text;
  const pieces = [bare, ...bare.split(',').map((part) => part.trim())]
    .filter((piece) => piece.length >= 4)
    .sort((a, b) => b.length - a.length);
  return (text) => pieces.reduce((hidden, piece) => hidden.split(piece).join('***'), text);
}
