import type { GuestConfig } from '../machine-types';
import type { ComputeSection } from './schema';

export const defaultVmSize = 'shared-cpu-1x';
const defaultGpuVmSize = 'a100-40gb';
const gpuPresets = new Set(['a100-40gb', 'a100-80gb', 'l40s', 'a10']);

/**
 * The guest of a Fly size preset (fly-go `MachinePresets`): `shared-cpu-Nx` is N shared CPUs with 256 MB each,
 * `performance-Nx` N performance CPUs with 2048 MB each, GPU presets 8 performance CPUs, 32 GB and one GPU.
 */
export function guestForSize(size: string): GuestConfig {
  const preset = /^(shared-cpu|performance)-(\d+)x$/.exec(size);
  if (preset && [1, 2, 4, 8, 16].includes(Number(preset[2]))) {
    const cpus = Number(preset[2]);
    const shared = preset[1] === 'shared-cpu';
    return { cpu_kind: shared ? 'shared' : 'performance', cpus, memory_mb: cpus * (shared ? 256 : 2048) };
  }
  if (gpuPresets.has(size)) {
    return { cpu_kind: 'performance', cpus: 8, memory_mb: 32 * 1024, gpus: 1, gpu_kind: size };
  }
  throw new Error(
    `unknown VM size '${size}': use shared-cpu-Nx or performance-Nx (N = 1, 2, 4, 8, 16), or a GPU size (${[...gpuPresets].join(', ')})`,
  );
}

/** The guest a `[[vm]]`/`[[compute]]` section asks for: its size preset, then `memory`, then explicit fields. */
export function guestFromCompute(compute: Omit<ComputeSection, 'processes'>): GuestConfig {
  const size = compute.size ?? (compute.gpu_kind ? defaultGpuVmSize : defaultVmSize);
  const guest = guestForSize(size);
  if (compute.memory !== undefined) guest.memory_mb = compute.memory;
  const explicit: GuestConfig = {
    cpu_kind: compute.cpu_kind,
    cpus: compute.cpus,
    memory_mb: compute.memory_mb,
    gpus: compute.gpus,
    gpu_kind: compute.gpu_kind,
    kernel_args: compute.kernel_args,
    host_dedication_id: compute.host_dedication_id,
    persist_rootfs: compute.persist_rootfs,
  };
  for (const [key, value] of Object.entries(explicit)) if (value !== undefined) guest[key] = value;
  return guest;
}
