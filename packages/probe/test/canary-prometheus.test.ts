import { InputError } from '@shipgate/kit';
import { describe, expect, it } from 'vitest';
import {
  evaluatePrometheusChecks,
  type PrometheusCheckResult,
  PrometheusError,
  parsePrometheusChecks,
  prometheusAuthorization,
  prometheusVerdict,
  promqlDuration,
  queryPrometheus,
  renderPrometheusQuery,
} from '../src/canary/index';
import { freePort, startServer } from './servers';

// The checks' parser, templates and verdict are pure; the HTTP side runs against small loopback servers
// that answer what Prometheus (or a proxy in front of it) answers: envelopes, 400 bad_data, 503, 429.
// The real Prometheus is in test/canary-prometheus.test.ts.

function parseError(text: string): string {
  try {
    parsePrometheusChecks(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('prometheus-queries');
    expect((error as Error).message).not.toMatch(/\n/);
    return (error as Error).message;
  }
  throw new Error('the checks parsed');
}

describe('parsePrometheusChecks', () => {
  it('reads a list of name, query, max and min', () => {
    const checks = parsePrometheusChecks(`
- name: error-rate
  query: |
    sum(rate(http_requests_total{app="{{app}}",instance=~"{{canary}}",status=~"5.."}[{{interval}}]))
      / sum(rate(http_requests_total{app="{{app}}",instance=~"{{canary}}"}[{{interval}}]))
  max: 0.01
- name: success-rate
  query: 'sum(rate(x{instance=~"{{ canary }}"}[1m]))'
  min: 0.99
  max: 1
`);
    expect(checks).toEqual([
      {
        name: 'error-rate',
        query: expect.stringMatching(/^sum\(rate.*\[\{\{interval\}\}\]\)\)$/s),
        max: 0.01,
      },
      { name: 'success-rate', query: 'sum(rate(x{instance=~"{{ canary }}"}[1m]))', min: 0.99, max: 1 },
    ]);
  });

  it('names the entry and what is wrong, in one line', () => {
    expect(parseError('- name: error-rate\n  query: up\n  max: 1\n- name: p99\n  query: up')).toBe(
      'prometheus-queries[1] (p99): needs max or min',
    );
    expect(parseError('- name: error-rate\n  query: up\n  maxx: 1')).toBe(
      'prometheus-queries[0] (error-rate): unknown key "maxx" (allowed: name, query, max, min)',
    );
    expect(parseError('- name: e\n  query: up\n  max: 1%')).toBe(
      'prometheus-queries[0] (e): max must be a number',
    );
    expect(parseError('- query: up\n  max: 1')).toBe('prometheus-queries[0]: name must be a string');
    expect(parseError('- name: e\n  query: up\n  min: 2\n  max: 1')).toBe(
      'prometheus-queries[0] (e): min 2 is above max 1',
    );
    expect(parseError('- name: e\n  query: up{instance=~"{{cnary}}"}\n  max: 1')).toBe(
      'prometheus-queries[0] (e): query: unknown template variable {{cnary}} (known: {{app}}, {{canary}}, {{baseline}}, {{interval}})',
    );
    expect(parseError('- name: e\n  query: up\n  max: 1\n- name: e\n  query: up\n  min: 0')).toBe(
      'prometheus-queries[1] (e): the name is already used by prometheus-queries[0]',
    );
    expect(parseError('- just a string')).toBe(
      'prometheus-queries[0]: expected a mapping with name, query and max and/or min',
    );
    expect(parseError('name: e\nquery: up\nmax: 1')).toMatch(/^prometheus-queries: expected a YAML list/);
    expect(parseError('[]')).toBe('prometheus-queries: the list has no check');
    expect(parseError('- name: e\n  name: f\n  query: up\n  max: 1')).toMatch(
      /^prometheus-queries: invalid YAML: .*unique/i,
    );
  });
});

