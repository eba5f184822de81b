import { describe, expect, it } from 'vitest';
import {
  analyseCanary,
  type CanaryPolicy,
  canaryPolicySchema,
  defaultCanaryPolicy,
  findBurst,
  mannWhitneyU,
  type Samples,
} from '../src/canary/index';

/** mulberry32: a small deterministic generator, so every run sees the same "random" samples. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Traffic {
  requests: number;
  /** Median of the log-normal latency; σ of its logarithm is 0.35 (a typical long-tailed web latency). */
  medianMs?: number;
  shiftMs?: number;
  errorRate?: number;
}

/** Requests in order: each a 500 with probability errorRate, else a 200; every one has a latency. */
function traffic(
  random: () => number,
  { requests, medianMs = 100, shiftMs = 0, errorRate = 0 }: Traffic,
): Samples {
  const latenciesMs: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < requests; i++) {
    // Box–Muller for a standard normal draw.
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    latenciesMs.push(Math.round((medianMs * Math.exp(0.35 * normal) + shiftMs) * 10) / 10);
    statuses.push(random() < errorRate ? 500 : 200);
  }
  return { latenciesMs, requests, errors: statuses.filter((s) => s >= 500).length, statuses };
}

function policy(overrides: Partial<CanaryPolicy> = {}): CanaryPolicy {
  return { ...defaultCanaryPolicy, ...overrides };
}

describe('canary policy', () => {
  it('has the documented defaults and refuses settings the tests cannot honour', () => {
    expect(defaultCanaryPolicy).toEqual({
      confidence: 0.99,
      minSamples: 50,
      maxErrorRate: 0.01,
      maxP95Ms: 5000,
      latencyMarginMs: 50,
      burst: { window: 10, errors: 5 },
      maxExtensions: 1,
    });
    expect(canaryPolicySchema.parse({ burst: { errors: 3 } }).burst).toEqual({ window: 10, errors: 3 });
    expect(canaryPolicySchema.safeParse({ minSamples: 5 }).success).toBe(false);
    expect(canaryPolicySchema.safeParse({ burst: { window: 4, errors: 5 } }).success).toBe(false);
    expect(canaryPolicySchema.safeParse({ confidence: 1 }).success).toBe(false);
  });
});

