import type { Machine, MachineConfig } from '../machine-types';
import type { MachineAction, MachineFinal, MachineRecord, TimelineEntry, TimelinePhase } from './record';

/** Collects the per-machine entries and the timeline of one release while it runs. */
export class Recorder {
  readonly machines = new Map<string, MachineRecord>();
  readonly timeline: TimelineEntry[] = [];

  constructor(
    readonly startedAt: number,
    private readonly now: () => number,
  ) {}

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  mark(machineId: string, phase: TimelinePhase, detail?: string): void {
    this.timeline.push({
      at: Math.max(0, this.now() - this.startedAt),
      machineId,
      phase,
      ...(detail ? { detail } : {}),
    });
  }

  /** The entry of a machine that existed before the release. */
  addExisting(
    machine: Machine,
    group: string,
    action: MachineAction,
    previousConfig?: MachineConfig,
  ): MachineRecord {
    const config = previousConfig ?? machine.config;
    return this.add({
      id: machine.id,
      region: machine.region,
      group,
      action,
      previous: {
        image: config.image,
        config,
        ...(machine.version ? { version: machine.version } : {}),
      },
      next: null,
      final: 'previous',
      state: machine.state,
      checks: (machine.checks ?? []).map((check) => ({ name: check.name, status: check.status })),
      timings: {},
    });
  }

  /** The entry of a machine this release creates. */
  addCreated(machine: Machine, group: string, action: MachineAction, final: MachineFinal): MachineRecord {
    return this.add({
      id: machine.id,
      region: machine.region,
      group,
      action,
      previous: null,
      next: { image: machine.config.image, ...(machine.version ? { version: machine.version } : {}) },
      final,
      state: machine.state,
      checks: [],
      timings: { updateStartedAt: this.iso() },
    });
  }

  private add(entry: MachineRecord): MachineRecord {
    this.machines.set(entry.id, entry);
    return entry;
  }

  get(machineId: string): MachineRecord {
    const entry = this.machines.get(machineId);
    if (!entry) throw new Error(`no record entry for machine ${machineId}`);
    return entry;
  }
}