describe('renderPrometheusQuery', () => {
  const vars = {
    app: 'shop-app',
    canary: ['3d8d9e1a2b4c67'],
    baseline: ['aa01', 'bb02'],
    intervalMs: 30_000,
  };

  it('fills app, the machine regexes and the interval', () => {
    expect(
      renderPrometheusQuery(
        'sum(rate(x{app="{{app}}",instance=~"{{canary}}"}[{{interval}}])) / sum(rate(x{instance=~"{{ baseline }}"}[{{interval}}]))',
        vars,
      ),
    ).toBe(
      'sum(rate(x{app="shop-app",instance=~"3d8d9e1a2b4c67"}[30s])) / sum(rate(x{instance=~"aa01|bb02"}[30s]))',
    );
  });

  it('escapes regex characters in machine ids without backslashes', () => {
    expect(renderPrometheusQuery('{{canary}}', { ...vars, canary: ['a.b', 'c+d(e)'] })).toBe(
      'a[.]b|c[+]d[(]e[)]',
    );
    expect(() => renderPrometheusQuery('{{canary}}', { ...vars, canary: ['a"b'] })).toThrow(
      /cannot be put in a PromQL regex/,
    );
  });

  it('refuses an unknown variable and a side without machines', () => {
    expect(() => renderPrometheusQuery('x{a="{{namespace}}"}', vars)).toThrow(
      'unknown template variable {{namespace}} (known: {{app}}, {{canary}}, {{baseline}}, {{interval}})',
    );
    expect(() => renderPrometheusQuery('x{instance=~"{{baseline}}"}', { ...vars, baseline: [] })).toThrow(
      '{{baseline}} stands for no machine: this step has no baseline machines',
    );
  });

  it('writes the bake as a PromQL duration', () => {
    expect(promqlDuration(30_000)).toBe('30s');
    expect(promqlDuration(90_500)).toBe('91s');
    expect(promqlDuration(300_000)).toBe('5m');
    expect(promqlDuration(7_200_000)).toBe('2h');
    expect(promqlDuration(1)).toBe('1s');
    expect(() => promqlDuration(0)).toThrow(RangeError);
  });
});

function result(outcome: PrometheusCheckResult['outcome'], name: string = outcome): PrometheusCheckResult {
  return { name, query: 'up', values: [], outcome, reason: `${name} was ${outcome}` };
}

describe('prometheusVerdict', () => {
  it('continues when every check passes, with each reason', () => {
    expect(prometheusVerdict([result('pass', 'a'), result('pass', 'b')], 0, 1)).toEqual({
      decision: 'continue',
      reasons: ['a was pass', 'b was pass'],
    });
  });

  it('aborts on any fail, even beside no-data', () => {
    expect(prometheusVerdict([result('pass'), result('no-data'), result('fail')], 0, 1)).toEqual({
      decision: 'abort',
      reasons: ['fail was fail'],
    });
  });

  it('extends on no-data while extensions are left, then aborts', () => {
    const results = [result('pass'), result('no-data')];
    expect(prometheusVerdict(results, 0, 2)).toEqual({
      decision: 'extend',
      reasons: ['no data to decide, extension 1 of 2', 'no-data was no-data'],
    });
    expect(prometheusVerdict(results, 1, 2).decision).toBe('extend');
    expect(prometheusVerdict(results, 2, 2)).toEqual({
      decision: 'abort',
      reasons: ['still no data to decide after 2 extensions', 'no-data was no-data'],
    });
    expect(prometheusVerdict(results, 0, 0).decision).toBe('abort');
  });
});

describe('prometheusAuthorization', () => {
  it('sends Fly macaroons as FlyV1 and anything else as Bearer, keeping a given scheme', () => {
    expect(prometheusAuthorization('fm2_lJPECAAAAAAAAMUDxBD')).toBe('FlyV1 fm2_lJPECAAAAAAAAMUDxBD');
    expect(prometheusAuthorization('fm1r_abc,fm2_def')).toBe('FlyV1 fm1r_abc,fm2_def');
    expect(prometheusAuthorization('FlyV1 fm2_abc')).toBe('FlyV1 fm2_abc');
    expect(prometheusAuthorization('flyv1 fm2_abc')).toBe('FlyV1 fm2_abc');
    expect(prometheusAuthorization('Bearer abc123')).toBe('Bearer abc123');
    expect(prometheusAuthorization('abc123')).toBe('Bearer abc123');
  });
});

const success = (result: unknown, resultType = 'vector', extra: object = {}) =>
  JSON.stringify({ status: 'success', data: { resultType, result }, ...extra });

