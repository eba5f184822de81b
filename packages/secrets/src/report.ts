// The record of a run: names, actions, times and reasons — never a value, a digest or a part of a value.
import type { AgeItem } from './age';
import type { WriteOperation, WriteResult } from './apply';
import type { FlyRestartNote } from './fly-machines';
import type { ParityItem } from './parity';
import type { PlanAction, PlanItem } from './plan';
import type { Violation } from './rules';
import type { VerificationItem } from './verify';

export interface MirrorTargetInfo {
  mirror: string;
  /** `github:environment:acme/shop/staging`, `fly:shop-staging`: what plan items and results name. */
  id: string;
  label: string;
  kind: 'github' | 'fly';
}

export interface Failure {
  mirror: string;
  target: string;
  operation: WriteOperation | 'read' | 'restart-machines';
  names: string[];
  error: string;
  permission?: string;
}

export interface MirrorReport {
  /** False on violations, failed reads or writes, failed verification, failed restarts, or overdue secrets with failOnOverdue. */
  ok: boolean;
  dryRun: boolean;
  rotate: boolean;
  targets: MirrorTargetInfo[];
  plan: PlanItem[];
  counts: Record<PlanAction, number>;
  /** Write requests made (including the state variables); 0 when nothing changed. */
  writes: number;
  results: WriteResult[];
  failures: Failure[];
  verification: VerificationItem[];
  ages: AgeItem[];
  overdue: number;
  parity: ParityItem[];
  violations: Violation[];
  fly: FlyRestartNote[];
  warnings: string[];
}
