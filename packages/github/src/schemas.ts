import { z } from 'zod';

export const publicKeySchema = z.object({
  key_id: z.union([z.string(), z.number()]).transform(String),
  key: z.string().min(1),
});

const secretSchema = z.object({
  name: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  visibility: z.string().optional(),
});

export const secretPageSchema = z.object({
  total_count: z.number().optional(),
  secrets: z.array(secretSchema),
});

export const variableSchema = z.object({
  name: z.string(),
  value: z.string(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});

export const variablePageSchema = z.object({
  total_count: z.number().optional(),
  variables: z.array(variableSchema),
});

export const environmentSchema = z.object({ name: z.string() });

export const repositorySchema = z.object({ id: z.number() });

export const deploymentSchema = z.object({ id: z.number() });