describe('queryPrometheus', () => {
  it('GETs <url>/api/v1/query under the URL path, with the token, and reads vector values', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        success(
          [
            { metric: { instance: 'a' }, value: [1700000000.5, '0.25'] },
            { metric: { instance: 'b' }, value: [1700000000.5, 'NaN'] },
            { metric: { instance: 'c' }, value: [1700000000.5, '+Inf'] },
          ],
          'vector',
          { warnings: ['PromQL info: metric might not be a counter'] },
        ),
      );
    });
    const answer = await queryPrometheus({
      url: `${server.url}/prometheus/shop-co/`,
      token: 'fm2_secret_macaroon',
      query: 'sum by (instance) (rate(x[1m]))',
      time: new Date(1_700_000_000_500),
    });
    expect(answer.resultType).toBe('vector');
    expect(answer.series.map((series) => series.labels.instance)).toEqual(['a', 'b', 'c']);
    expect(answer.series[0]!.value).toBe(0.25);
    expect(answer.series[1]!.value).toBeNaN();
    expect(answer.series[2]!.value).toBe(Number.POSITIVE_INFINITY);
    expect(answer.warnings).toEqual(['PromQL info: metric might not be a counter']);

    const [sent] = server.requests;
    const url = new URL(sent!.url, server.url);
    expect(sent!.method).toBe('GET');
    expect(url.pathname).toBe('/prometheus/shop-co/api/v1/query');
    expect(url.searchParams.get('query')).toBe('sum by (instance) (rate(x[1m]))');
    expect(url.searchParams.get('time')).toBe('1700000000.500');
    expect(sent!.headers.authorization).toBe('FlyV1 fm2_secret_macaroon');
  });

  it('reads a scalar', async () => {
    const server = await startServer((_request, response) => {
      response.end(success([1700000000, '42'], 'scalar'));
    });
    const answer = await queryPrometheus({ url: server.url, query: 'scalar(vector(42))' });
    expect(answer).toEqual({ resultType: 'scalar', series: [{ labels: {}, value: 42 }], warnings: [] });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("reports a 400 with Prometheus's own error text and does not retry it", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: '1:5: parse error: unexpected <by>',
        }),
      );
    });
    const error = await queryPrometheus({ url: server.url, query: 'sum by', retryDelayMs: 1 }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error).toMatchObject({
      status: 400,
      errorType: 'bad_data',
      message: `Prometheus at ${server.url} answered 400: bad_data: 1:5: parse error: unexpected <by>`,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('retries 503 and 429, honouring Retry-After, then answers', async () => {
    let calls = 0;
    const server = await startServer((_request, response) => {
      calls++;
      if (calls === 1) {
        response.writeHead(503, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'busy' }));
      }
      if (calls === 2) {
        response.writeHead(429, { 'retry-after': '1' });
        return response.end('slow down');
      }
      response.end(success([{ metric: {}, value: [1, '3'] }]));
    });
    const started = Date.now();
    const answer = await queryPrometheus({ url: server.url, query: 'up', retryDelayMs: 1 });
    expect(answer.series[0]!.value).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a reset connection, and gives up after its tries with the reason', async () => {
    const server = await startServer((request) => {
      request.socket.destroy();
    });
    const error = await queryPrometheus({
      url: server.url,
      token: 'sg_prom_token_7f3c9a',
      query: 'up',
      attempts: 3,
      retryDelayMs: 1,
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as PrometheusError).status).toBe(0);
    expect((error as Error).message).toBe(
      `no answer from Prometheus at ${server.url}: other side closed (UND_ERR_SOCKET) (3 tries)`,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('names a refused connection, a non-JSON answer and a range vector plainly', async () => {
    const port = await freePort();
    await expect(
      queryPrometheus({ url: `http://127.0.0.1:${port}`, query: 'up', attempts: 1 }),
    ).rejects.toThrow(`no answer from Prometheus at http://127.0.0.1:${port}: ECONNREFUSED (1 try)`);

    const proxy = await startServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end('Unauthorized\n');
    });
    await expect(queryPrometheus({ url: proxy.url, query: 'up' })).rejects.toThrow(
      `Prometheus at ${proxy.url} answered 401: Unauthorized`,
    );

    const matrix = await startServer((_request, response) => {
      response.end(success([{ metric: {}, values: [[1, '1']] }], 'matrix'));
    });
    await expect(queryPrometheus({ url: matrix.url, query: 'up[1m]' })).rejects.toThrow(
      /returns a range vector/,
    );
  });

  it('never shows the token, even when the server echoes it', async () => {
    const token = 'fm2_lJPECAAAAAAAAMUDxBDsecretpart,fm2_otherpiece123';
    const server = await startServer((request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          status: 'error',
          errorType: 'forbidden',
          error: `bad ${request.headers.authorization}`,
        }),
      );
    });
    const error = (await queryPrometheus({ url: server.url, token, query: 'up' }).then(
      () => new Error('the query passed'),
      (thrown: unknown) => thrown,
    )) as PrometheusError;
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error.message).toContain('answered 403: forbidden: bad FlyV1 ***');
    expect(error.message).not.toContain('secretpart');
    expect(error.message).not.toContain('otherpiece123');
  });
});

