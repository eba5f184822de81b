import type {
  App,
  AppSecret,
  LaunchMachineInput,
  Lease,
  Machine,
  MachineVersion,
  WaitState,
} from './machine-types';

/** A lease nonce for a call on a leased machine; omitted when the machine is not leased by us. */
export interface WithNonce {
  nonce?: string;
}

/**
 * The Machines API calls shipgate makes. `FlyClient` implements it over HTTP; the deploy engine only
 * sees this interface. Every method throws `FlyApiError` for an answer over 299, after the retries that
 * are safe for that call.
 */
export interface FlyApi {
  getApp(app: string): Promise<App>;
  createApp(input: { name: string; org: string; network?: string }): Promise<App>;

  listMachines(app: string, options?: { region?: string; includeDeleted?: boolean }): Promise<Machine[]>;
  getMachine(app: string, id: string): Promise<Machine>;
  /** With `lease_ttl` the machine comes back leased, its nonce in `machine.nonce`. */
  createMachine(app: string, input: LaunchMachineInput): Promise<Machine>;
  updateMachine(app: string, id: string, input: LaunchMachineInput, options?: WithNonce): Promise<Machine>;
  destroyMachine(app: string, id: string, options?: WithNonce & { force?: boolean }): Promise<void>;
  startMachine(app: string, id: string, options?: WithNonce): Promise<void>;
  stopMachine(
    app: string,
    id: string,
    options?: WithNonce & { signal?: string; timeout?: string },
  ): Promise<void>;
  restartMachine(app: string, id: string, options?: WithNonce): Promise<void>;
  cordonMachine(app: string, id: string, options?: WithNonce): Promise<void>;
  uncordonMachine(app: string, id: string, options?: WithNonce): Promise<void>;
  listVersions(app: string, id: string): Promise<MachineVersion[]>;

  /**
   * One long-poll on the wait endpoint (timeout clamped to 1..60 s). Resolves when the machine is in one
   * of the states; rejects with FlyApiError (408 on timeout, 400 when the state can't be reached, 404 gone).
   */
  waitOnce(
    app: string,
    id: string,
    options: { states: WaitState[]; timeoutSeconds: number; version?: string },
  ): Promise<void>;
  /**
   * Repeats `waitOnce` until the machine reaches a state or `deadline` (epoch ms) passes; retries 408 and
   * transient errors; never a busy loop. With `states` containing `destroyed`, 404 counts as reached.
   */
  waitForState(
    app: string,
    id: string,
    options: { states: WaitState[]; deadline: number; version?: string; signal?: AbortSignal },
  ): Promise<void>;

  acquireLease(
    app: string,
    id: string,
    options: { ttlSeconds: number; description?: string },
  ): Promise<Lease>;
  /** Refreshes a lease we hold: same nonce back, new expiry. */
  refreshLease(app: string, id: string, options: { ttlSeconds: number; nonce: string }): Promise<Lease>;
  /** Releases a lease we hold; a machine already gone (404) is not an error. */
  releaseLease(app: string, id: string, nonce: string): Promise<void>;

  getMetadata(app: string, id: string): Promise<Record<string, string>>;
  setMetadata(app: string, id: string, key: string, value: string, options?: WithNonce): Promise<void>;
  deleteMetadata(app: string, id: string, key: string, options?: WithNonce): Promise<void>;

  listSecrets(app: string): Promise<AppSecret[]>;
  /** Bulk update: a string sets, null deletes. Returns the app's new secrets version. */
  updateSecrets(app: string, values: Record<string, string | null>): Promise<{ version: number }>;
}
