import { RedisClient } from "bun";
import { ExponentialBackoff, handleAll, retry } from "cockatiel";
import { Listeners } from "../listeners.ts";
import type { Logger } from "../log.ts";

/** What the nodes tell each other, one Redis channel each (prefixed `tickertape:`). */
export type Channel = "ticks" | "feed" | "quotes" | "portfolios" | "imports";

/** The broker's connection as health checks report it. */
export interface BrokerHealth {
  connected: boolean;
  /** Since when it is down (epoch ms); null while connected. */
  downSince: number | null;
  lastError: string | null;
}

const PREFIX = "tickertape:";
const CONNECT_TIMEOUT_MS = 2_000;

const newClient = (url: string) =>
  new RedisClient(url, {
    connectionTimeout: CONNECT_TIMEOUT_MS,
    autoReconnect: false,
    enableOfflineQueue: false,
  });

/**
 * Redis as the nodes' message broker: one connection for commands and publishing, one for
 * subscriptions (a subscribed Redis connection takes no other command). A lost connection is
 * reopened behind a cockatiel retry with exponential backoff (100 ms … 5 s, for ever), and the
 * channels subscribed again; meanwhile `publish` and `command` fail at once (nothing queues up).
 * @example const broker = new Broker("redis://127.0.0.1:6379", log); await broker.start(); broker.subscribe("ticks", onTicks);
 */
export class Broker {
  #commands: RedisClient;
  #subscriber: RedisClient;
  readonly #channels = new Map<Channel, (message: string) => void>();
  readonly #changes = new Listeners<BrokerHealth>();
  #health: BrokerHealth = { connected: false, downSince: Date.now(), lastError: null };
  #reconnecting: Promise<void> | undefined;
  #stopped = false;
  readonly #abort = new AbortController();
  readonly #policy = retry(handleAll, {
    maxAttempts: Number.POSITIVE_INFINITY,
    backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 5_000 }),
  });

  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {
    this.#commands = newClient(url);
    this.#subscriber = newClient(url);
  }

  get health(): BrokerHealth {
    return this.#health;
  }

  /** Call `listener` when the connection is lost, fails anew or is back; returns the function that stops it. */
  onChange(listener: (health: BrokerHealth) => void): () => void {
    return this.#changes.add(listener);
  }

  /** Connect, retrying in the background when Redis is not there yet (the node starts anyway). */
  start(): Promise<void> {
    return this.#reconnect();
  }

  stop(): void {
    this.#stopped = true;
    this.#abort.abort();
    this.#commands.close();
    this.#subscriber.close();
  }

  /** Publish to every node (this one included, if subscribed); throws while the broker is down. */
  async publish(channel: Channel, message: string): Promise<void> {
    await this.#commands.publish(PREFIX + channel, message);
  }

  /** One Redis command on the command connection; throws while the broker is down. */
  command(name: string, args: string[]): Promise<unknown> {
    return this.#commands.send(name, args);
  }

  /** Take every message of `channel` (one listener per channel), again after each reconnection. */
  subscribe(channel: Channel, listener: (message: string) => void): void {
    this.#channels.set(channel, listener);
    if (this.#health.connected) void this.#subscribeOn(this.#subscriber, channel, listener);
  }

  #reconnect(): Promise<void> {
    this.#reconnecting ??= this.#policy
      .execute(() => this.#connect(), this.#abort.signal)
      .catch((error: unknown) => {
        if (!this.#stopped) this.log.error("the broker cannot be reached", { error });
      })
      .finally(() => {
        this.#reconnecting = undefined;
      });
    return this.#reconnecting;
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    this.#commands.close();
    this.#subscriber.close();
    const commands = newClient(this.url);
    const subscriber = newClient(this.url);
    try {
      await Promise.all([commands.connect(), subscriber.connect()]);
      for (const [channel, listener] of this.#channels) await this.#subscribeOn(subscriber, channel, listener);
    } catch (error) {
      commands.close();
      subscriber.close();
      this.#down(error);
      throw error;
    }
    this.#commands = commands;
    this.#subscriber = subscriber;
    const lost = (error: Error) => {
      if (this.#stopped || commands !== this.#commands) return;
      this.#down(error);
      void this.#reconnect();
    };
    commands.onclose = lost;
    subscriber.onclose = lost;
    if (!this.#health.connected) this.log.info("broker connected", { url: this.url.replace(/\/\/[^@]*@/, "//…@") });
    this.#set({ connected: true, downSince: null, lastError: null });
  }

  async #subscribeOn(client: RedisClient, channel: Channel, listener: (message: string) => void): Promise<void> {
    await client.subscribe(PREFIX + channel, (message) => listener(message));
  }

  #down(error: unknown): void {
    const lastError = error instanceof Error ? error.message : String(error);
    if (this.#health.connected) this.log.error("broker connection lost", { error: lastError });
    this.#set({ connected: false, downSince: this.#health.downSince ?? Date.now(), lastError });
  }

  #set(health: BrokerHealth): void {
    const changed = health.connected !== this.#health.connected || health.lastError !== this.#health.lastError;
    this.#health = health;
    if (changed) this.#changes.emit(health);
  }
}
