// What users see while an action runs: each phase is one group of the log, and while a phase or a wait runs,
// a line at least every progress interval (30 s), so a five-minute bake is never five silent minutes.
import { formatDuration, parseDurationText } from './inputs';
import type { Logger } from './logger';

/** How long a phase or a wait may go without a line before the kit writes one. */
export const defaultProgressIntervalMs = 30_000;

/**
 * The progress interval from `SHIPGATE_PROGRESS_INTERVAL` (a duration: `30s`, `500ms`), else 30 s. The tests
 * shorten it so that a wait's progress lines show in seconds; an unreadable value keeps the default.
 */
export function progressIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.SHIPGATE_PROGRESS_INTERVAL?.trim();
  const ms = text ? parseDurationText(text) : undefined;
  return ms !== undefined && ms >= 10 ? ms : defaultProgressIntervalMs;
}

export interface ProgressOptions {
  intervalMs?: number;
  /** The run's cancellation: once aborted, no more progress lines (the step is ending). */
  signal?: AbortSignal;
}

interface Wait {
  what: string | (() => string);
  startedAt: number;
}

interface OpenPhase {
  name: string;
  startedAt: number;
}

/**
 * Wraps the host's Logger for one run. `log` is what the action and its packages get: its `group` is `phase`
 * and its `waitingFor` registers a wait. Phases never nest in the log (the runner does not nest groups): a
 * phase started inside another is a line of it. Whenever a phase or a wait has run for `intervalMs` with
 * nothing logged, one line says what is awaited and for how long. The timer is unref'd, so it never keeps the
 * process up, and stops at the end of the phases and waits, on cancellation and at `close`.
 */
export class Progress {
  readonly log: Logger;
  readonly #host: Logger;
  readonly #intervalMs: number;
  readonly #signal: AbortSignal | undefined;
  readonly #phases = new Set<OpenPhase>();
  readonly #waits = new Set<Wait>();
  #lastLineAt = Date.now();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #group: { end: () => void; ended: Promise<unknown> } | undefined;
  #closed = false;

  constructor(host: Logger, options: ProgressOptions = {}) {
    this.#host = host;
    this.#intervalMs = options.intervalMs ?? defaultProgressIntervalMs;
    this.#signal = options.signal;
    this.#signal?.addEventListener('abort', this.#stop, { once: true });
    const noted =
      <A extends unknown[]>(write: (...args: A) => void) =>
      (...args: A) => {
        this.#lastLineAt = Date.now();
        write(...args);
      };
    this.log = {
      // Shown only in debug mode: not a line the reader sees.
      debug: (message) => host.debug(message),
      info: noted((message: string) => host.info(message)),
      notice: noted((message, properties) => host.notice(message, properties)),
      warning: noted((message, properties) => host.warning(message, properties)),
      error: noted((message, properties) => host.error(message, properties)),
      group: (name, fn) => this.phase(name, fn),
      waitingFor: (what, fn) => this.waitingFor(what, fn),
    };
  }

  /**
   * Runs `fn` as one phase: a group of the log named `name`, ended before whatever `fn` throws is reported.
   * Inside another phase (or after `close`) it is a line of the open group instead.
   */
  async phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
    if (this.#group || this.#closed) {
      this.log.info(name);
      return this.#tracked({ name, startedAt: Date.now() }, fn);
    }
    let end!: () => void;
    const closing = new Promise<void>((resolve) => {
      end = resolve;
    });
    // Set before the host calls `fn`, which may start another phase before its first await.
    const group: { end: () => void; ended: Promise<unknown> } = { end, ended: closing };
    this.#group = group;
    let work!: Promise<T>;
    group.ended = this.#host.group(name, () => {
      this.#lastLineAt = Date.now();
      work = this.#tracked({ name, startedAt: Date.now() }, fn);
      // The group ends when the phase does, or earlier when the kit closes it to write the step's verdict.
      return Promise.race([work.then(noop, noop), closing]);
    });
    try {
      await group.ended;
    } finally {
      this.#group = undefined;
    }
    return work;
  }

  /**
   * Runs `fn`, a wait for `what` (read again at each progress line when it is a function). While it runs,
   * the progress line names it: `still waiting for <what> (<how long so far>)`.
   */
  async waitingFor<T>(what: string | (() => string), fn: () => Promise<T>): Promise<T> {
    const wait: Wait = { what, startedAt: Date.now() };
    this.#waits.add(wait);
    this.#schedule();
    try {
      return await fn();
    } finally {
      this.#waits.delete(wait);
      this.#stopWhenIdle();
    }
  }

  /** Ends the open group and stops the progress lines: the step's verdict is about to be written. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stop();
    this.#signal?.removeEventListener('abort', this.#stop);
    const group = this.#group;
    group?.end();
    await group?.ended;
  }

  async #tracked<T>(phase: OpenPhase, fn: () => Promise<T>): Promise<T> {
    this.#phases.add(phase);
    this.#schedule();
    try {
      return await fn();
    } finally {
      this.#phases.delete(phase);
      this.#stopWhenIdle();
    }
  }

  #schedule(): void {
    if (this.#timer || this.#closed || this.#signal?.aborted) return;
    if (this.#phases.size === 0 && this.#waits.size === 0) return;
    const due = this.#lastLineAt + this.#intervalMs - Date.now();
    this.#timer = setTimeout(this.#tick, Math.max(0, due));
    this.#timer.unref?.();
  }

  readonly #tick = () => {
    this.#timer = undefined;
    if (this.#closed || this.#signal?.aborted) return;
    if (this.#phases.size === 0 && this.#waits.size === 0) return;
    if (Date.now() - this.#lastLineAt >= this.#intervalMs) this.log.info(this.#progressLine());
    this.#schedule();
  };

  #stopWhenIdle(): void {
    if (this.#phases.size === 0 && this.#waits.size === 0) this.#stop();
  }

  readonly #stop = () => {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  };

  #progressLine(): string {
    const now = Date.now();
    const waits = [...this.#waits];
    if (waits.length > 0) {
      const shown = waits
        .slice(0, 3)
        .map((wait) => `${describe(wait.what)} (${elapsed(now - wait.startedAt)})`);
      const more = waits.length > 3 ? `; and ${waits.length - 3} more` : '';
      return `still waiting for ${shown.join('; ')}${more}`;
    }
    // The innermost phase: the one started last.
    const phase = [...this.#phases].at(-1) as OpenPhase;
    return `still running: ${phase.name} (${elapsed(now - phase.startedAt)})`;
  }
}

/** What a wait says it awaits; a description that throws must not take the run down from a timer. */
function describe(what: string | (() => string)): string {
  if (typeof what === 'string') return what;
  try {
    return what();
  } catch {
    return 'a wait that cannot say how far it has come';
  }
}

/** Whole seconds, as durations are written elsewhere: `45s`, `1m30s`. */
function elapsed(ms: number): string {
  return formatDuration(Math.floor(ms / 1000) * 1000);
}

function noop() {}
