// One request, over a fresh connection, with every fault turned into a `Fault` that says what happened in
// plain words. The deadline covers everything (DNS, connect, TLS, headers, body), so a body that drips
// slowly is a timeout like any other; the body is read up to a cap and the connection dropped after it.
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import { lookup } from './lookup';

export type FaultKind =
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'timeout'
  | 'unreachable'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'protocol';

/** A request that got no usable response, and why. */
export class Fault extends Error {
  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(message);
    this.name = 'Fault';
  }
}

export interface Certificate {
  host: string;
  subject: string;
  issuer: string;
  validTo: string;
  daysLeft: number;
}

export interface Hop {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Bytes kept; when `truncated`, more were sent and discarded. */
  bodyBytes: number;
  truncated: boolean;
  certificate?: Certificate;
}

export interface Connection {
  /** Sends one request and reads its response; throws a `Fault`. */
  send(request: HopRequest): Promise<Hop>;
  close(): Promise<void>;
}

export interface HopRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ConnectionOptions {
  /** Deadline of everything sent through this connection, from now. */
  timeoutMs: number;
  maxBodyBytes: number;
  /** Certificates to trust (PEM) instead of Node's default list; undefined keeps the default. */
  ca?: string[];
}

type Phase = 'resolving and connecting' | 'waiting for the response headers' | 'reading the body';

/**
 * A connection pool of its own for one attempt (the redirects of one check included), so each attempt
 * measures a cold request: DNS, TCP and TLS are part of its latency, as for a visitor after a deploy.
 */
export function openConnection(options: ConnectionOptions): Connection {
  const certificates = new Map<string, Certificate>();
  const controller = new AbortController();
  let phase: Phase = 'resolving and connecting';
  let current = { host: '', port: '' };
  let bodyBytes = 0;
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  timer.unref?.();

  const connector = buildConnector({
    lookup,
    ...(options.ca ? { ca: options.ca } : {}),
    rejectUnauthorized: true,
    // Our own deadline fires first and names the phase; undici's is a backstop.
    timeout: options.timeoutMs + 1000,
  } as buildConnector.BuildOptions);
  const agent = new Agent({
    connect(connectOptions, callback) {
      connector(connectOptions, (error, socket) => {
        if (!error && socket) {
          phase = 'waiting for the response headers';
          const tls = socket as TLSSocket;
          if (typeof tls.getPeerCertificate === 'function') {
            const certificate = readCertificate(tls, connectOptions.hostname);
            if (certificate) certificates.set(connectOptions.hostname, certificate);
          }
        }
        if (error) callback(error, null);
        else callback(null, socket as Socket);
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
          method: request.method as 'GET',
          headers: request.headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          signal: controller.signal,
        });
        phase = 'reading the body';
        const chunks: Buffer[] = [];
        let truncated = false;
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
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
        const hop: Hop = {
          url: url.href,
          status: response.statusCode,
          headers: flattenHeaders(response.headers),
          body: Buffer.concat(chunks),
          bodyBytes,
          truncated,
        };
        const certificate = certificates.get(url.hostname.replace(/^\[|\]$/g, ''));
        if (url.protocol === 'https:' && certificate) hop.certificate = certificate;
        return hop;
      } catch (thrown) {
        if (controller.signal.aborted) {
          const received = phase === 'reading the body' ? ` (${formatBytes(bodyBytes)} received)` : '';
          throw new Fault('timeout', `timed out after ${options.timeoutMs} ms ${phase}${received}`);
        }
        throw describeFault(thrown, current, phase);
      }
    },
    async close() {
      clearTimeout(timer);
      await agent.destroy().catch(() => {});
    },
  };
}

function defaultPort(url: URL): string {
  return url.protocol === 'https:' ? '443' : '80';
}

function readCertificate(socket: TLSSocket, host: string): Certificate | undefined {
  const peer = socket.getPeerCertificate();
  if (!peer?.valid_to) return undefined;
  const validTo = new Date(peer.valid_to);
  return {
    host,
    subject: String(peer.subject?.CN ?? ''),
    issuer: String(peer.issuer?.O ?? peer.issuer?.CN ?? ''),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor(((validTo.getTime() - Date.now()) / 86_400_000) * 10) / 10,
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
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

interface ErrorFacts {
  code?: string;
  syscall?: string;
  message: string;
  address?: string;
  port?: number;
}

/** The innermost error that carries a code (undici and fetch wrap the socket's error). */
function facts(thrown: unknown): ErrorFacts {
  let error: unknown = thrown;
  for (let depth = 0; depth < 5 && error; depth++) {
    const candidate = error as ErrorFacts & { cause?: unknown };
    if (candidate.code && candidate.code !== 'UND_ERR_ABORTED') return candidate;
    error = candidate.cause;
  }
  return { message: thrown instanceof Error ? thrown.message : String(thrown) };
}

/** One plain sentence for anything a request can throw. */
export function describeFault(thrown: unknown, target: { host: string; port: string }, phase: Phase): Fault {
  if (thrown instanceof Fault) return thrown;
  const error = facts(thrown);
  const code = error.code ?? '';
  const where = `${target.host}:${target.port}`;
  if (dnsCodes.has(code) || error.syscall === 'getaddrinfo') {
    return new Fault('dns', `DNS lookup failed for host ${target.host}: ${code || error.message}`);
  }
  if (code === 'ECONNREFUSED') return new Fault('refused', `connection refused by ${where} (ECONNREFUSED)`);
  if (tlsCodes.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) {
    // Node 24 appends advice about --use-system-ca to some of these; the reason is the part before it.
    const what = error.message.split(';')[0]!.trim();
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
  return new Fault(
    'protocol',
    `request to ${where} failed while ${phase}: ${error.message}${code ? ` (${code})` : ''}`,
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
}
