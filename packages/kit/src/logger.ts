/** Where an annotation points; the same fields as @actions/core's AnnotationProperties. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/**
 * What packages may use to report progress. Packages never import @actions/core: the kit hands
 * them a Logger backed by the runner, the terminal or a test recorder.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  /** A phase of the work, shown as one group of the log; the kit's logger never nests them. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn`, a wait for `what` ("machine 1857 [app] to pass its health checks"). The kit's logger writes
   * `still waiting for <what> (<how long so far>)` whenever nothing was logged for 30 s while it runs; `what`
   * may be a function, read at each such line, saying how far the wait has come ("… 12 of 40 written").
   */
  waitingFor<T>(what: string | (() => string), fn: () => Promise<T>): Promise<T>;
}

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'group';

export interface LogEntry {
  level: LogLevel;
  message: string;
  properties?: AnnotationProperties;
}

/** A Logger that keeps every entry, for tests and for hosts that render later. */
export interface RecordingLogger extends Logger {
  readonly entries: LogEntry[];
}

export function createRecordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const push = (level: LogLevel) => (message: string, properties?: AnnotationProperties) => {
    entries.push(properties ? { level, message, properties } : { level, message });
  };
  return {
    entries,
    debug: push('debug'),
    info: push('info'),
    notice: push('notice'),
    warning: push('warning'),
    error: push('error'),
    async group(name, fn) {
      entries.push({ level: 'group', message: name });
      return fn();
    },
    waitingFor: (_what, fn) => fn(),
  };
}

/** A Logger that drops everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  notice() {},
  warning() {},
  error() {},
  group: (_name, fn) => fn(),
  waitingFor: (_what, fn) => fn(),
};
