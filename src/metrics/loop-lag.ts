/**
 * Event-loop lag by timer drift: a timer asks to run every `intervalMs`; how late it runs is the lag.
 * `unref`'d, so it never keeps the process alive.
 * @example const lag = new LoopLag(); lag.start(); lag.lastSeconds;
 */
export class LoopLag {
  /** The drift of the last sample, in seconds. */
  lastSeconds = 0;
  /** The largest drift since the last `takeMaxSeconds()`, in seconds. */
  #maxSeconds = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs = 500,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    if (this.#timer) return;
    const schedule = () => {
      const expected = this.now() + this.intervalMs;
      this.#timer = setTimeout(() => {
        this.lastSeconds = Math.max(0, this.now() - expected) / 1000;
        this.#maxSeconds = Math.max(this.#maxSeconds, this.lastSeconds);
        schedule();
      }, this.intervalMs);
      this.#timer.unref?.();
    };
    schedule();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The worst drift since the previous call (a scrape), then start over. */
  takeMaxSeconds(): number {
    const max = Math.max(this.#maxSeconds, this.lastSeconds);
    this.#maxSeconds = 0;
    return max;
  }
}
