/** Built once per shape: writers ask for the same few (a full statement, and the last one of a batch). */
const built = new Map<string, string>();

/**
 * The `VALUES` list of a multi-row statement: `rows` groups of `columns` placeholders. Callers
 * bound `rows` (a statement per at most a few hundred rows), which bounds what is kept.
 * @example `INSERT INTO t (a, b) VALUES ${valuesPlaceholders(2, 2)}` // … VALUES (?, ?), (?, ?)
 */
export function valuesPlaceholders(rows: number, columns: number): string {
  const shape = `${rows}x${columns}`;
  let values = built.get(shape);
  if (values === undefined) {
    values = Array(rows)
      .fill(`(${Array(columns).fill("?").join(", ")})`)
      .join(", ");
    built.set(shape, values);
  }
  return values;
}
