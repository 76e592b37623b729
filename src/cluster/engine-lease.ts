import { Listeners } from "../listeners.ts";
import type { Logger } from "../log.ts";
import type { Broker } from "./broker.ts";

const KEY = "tickertape:engine";
/** Extend the lease only while this node holds it: one atomic step in Redis. */
const RENEW = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

/**
 * The election of the cluster's one engine: a Redis key set only if absent, with an expiry
 * (`leaseMs`), renewed at a third of it. A node that cannot renew (Redis down) holds the lease until
 * its own deadline passes, then gives it up; `onChange` says when this node gains or loses it.
 * (The database's engine term fences a node that still writes after losing it: see `EngineTerm`.)
 * @example const lease = new EngineLease(broker, { nodeId: "node-a", leaseMs: 5000 }, log); lease.onChange(run); lease.start();
 */
export class EngineLease {
  #holding = false;
  #deadline = 0;
  #holder: string | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #busy = false;
  readonly #changes = new Listeners<boolean>();

  constructor(
    private readonly broker: Pick<Broker, "command">,
    private readonly options: { nodeId: string; leaseMs: number; now?: () => number },
    private readonly log: Logger,
  ) {}

  get holding(): boolean {
    return this.#holding;
  }

  /** The node that held the lease when last asked (this one while it holds it); null if none or unknown. */
  get holder(): string | null {
    return this.#holding ? this.options.nodeId : this.#holder;
  }

  onChange(listener: (holding: boolean) => void): () => void {
    return this.#changes.add(listener);
  }

  start(): void {
    void this.tick();
    this.#timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
  }

  /** Stop campaigning; a held lease is released so another node takes over at once. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    if (!this.#holding) return;
    this.#set(false);
    await this.broker.command("EVAL", [RELEASE, "1", KEY, this.options.nodeId]).catch(() => undefined);
  }

  /** One round: renew the held lease, or try to take a free one. */
  async tick(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      await (this.#holding ? this.#renew() : this.#acquire());
    } finally {
      this.#busy = false;
    }
  }

  async #acquire(): Promise<void> {
    const { nodeId, leaseMs } = this.options;
    const started = this.#now();
    try {
      const taken = await this.broker.command("SET", [KEY, nodeId, "NX", "PX", String(leaseMs)]);
      if (taken === "OK") {
        this.#deadline = started + leaseMs;
        this.log.info("engine lease taken", { node: nodeId, leaseMs });
        this.#set(true);
        return;
      }
      this.#holder = ((await this.broker.command("GET", [KEY])) as string | null) ?? null;
    } catch {
      this.#holder = null;
    }
  }

  async #renew(): Promise<void> {
    const { nodeId, leaseMs } = this.options;
    const started = this.#now();
    try {
      const renewed = await this.broker.command("EVAL", [RENEW, "1", KEY, nodeId, String(leaseMs)]);
      if (renewed === 1) {
        this.#deadline = started + leaseMs;
        return;
      }
      this.log.error("engine lease lost: another node holds it", { node: nodeId });
      this.#set(false);
    } catch (error) {
      if (this.#now() < this.#deadline) return;
      this.log.error("engine lease expired: it could not be renewed", { node: nodeId, error });
      this.#set(false);
    }
  }

  #set(holding: boolean): void {
    if (holding === this.#holding) return;
    this.#holding = holding;
    this.#changes.emit(holding);
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }
}
