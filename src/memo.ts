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
