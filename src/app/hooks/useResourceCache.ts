// Keeps a ResourceCache open while the screen that shows it is on view, and re-renders the screen
// when the cache publishes (at most once per frame interval).
import { useEffect, useState } from 'react';
import type { Backend, ListOptions } from '../../../backends/contract/backend.js';
import type { ResourceName } from '../../../backends/contract/resources.js';
import type { ObjectOf } from '../../../backends/contract/types.js';
import { ResourceCache, type CacheSnapshot, type ResourceCacheOptions } from '../../store/resourceCache.js';

const LOADING: CacheSnapshot<never> = { items: [], status: 'loading', version: -1 };

export function useResourceCache<R extends ResourceName>(
  backend: Backend, resource: R | undefined, query: ListOptions, opts: ResourceCacheOptions,
): CacheSnapshot<ObjectOf[R]> {
  const [snap, setSnap] = useState<CacheSnapshot<ObjectOf[R]>>(LOADING);
  const key = resource ? JSON.stringify([resource, query.namespace ?? null, query.labelSelector ?? null, query.fieldSelector ?? null]) : '';
  useEffect(() => {
    if (!resource) return;
    setSnap(LOADING);
    const cache = new ResourceCache(backend, resource, query, opts);
    const off = cache.subscribe(() => setSnap(cache.snapshot()));
    cache.start();
    return () => { off(); cache.stop(); };
    // The query is captured by `key`; options are fixed for the dashboard's lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend, key]);
  return snap;
}
