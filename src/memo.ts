/**
 * `compute` run once per key object, its result kept as long as the key lives (a `WeakMap`):
 * what is rendered or serialised once per tick or per version is then shared by every reader.
 * @example const frameOf = memoByIdentity((tick: Tick) => formatEvent({ data: JSON.stringify(tick) }));
 */
export function memoByIdentity<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const results = new WeakMap<K, V>();
  return (key) => {
    if (results.has(key)) return results.get(key) as V;
    const value = compute(key);
    results.set(key, value);
    return value;
  };
}

/** A value per key, kept until its version changes (see `memoByVersion`). */
export type VersionedMemo<V> = (key: string, version: readonly unknown[], compute: () => V) => V;

/**
 * The last value computed for each key, computed again only when its version (values compared
 * with `===`, such as the latest tick and the feed's health) changed: a page rendered once per
 * change for every visitor.
 * @example const pages = memoByVersion<string>(); pages("AAPL", [latestTick, feed], () => render("AAPL"));
 */
export function memoByVersion<V>(): VersionedMemo<V> {
  const last = new Map<string, { version: readonly unknown[]; value: V }>();
  return (key, version, compute) => {
    const hit = last.get(key);
    if (hit && hit.version.length === version.length && hit.version.every((v, i) => v === version[i])) return hit.value;
    const value = compute();
    last.set(key, { version, value });
    return value;
  };
}
