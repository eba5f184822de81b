import {
  lookup as dnsLookup,
  type LookupAddress,
  type LookupAllOptions,
  type LookupOneOptions,
} from 'node:dns';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * The probe's name resolution: the system resolver, except that `.invalid` names fail at once with
 * ENOTFOUND. RFC 6761 §6.4 asks resolution libraries to answer those negatively without a query; glibc
 * sends one anyway. Doing it here means a check of `https://anything.invalid` never leaves the machine,
 * which is also how the tests exercise the DNS failure path.
 */
export function lookup(
  hostname: string,
  options: LookupOneOptions | LookupAllOptions | number,
  callback: LookupCallback,
): void {
  if (isInvalidName(hostname)) {
    const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    error.code = 'ENOTFOUND';
    error.syscall = 'getaddrinfo';
    (error as { hostname?: string }).hostname = hostname;
    process.nextTick(callback, error, '', 0);
    return;
  }
  const normalized = typeof options === 'number' ? { family: options } : options;
  dnsLookup(hostname, normalized as LookupAllOptions, callback as never);
}

export function isInvalidName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'invalid' || name.endsWith('.invalid');
}
