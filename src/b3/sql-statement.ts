import type { InValue } from "@libsql/client";

/**
 * A statement with positional arguments: what the row and state statements are, whichever
 * connection runs them (`@libsql/client` takes it as it is, `libsql`'s driver prepares `sql`).
 * @example const statement: SqlStatement = { sql: "UPDATE imports SET lines_read = ? WHERE id = ?", args: [10, 1] };
 */
export interface SqlStatement {
  sql: string;
  args: InValue[];
}
