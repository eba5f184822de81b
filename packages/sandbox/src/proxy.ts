// An app's Fly proxy on its own loopback port: round-robin over the machines that can take traffic,
// `fly-force-instance-id` pinning, `fly-request-id` on every answer.
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Faults, faultAnswer } from './faults';
import { checksPass } from './health-checks';
import { sleep } from './http-io';
import { requestId } from './ids';
import type { SimApp, SimMachine } from './model';

/** Why a machine cannot take a request now, or undefined when it can. */
export function notRoutable(machine: SimMachine, pinned: boolean): string | undefined {
  if (machine.state !== 'started') return `machine ${machine.id} is ${machine.state}`;
  if (!machine.process?.ready) return `machine ${machine.id} has no running process`;
  if ((machine.config.services ?? []).length === 0) return `machine ${machine.id} has no services`;
  if (machine.cordoned) return `machine ${machine.id} is cordoned`;
  if (!machine.registered) return `machine ${machine.id} is not registered with the proxy`;
  // A pinned request goes to the machine whatever its health, so a failing machine can be looked at.
  if (!pinned && !checksPass(machine)) return `machine ${machine.id} is not passing its health checks`;
  return undefined;
}

export interface AppProxy {
  url: string;
  close(): Promise<void>;
}

export async function startAppProxy(
  app: SimApp,
  faults: Faults,
  log: (line: string) => void,
): Promise<AppProxy> {
  let next = 0;
  const server: Server = createServer((request, response) => {
    const id = requestId(app.regions[0]);
    response.setHeader('fly-request-id', id);
    void route(request, response).catch((error: unknown) => plain(response, 502, (error as Error).message));
  });

  async function route(request: IncomingMessage, response: ServerResponse) {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const fault = faults.match({ scope: 'proxy', method: request.method ?? 'GET', path, app: app.name });
    if (fault?.latency) await sleep(fault.latency);
    if (fault?.drop) return void request.socket.destroy();
    const answer = fault && faultAnswer(fault, request.headers);
    if (answer) {
      for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
      return plain(response, answer.status, answer.message);
    }
    const pinned = request.headers['fly-force-instance-id'];
    let target: SimMachine | undefined;
    if (typeof pinned === 'string' && pinned !== '') {
      const machine = app.machines.get(pinned);
      const reason = machine ? notRoutable(machine, true) : `no machine ${pinned} in app ${app.name}`;
      if (reason) return plain(response, 503, `fly-force-instance-id: ${reason}`);
      target = machine;
    } else {
      const candidates = [...app.machines.values()].filter((machine) => !notRoutable(machine, false));
      if (candidates.length === 0)
        return plain(response, 503, `no machine of ${app.name} can serve this request`);
      target = candidates[next++ % candidates.length];
    }
    if (!target?.process) return plain(response, 503, 'the machine went away');
    const upstream = forward(
      {
        host: '127.0.0.1',
        port: target.process.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, 'fly-request-id': id(response), 'fly-region': target.region },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'fly-request-id': id(response) });
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      log(`proxy ${app.name} → ${target?.id}: ${error.message}`);
      plain(response, 502, `could not reach machine ${target?.id}: ${error.message}`);
    });
    request.pipe(upstream);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function id(response: ServerResponse): string {
  return String(response.getHeader('fly-request-id') ?? '');
}

function plain(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
}
