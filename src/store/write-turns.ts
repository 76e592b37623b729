import type { Client, InArgs, InStatement, ResultSet, TransactionMode } from "@libsql/client";

/** How often a writer waiting for its turn looks again. */
const POLL_MS = 1;
/** The app waits this long at most (the connections' busy timeout), then writes anyway and lets SQLite wait. */
const APP_WAIT_MS = 5000;
const APP = 0;
const IMPORT = 1;

/**
 * The app's threads take turns at the write lock of one `file:` database: the server's (the app's writes:
 * ticks, portfolios, uploads) and the import worker's (rows, index builds). The `libsql` driver waits for a
 * held lock synchronously, which froze the server's event loop for as long as an import's transaction or
 * index build held it; here each side announces its writes in a counter the threads share and waits, without
 * blocking, while the other side writes. The app goes first: an import yields whenever an app write waits.
 * @example const turns = new WriteTurns(); … await turns.app(() => db.execute("INSERT …"));
 */
export class WriteTurns {
  readonly #writers: Int32Array;

  /** `shared`: the counters of the other thread's WriteTurns (`turns.shared`), or new ones. */
  constructor(readonly shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)) {
    this.#writers = new Int32Array(shared);
  }

  /** Run the app's `write` once no import write runs (or after APP_WAIT_MS). */
  async app<T>(write: () => Promise<T>): Promise<T> {
    Atomics.add(this.#writers, APP, 1);
    try {
      const giveUpAt = Date.now() + APP_WAIT_MS;
      while (Atomics.load(this.#writers, IMPORT) > 0 && Date.now() < giveUpAt) await Bun.sleep(POLL_MS);
      return await write();
    } finally {
      Atomics.sub(this.#writers, APP, 1);
    }
  }

  /** Run an import's `write` once no app write runs or waits. */
  async import<T>(write: () => Promise<T>): Promise<T> {
    // Announce, then look (as `app` does): of two writers that announce at once, at least one sees the other.
    for (;;) {
      Atomics.add(this.#writers, IMPORT, 1);
      if (Atomics.load(this.#writers, APP) === 0) break;
      Atomics.sub(this.#writers, IMPORT, 1);
      await Bun.sleep(POLL_MS);
    }
    try {
      return await write();
    } finally {
      Atomics.sub(this.#writers, IMPORT, 1);
    }
  }

  /** The import worker is gone, with whatever turn it had: the app no longer waits for it. */
  importerGone(): void {
    Atomics.store(this.#writers, IMPORT, 0);
  }
}

const isRead = (statement: InStatement): boolean =>
  /^\s*SELECT\b/i.test(typeof statement === "string" ? statement : statement.sql);

/**
 * `client`, its writes run in turns by `take` (`turns.app` or `turns.import`); reads (SELECT, outside a
 * write batch) go at once.
 * `transaction()` is not taken in turns: its lock lasts until the caller commits.
 * @example const db = takingTurns(createClient({ url }), (write) => turns.app(write));
 */
export function takingTurns(client: Client, take: <T>(write: () => Promise<T>) => Promise<T>): Client {
  // Both of `execute`'s overloads: a statement, or its SQL and arguments.
  const execute = (client.execute as (statement: InStatement, args?: InArgs) => Promise<ResultSet>).bind(client);
  const batch = client.batch.bind(client);
  const executeMultiple = client.executeMultiple.bind(client);
  const migrate = client.migrate.bind(client);
  const turns: Partial<Client> = {
    execute: ((statement: InStatement, args?: InArgs) =>
      isRead(statement) ? execute(statement, args) : take(() => execute(statement, args))) as Client["execute"],
    batch: (statements: InStatement[], mode?: TransactionMode) =>
      mode !== "write" && statements.every(isRead) ? batch(statements, mode) : take(() => batch(statements, mode)),
    executeMultiple: (sql: string) => take(() => executeMultiple(sql)),
    migrate: (statements: InStatement[]) => take(() => migrate(statements)),
  };
  return new Proxy(client, {
    get(target, key) {
      if (key in turns) return turns[key as keyof Client];
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
