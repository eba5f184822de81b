// The Machines API's answers, checked for what the deploy engine relies on and kept whole otherwise:
// loose objects pass unknown fields through, because an update sends the config back as it came.
import { z } from 'zod';

const machineEvent = z.looseObject({
  type: z.string(),
  timestamp: z.number(),
});

const checkStatus = z.looseObject({
  name: z.string(),
  status: z.string(),
});

const machineConfig = z.looseObject({ image: z.string() });

export const machineSchema = z.looseObject({
  id: z.string(),
  state: z.string(),
  region: z.string(),
  config: machineConfig.optional(),
  incomplete_config: z.looseObject({}).nullish(),
  events: z.array(machineEvent).nullish(),
  checks: z.array(checkStatus).nullish(),
  nonce: z.string().optional(),
});

export const machineListSchema = z.array(machineSchema);

export const appSchema = z.looseObject({ name: z.string() });

export const machineVersionListSchema = z.array(
  z.looseObject({ version: z.string(), user_config: machineConfig }),
);

export const leaseDataSchema = z.looseObject({
  nonce: z.string().min(1),
  expires_at: z.number(),
  owner: z.string().optional(),
  description: z.string().optional(),
});

/** Any object: fly-go's envelope (`status`, `data`) or the old OpenAPI's bare lease; the client tells them apart. */
export const leaseAnswerSchema = z.looseObject({
  status: z.string().optional(),
  message: z.string().optional(),
});

export const metadataSchema = z.record(z.string(), z.string());

const appSecret = z.looseObject({ name: z.string() });

/** `{secrets: [...]}` as fly-go decodes it; a bare list is taken too. */
export const secretListSchema = z.union([
  z.looseObject({ secrets: z.array(appSecret).nullable() }),
  z.array(appSecret),
]);

export const secretsVersionSchema = z.looseObject({
  version: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
});
