export interface PoolResult<T> {
  /** Every item's worker succeeded. */
  ok: boolean;
  /** Items never handed to a worker because something failed or `keepGoing` said stop. */
  notStarted: T[];
}

/**
 * Runs `worker` over `items` with at most `size` in flight: a continuous pool, so a free slot takes the
 * next item at once instead of waiting for a whole batch. After a failure (a worker returns false) or
 * once `keepGoing` answers false, no new item starts; the ones in flight are awaited.
 */
export async function runPool<T>(
  items: readonly T[],
  size: number,
  worker: (item: T) => Promise<boolean>,
  keepGoing: () => boolean = () => true,
): Promise<PoolResult<T>> {
  const queue = [...items];
  let ok = true;
  const lane = async (): Promise<void> => {
    while (ok && keepGoing()) {
      const item = queue.shift();
      if (item === undefined) return;
      if (!(await worker(item))) ok = false;
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(size, queue.length)) }, lane);
  await Promise.all(lanes);
  return { ok: ok && queue.length === 0, notStarted: queue };
}
