import { describe, expect, it } from 'vitest';
import { sandboxForFile, viaProxy, webConfig } from './helpers';

const { sandbox } = await sandboxForFile();

/** The exposition's sample lines as `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const lines = text.split('\n').filter((line) => line && !line.startsWith('#'));
  return new Map(
    lines.map((line) => {
      const space = line.lastIndexOf(' ');
      return [line.slice(0, space), Number(line.slice(space + 1))];
    }),
  );
}

describe('the app’s /metrics', () => {
  it('counts requests by path and status, times them, and does not count itself', async () => {
    // Every request but /metrics fails on this machine; no health checks, so only our requests count.
    const image = 'registry.fly.io/shop:flaky-metrics';
    const [id] = await sandbox.createApp('metrics', {
      machines: 1,
      image,
      config: webConfig(image, { env: { FLAKY_RATE: '1' } }),
    });
    const pinned = { 'fly-force-instance-id': id! };
    for (let i = 0; i < 3; i++) expect((await viaProxy(sandbox, 'metrics', '/', pinned)).status).toBe(500);
    await viaProxy(sandbox, 'metrics', '/no-such-page', pinned);

    const first = await fetch(`${sandbox.appUrl('metrics')}/metrics`, { headers: pinned });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await first.text();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    const metrics = samples(text);
    expect(metrics.get('http_requests_total{path="/",status="500"}')).toBe(3);
    expect(metrics.get('http_requests_total{path="other",status="500"}')).toBe(1);
    expect(metrics.get('http_request_duration_seconds_count')).toBe(4);
    expect(metrics.get('http_request_duration_seconds_bucket{le="+Inf"}')).toBe(4);
    expect(metrics.get('http_request_duration_seconds_bucket{le="10"}')).toBe(4);
    expect(metrics.get('http_request_duration_seconds_sum')).toBeGreaterThan(0);

    const again = samples(
      await (await fetch(`${sandbox.appUrl('metrics')}/metrics`, { headers: pinned })).text(),
    );
    expect(again).toEqual(metrics);
  });
});
