import DataLoader from 'dataloader';

/**
 * One bag of DataLoaders per GraphQL request: resolvers ask for a loader by its factory, so a
 * list of 20 items needs one query per relation, not 20. Lives in the request context and dies with it.
 */
export class RequestLoaders {
  private readonly loaders = new Map<unknown, DataLoader<unknown, unknown>>();

  get<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(factory) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => factory.load(keys), { maxBatchSize: 500 });
      this.loaders.set(factory, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

export interface LoaderFactory<K, V> {
  /** Must return one value (or null / an Error) per key, in key order. */
  load(keys: readonly K[]): Promise<(V | Error)[]>;
}

/** Orders rows to match keys, as DataLoader requires. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}
