import { createHash, randomBytes } from 'node:crypto';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (time-ordered, 26 Crockford base-32 characters), the form Fly uses for versions and event ids. */
export function ulid(now = Date.now()): string {
  let time = '';
  let rest = now;
  for (let i = 0; i < 10; i++) {
    time = crockford[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  const random = [...randomBytes(16)].map((byte) => crockford[byte % 32]).join('');
  return time + random;
}

/** 14 lowercase hex characters, like Fly's machine ids. */
export function machineId(): string {
  return randomBytes(7).toString('hex');
}

export function leaseNonce(): string {
  return randomBytes(12).toString('hex');
}

export function requestId(region = 'sbx'): string {
  return `${ulid()}-${region}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const adjectives = ['snowy', 'quiet', 'bold', 'misty', 'sunny', 'brave', 'lively', 'calm', 'rough', 'proud'];
const nouns = ['pine', 'river', 'meadow', 'cloud', 'stone', 'field', 'sea', 'wind', 'forest', 'star'];

/** A name in Fly's generated style, e.g. `snowy-pine-1234`. */
export function machineName(): string {
  const [a = 0, b = 0, c = 0, d = 0] = randomBytes(4);
  return `${adjectives[a % adjectives.length]}-${nouns[b % nouns.length]}-${((c << 8) | d) % 10_000}`;
}

export function privateIp(): string {
  const hex = () =>
    randomBytes(2)
      .toString('hex')
      .replace(/^0+(?=.)/, '');
  return `fdaa:0:${hex()}:a7b:${hex()}:${hex()}:${hex()}:2`;
}
