import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OkSite {
  url: string;
  close(): Promise<void>;
}

/** A loopback site answering 200 `ok` to every request: what a valid smoke-test run probes. */
export async function startOkSite(): Promise<OkSite> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