describe('evaluatePrometheusChecks', () => {
  const vars = { app: 'shop-app', canary: ['c1'], baseline: ['b1', 'b2'], intervalMs: 60_000 };

  /** Answers each query with the series the test gives for it. */
  async function prometheus(answers: Record<string, Array<[Record<string, string>, string]>>) {
    return startServer((request, response) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams.get('query') ?? '';
      const series = answers[query];
      if (!series) {
        response.writeHead(400);
        return response.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `no ${query}` }));
      }
      response.end(success(series.map(([metric, value]) => ({ metric, value: [1, value] }))));
    });
  }

  it('passes, fails and finds no data, with the numbers in the reason', async () => {
    const server = await prometheus({
      'errors{instance=~"c1"}[1m]': [[{}, '0.031']],
      'errors{instance=~"b1|b2"}[1m]': [[{}, '0.002']],
      'p99{app="shop-app"}': [
        [{ instance: 'b1' }, '0.120'],
        [{ instance: 'c1' }, '0.9'],
      ],
      ratio: [[{}, 'NaN']],
      empty: [],
      'success{instance=~"c1"}': [[{}, '0.95']],
    });
    const checks = parsePrometheusChecks(`
- { name: error-rate, query: 'errors{instance=~"{{canary}}"}[{{interval}}]', max: 0.01 }
- { name: baseline-error-rate, query: 'errors{instance=~"{{baseline}}"}[{{interval}}]', max: 0.01 }
- { name: p99, query: 'p99{app="{{app}}"}', max: 0.5 }
- { name: ratio, query: ratio, max: 1 }
- { name: empty, query: empty, min: 1 }
- { name: success, query: 'success{instance=~"{{canary}}"}', min: 0.99 }
`);
    const results = await evaluatePrometheusChecks(checks, { url: server.url, vars });
    expect(results.map(({ name, outcome, reason }) => ({ name, outcome, reason }))).toEqual([
      { name: 'error-rate', outcome: 'fail', reason: 'error-rate = 0.031 is above max 0.01' },
      {
        name: 'baseline-error-rate',
        outcome: 'pass',
        reason: 'baseline-error-rate = 0.002 is within max 0.01',
      },
      {
        name: 'p99',
        outcome: 'fail',
        reason: 'p99 = 0.9 for {instance="c1"} is above max 0.5 (2 series measured)',
      },
      {
        name: 'ratio',
        outcome: 'no-data',
        reason: 'ratio returned only NaN (1 series): nothing was measured in the interval',
      },
      { name: 'empty', outcome: 'no-data', reason: 'empty returned no data (no series matched)' },
      { name: 'success', outcome: 'fail', reason: 'success = 0.95 is below min 0.99' },
    ]);
    expect(results[0]).toMatchObject({ query: 'errors{instance=~"c1"}[1m]', values: [0.031], max: 0.01 });
    expect(results[2]!.values).toEqual([0.12, 0.9]);
    expect(results[3]!.values).toEqual([]);
    expect(prometheusVerdict(results, 0, 1).decision).toBe('abort');
  });

  it('names the check when Prometheus refuses its query', async () => {
    const server = await prometheus({});
    const checks = parsePrometheusChecks('- { name: broken, query: "sum by", max: 1 }');
    await expect(evaluatePrometheusChecks(checks, { url: server.url, vars })).rejects.toThrow(
      `broken: Prometheus at ${server.url} answered 400: bad_data: no sum by`,
    );
  });
});
