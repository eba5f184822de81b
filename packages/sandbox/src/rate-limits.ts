// Fly's published limits on the Machines API are per action and per machine: about 1 request a second for
// each action on a machine, in bursts of up to 3, and 5 a second (bursts of 10) for reading a machine. The
// numbers are approximate, and whether a 429 always carries Retry-After is not known: both are options.

export interface MachineRateLimitOptions {
  /** Requests a second for each action on one machine (default 1). */
  perSecond?: number;
  /** Burst of each action on one machine (default 3). */
  burst?: number;
  /** Requests a second for GET of one machine (default 5). */
  readsPerSecond?: number;
  /** Burst of GET of one machine (default 10). */
  readBurst?: number;
  /** Send `Retry-After` with the 429 (default true). */
  retryAfter?: boolean;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets keyed by machine and action (method and route pattern). */
export class MachineRateLimits {
  private readonly buckets = new Map<string, Bucket>();
  private readonly options: Required<MachineRateLimitOptions>;

  constructor(
    options: MachineRateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = {
      perSecond: options.perSecond ?? 1,
      burst: options.burst ?? 3,
      readsPerSecond: options.readsPerSecond ?? 5,
      readBurst: options.readBurst ?? 10,
      retryAfter: options.retryAfter ?? true,
    };
  }

  /**
   * Takes one request from the machine's bucket for this action: undefined when it may go, else the
   * seconds until the bucket holds a request again (what Retry-After would say).
   */
  take(machine: string, method: string, pattern: string): { retryAfterSeconds: number } | undefined {
    const read = method === 'GET' && pattern.endsWith('/machines/{id}');
    const rate = read ? this.options.readsPerSecond : this.options.perSecond;
    const burst = read ? this.options.readBurst : this.options.burst;
    const key = `${machine} ${method} ${pattern}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return { retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
  }

  get sendsRetryAfter(): boolean {
    return this.options.retryAfter;
  }
}
