import type { Client, InStatement } from "@libsql/client";
import type { Migration } from "../store/migrations.ts";

/**
 * The engine's term in the database: a number raised by each node that becomes the engine. Every
 * tick batch carries a check of it, so a node that lost the lease but still writes (paused, cut off
 * from Redis) has its batch refused by the database: none of its ticks is committed or published.
 */
export const CLUSTER_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    statements: [
      `CREATE TABLE engine_term (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         term INTEGER NOT NULL,
         node TEXT NOT NULL,
         since INTEGER NOT NULL
       )`,
      "INSERT INTO engine_term (id, term, node, since) VALUES (1, 0, '', 0)",
      // A row may enter only with ok = 0: the fence inserts ok = 1 when the term is not its own.
      "CREATE TABLE engine_fence (ok INTEGER NOT NULL CHECK (ok = 0))",
    ],
  },
];

/** The message of the constraint a fenced batch breaks. */
const FENCED = /CHECK constraint failed: (engine_fence|ok = 0)/;

/**
 * Begin this node's term as the engine, and fence off every earlier one.
 * @example const term = await beginTerm(db, "node-a"); writer.fence(fenceOf(term));
 */
export async function beginTerm(db: Client, node: string): Promise<number> {
  const result = await db.execute({
    sql: "UPDATE engine_term SET term = term + 1, node = ?, since = ? WHERE id = 1 RETURNING term",
    args: [node, Date.now()],
  });
  return Number(result.rows[0]?.term);
}

/**
 * The statement that fails its transaction unless `term` is still the engine's term.
 * @example await db.batch([fenceOf(3), ...inserts], "write");
 */
export const fenceOf = (term: number): InStatement => ({
  sql: "INSERT INTO engine_fence (ok) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM engine_term WHERE id = 1 AND term = ?)",
  args: [term],
});

/** Whether `error` is the refusal of a fenced batch (a newer engine's term began). */
export const isFenced = (error: unknown): boolean => error instanceof Error && FENCED.test(error.message);