describe('canary decision', () => {
  it('continues when canary and baseline come from the same distribution, saying why', () => {
    const random = generator(1);
    const verdict = analyseCanary(
      traffic(random, { requests: 300, errorRate: 0.002 }),
      traffic(random, { requests: 300, errorRate: 0.002 }),
    );
    expect(verdict.decision).toBe('continue');
    expect(verdict.alphaPerTest).toBeCloseTo(0.005, 15);
    expect(verdict.reasons).toHaveLength(2);
    expect(verdict.reasons[0]).toMatch(
      /^canary error rate .* is not significantly higher, .* p = [\d.e-]+ ≥ 0\.005$/,
    );
    expect(verdict.reasons[1]).toMatch(
      /^canary latency is not significantly above baseline beyond the 50 ms margin: canary p50 \d+ ms vs baseline \d+ ms, p95 \d+ ms vs \d+ ms, Mann–Whitney p = [\d.e-]+ ≥ 0\.005$/,
    );
    expect(verdict.tests.latency?.marginMs).toBe(50);
    expect(verdict.canary).toMatchObject({ requests: 300, latencySamples: 300 });
  });

  it('aborts a healthy canary in under 5% of 200 seeded steps (no margin, to test the alpha itself)', () => {
    let aborts = 0;
    let extends_ = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const random = generator(seed * 7919);
      const verdict = analyseCanary(
        traffic(random, { requests: 200, errorRate: 0.002 }),
        traffic(random, { requests: 200, errorRate: 0.002 }),
        policy({ latencyMarginMs: 0 }),
      );
      if (verdict.decision === 'abort') aborts++;
      if (verdict.decision === 'extend') extends_++;
    }
    expect(extends_).toBe(0);
    // Expected: at most 1% from the two tests (0.005 each) plus about 0.8% from the absolute error limit
    // (3 or more errors of 200 at a 0.2% rate exceeds 1%), so about 4 of 200; 10 would be the 5% bound.
    expect(aborts / 200).toBeLessThan(0.05);
  });

  it('aborts a canary 300 ms slower, with the numbers in the reason', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = generator(seed);
      const verdict = analyseCanary(
        traffic(random, { requests: 60, shiftMs: 300 }),
        traffic(random, { requests: 60 }),
      );
      expect(verdict.decision).toBe('abort');
      expect(verdict.reasons).toHaveLength(1);
      expect(verdict.reasons[0]).toMatch(
        /^canary latency is significantly above baseline beyond the 50 ms margin: canary p50 [34]\d\d ms vs baseline \d+ ms, p95 \d+ ms vs \d+ ms, Mann–Whitney p = [\d.]+e-\d+ < 0\.005$/,
      );
      expect(verdict.tests.latency!.effect).toBeGreaterThan(0.9);
    }
  });

  it('lets a slower canary through within the margin and stops it beyond', () => {
    const within = generator(5);
    expect(
      analyseCanary(traffic(within, { requests: 300, shiftMs: 30 }), traffic(within, { requests: 300 }))
        .decision,
    ).toBe('continue');
    const beyond = generator(5);
    expect(
      analyseCanary(traffic(beyond, { requests: 300, shiftMs: 120 }), traffic(beyond, { requests: 300 }))
        .decision,
    ).toBe('abort');
  });

  it('holds each test to half the alpha (Bonferroni): a latency p of 0.005–0.01 continues', () => {
    const baseline = Array.from({ length: 60 }, (_, i) => 100 + i);
    let checked = 0;
    for (let shift = 0; shift <= 40; shift += 0.25) {
      const canaryMs = baseline.map((ms) => ms + shift);
      const p = mannWhitneyU(canaryMs, baseline, 'greater')!.pValue;
      if (p <= 0.005 || p >= 0.01) continue;
      const samples = (latenciesMs: number[]): Samples => ({
        latenciesMs,
        requests: 60,
        errors: 0,
        statuses: latenciesMs.map(() => 200),
      });
      const verdict = analyseCanary(samples(canaryMs), samples(baseline), policy({ latencyMarginMs: 0 }));
      expect(verdict.tests.latency!.pValue).toBeCloseTo(p, 15);
      expect(verdict.decision).toBe('continue');
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('aborts 2% canary errors against 0%: over the absolute limit, and significant under a looser one', () => {
    const random = generator(11);
    const canary = traffic(random, { requests: 1000, errorRate: 0.02 });
    const baseline = traffic(random, { requests: 1000 });
    expect(canary.errors).toBeGreaterThanOrEqual(15);
    const strict = analyseCanary(canary, baseline);
    expect(strict.decision).toBe('abort');
    expect(strict.reasons[0]).toBe(
      `canary error rate ${Number(((canary.errors / 1000) * 100).toPrecision(3))}% (${canary.errors} of 1000) is above the 1% limit`,
    );

    const loose = analyseCanary(canary, baseline, policy({ maxErrorRate: 0.05 }));
    expect(loose.decision).toBe('abort');
    expect(loose.reasons).toHaveLength(1);
    expect(loose.reasons[0]).toMatch(
      /^canary error rate [\d.]+% \(\d+ of 1000\) vs baseline 0% \(0 of 1000\) is significantly higher, pooled z p = [\d.]+e-\d+ < 0\.005$/,
    );
    expect(loose.tests.errors).toMatchObject({ method: 'pooled z', rateB: 0 });
  });

  it('continues with 1 canary error against none: not significant, and under the limit', () => {
    const statuses = Array.from({ length: 200 }, (_, i) => (i === 100 ? 503 : 200));
    const canary: Samples = { latenciesMs: statuses.map(() => 100), requests: 200, errors: 1, statuses };
    const baseline: Samples = { ...canary, errors: 0, statuses: statuses.map(() => 200) };
    const verdict = analyseCanary(canary, baseline);
    expect(verdict.decision).toBe('continue');
    expect(verdict.tests.errors?.method).toBe('Fisher exact');
    // One error among 400 requests, 200 of them the canary's: P(it is the canary's) = 200/400.
    expect(verdict.tests.errors?.pValue).toBeCloseTo(0.5, 12);
  });

  it('extends once when there are too few samples, then aborts', () => {
    const random = generator(3);
    const canary = traffic(random, { requests: 20 });
    const baseline = traffic(random, { requests: 400 });
    const first = analyseCanary(canary, baseline);
    expect(first.decision).toBe('extend');
    expect(first.reasons).toEqual([
      'too few samples to decide, extension 1 of 1: requests: canary 20, baseline 400; latencies: canary 20, baseline 400 (50 per side needed)',
    ]);
    expect(first.tests).toEqual({});
    const second = analyseCanary(canary, baseline, defaultCanaryPolicy, 1);
    expect(second.decision).toBe('abort');
    expect(second.reasons[0]).toMatch(/^still too few samples to decide after 1 extension: /);
  });

  it('extends when responses are missing even though requests were enough', () => {
    const random = generator(4);
    const canary = { ...traffic(random, { requests: 100 }), latenciesMs: [120, 130] };
    const verdict = analyseCanary(canary, traffic(random, { requests: 100 }));
    expect(verdict.decision).toBe('extend');
    expect(verdict.tests.errors).toBeDefined();
    expect(verdict.tests.latency).toBeUndefined();
  });

  it('aborts on a 5xx burst even when the overall error rate is low, and not on the same errors spread out', () => {
    const random = generator(8);
    const canary = traffic(random, { requests: 1000 });
    const burst = [...canary.statuses];
    for (const index of [500, 502, 503, 506, 508]) burst[index] = 500;
    const verdict = analyseCanary(
      { ...canary, errors: 5, statuses: burst },
      traffic(random, { requests: 1000 }),
    );
    expect(verdict.decision).toBe('abort');
    expect(verdict.reasons).toEqual([
      '5 server errors (5xx) in 9 consecutive canary requests (requests 501–509), the burst limit is 5 in 10',
    ]);

    const spread = [...canary.statuses];
    for (const index of [100, 300, 500, 700, 900]) spread[index] = 500;
    const calm = analyseCanary(
      { ...canary, errors: 5, statuses: spread },
      traffic(generator(9), { requests: 1000 }),
    );
    expect(calm.decision).toBe('continue');
  });

  it('aborts when the canary p95 is over the limit, even when the baseline is as slow', () => {
    const random = generator(21);
    const slowTail = (samples: Samples): Samples => ({
      ...samples,
      latenciesMs: samples.latenciesMs.map((ms, i) => (i % 10 === 0 ? 6000 + ms : ms)),
    });
    const verdict = analyseCanary(
      slowTail(traffic(random, { requests: 200 })),
      slowTail(traffic(random, { requests: 200 })),
    );
    expect(verdict.decision).toBe('abort');
    expect(verdict.reasons).toHaveLength(1);
    expect(verdict.reasons[0]).toMatch(/^canary p95 6\.\d\d s is above the 5\.00 s limit$/);
    expect(verdict.canary.p95).toBeGreaterThan(5000);
  });

  it('refuses counts that are not counts', () => {
    const samples: Samples = { latenciesMs: [], requests: 3, errors: 4, statuses: [] };
    expect(() => analyseCanary(samples, samples)).toThrow(/not a count/);
  });
});

describe('5xx bursts', () => {
  it('finds the first window holding enough server errors', () => {
    expect(findBurst([200, 500, 502, 200, 503], 4, 3)).toEqual({ from: 2, to: 5, errors: 3 });
    expect(findBurst([500, 200, 200, 200, 502, 503], 4, 3)).toBeUndefined();
    expect(findBurst([500, 502, 504], 10, 3)).toEqual({ from: 1, to: 3, errors: 3 });
    expect(findBurst([404, 404, 404, 429], 4, 1)).toBeUndefined();
    expect(findBurst([], 10, 5)).toBeUndefined();
  });
});
