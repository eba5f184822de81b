import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { MachineConfig } from '../machine-types';

export const strategies = ['immediate', 'rolling', 'bluegreen', 'canary'] as const;
export type Strategy = (typeof strategies)[number];

export const outcomes = ['succeeded', 'unchanged', 'failed', 'rolled-back', 'rollback-failed'] as const;
export type Outcome = (typeof outcomes)[number];

export const machineActions = ['updated', 'created', 'destroyed', 'unchanged', 'canceled', 'canary'] as const;
export type MachineAction = (typeof machineActions)[number];

/**
 * Where a machine ended up. `destroyed` is a machine that existed before the release and was removed by it
 * (a bluegreen blue, a scale-down); `created-destroyed` one this release made and removed again.
 */
export const machineFinals = ['new', 'previous', 'created-destroyed', 'destroyed', 'unknown'] as const;
export type MachineFinal = (typeof machineFinals)[number];

export const timelinePhases = [
  'lease',
  'update',
  'started',
  'healthy',
  'failed',
  'rollback',
  'destroy',
  'create',
  'cordon',
  'uncordon',
  'stop',
  'release-command',
] as const;
export type TimelinePhase = (typeof timelinePhases)[number];

const machineConfigSchema = z.looseObject({ image: z.string() });

const machineRecordSchema = z.object({
  id: z.string(),
  region: z.string(),
  group: z.string(),
  action: z.enum(machineActions),
  previous: z
    .object({
      image: z.string(),
      config: machineConfigSchema.transform((config) => config as MachineConfig),
      version: z.string().optional(),
    })
    .nullable(),
  next: z.object({ image: z.string(), version: z.string().optional() }).nullable(),
  final: z.enum(machineFinals),
  state: z.string(),
  checks: z.array(z.object({ name: z.string(), status: z.string() })),
  timings: z.object({
    updateStartedAt: z.string().optional(),
    startedAt: z.string().optional(),
    healthyAt: z.string().optional(),
    finishedAt: z.string().optional(),
  }),
  error: z.string().optional(),
});

const timelineEntrySchema = z.object({
  /** Milliseconds since the release started. */
  at: z.number(),
  machineId: z.string(),
  phase: z.enum(timelinePhases),
  detail: z.string().optional(),
});

export const releaseRecordSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  /** `deploy` or `rollback`: what produced the record. */
  kind: z.enum(['deploy', 'rollback']),
  app: z.string(),
  image: z.string(),
  previousImage: z.string().nullable(),
  strategy: z.enum(strategies),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  outcome: z.enum(outcomes),
  error: z.string().optional(),
  /** What went wrong after the point of no return without undoing the release (blues left to destroy). */
  warnings: z.array(z.string()).optional(),
  releaseCommand: z
    .object({ machineId: z.string(), exitCode: z.number().nullable(), durationMs: z.number() })
    .optional(),
  machines: z.array(machineRecordSchema),
  timeline: z.array(timelineEntrySchema),
  apiCalls: z.unknown().optional(),
  /** A canary promotion's steps and their analyses (canary-promote); kept whole, read by its summary. */
  canary: z
    .looseObject({ decision: z.string(), stepReached: z.number(), steps: z.array(z.unknown()) })
    .optional(),
});

export type ReleaseRecord = z.infer<typeof releaseRecordSchema>;
export type MachineRecord = ReleaseRecord['machines'][number];
export type TimelineEntry = ReleaseRecord['timeline'][number];

/** A record as its file holds it. */
export function releaseRecordText(record: ReleaseRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

export async function writeReleaseRecord(path: string, record: ReleaseRecord): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, releaseRecordText(record));
}

/** Reads and validates a record; the error names the file and the first field that is wrong. */
export async function readReleaseRecord(path: string): Promise<ReleaseRecord> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  return parseReleaseRecord(json, path);
}

export function parseReleaseRecord(json: unknown, source = 'release record'): ReleaseRecord {
  const parsed = releaseRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new Error(`${source} is not a shipgate release record: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The image most machines ran, or null when there were none. Ties go to the image seen first. */
export function mostCommonImage(images: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const image of images) counts.set(image, (counts.get(image) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [image, count] of counts) {
    if (count > bestCount) {
      best = image;
      bestCount = count;
    }
  }
  return best;
}
