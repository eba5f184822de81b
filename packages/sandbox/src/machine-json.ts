// The API's view of a machine: fly-go's Machine shape (reference §3).
import { sha256Hex, ulid } from './ids';
import type { JsonObject, MachineEvent, SimMachine } from './model';

export function addEvent(
  machine: SimMachine,
  type: string,
  status: string,
  source: 'user' | 'flyd',
  request?: JsonObject,
): MachineEvent {
  const event: MachineEvent = { id: ulid(), type, status, source, timestamp: Date.now() };
  if (request) event.request = request;
  machine.events.unshift(event);
  return event;
}

export interface ImageRef {
  registry: string;
  repository: string;
  tag: string;
  digest: string;
  labels: Record<string, string>;
}

/** `registry.fly.io/shop-app:v2` → registry, repository and tag; the digest is made up from the reference. */
export function parseImageRef(image: string): ImageRef {
  const [name = '', pinnedDigest] = image.split('@');
  const slash = name.indexOf('/');
  const hasRegistry = slash > 0 && /[.:]|^localhost$/.test(name.slice(0, slash));
  const registry = hasRegistry ? name.slice(0, slash) : 'docker.io';
  const path = hasRegistry ? name.slice(slash + 1) : name;
  const colon = path.lastIndexOf(':');
  const repository = colon > 0 ? path.slice(0, colon) : path;
  const tag = colon > 0 ? path.slice(colon + 1) : 'latest';
  return { registry, repository, tag, digest: pinnedDigest ?? `sha256:${sha256Hex(image)}`, labels: {} };
}

export function machineJson(machine: SimMachine): JsonObject {
  return {
    id: machine.id,
    name: machine.name,
    state: machine.state,
    region: machine.region,
    // One ULID per config version serves as both: Fly changes both on every update.
    instance_id: machine.version,
    version: machine.version,
    private_ip: machine.privateIp,
    created_at: machine.createdAt,
    updated_at: machine.updatedAt,
    config: structuredClone(machine.config),
    image_ref: parseImageRef(machine.config.image),
    events: machine.events.map((event) => structuredClone(event)),
    checks: [...machine.checks.values()].map((check) => ({ ...check })),
    host_status: 'ok',
    cordoned: machine.cordoned,
  };
}
