// The `--app NAME[:machines[:image]]` flag of `npm run sandbox`.

export interface AppSeed {
  name: string;
  machines: number;
  image: string;
}

/** `NAME[:machines[:image]]`; the image may itself contain colons (`registry.fly.io/shop-app:v1`). */
export function parseAppSeed(text: string): AppSeed {
  const [name = '', count, ...image] = text.split(':');
  const machines = count === undefined || count === '' ? 2 : Number(count);
  if (!name || !Number.isInteger(machines) || machines < 0) {
    throw new Error(
      `--app ${text}: expected NAME[:machines[:image]], e.g. shop-app-staging:2:registry.fly.io/shop-app:v1`,
    );
  }
  return { name, machines, image: image.length > 0 ? image.join(':') : 'registry.fly.io/shop-app:v1' };
}
