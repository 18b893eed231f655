// The API server as one generation of simulated components sees it: the same store, but the
// watches they open and the admission plugins and stored hooks they register belong to the
// generation, so stopping it detaches them all and the next generation starts clean.
import type { Watch } from '../../contract/backend.js';
import { ApiServer, type AdmissionPlugin, type StoredHook } from '../apiserver/apiServer.js';
import type { Clock } from '../clock.js';

export interface ComponentScope {
  readonly plugins: AdmissionPlugin[];
  readonly hooks: StoredHook[];
  readonly watches: Set<Watch>;
}

interface Dispatch { current: ComponentScope }
const dispatchers = new WeakMap<ApiServer, Dispatch>();

/** Registers once, on the real server, one plugin and one hook that run the current generation's. */
function dispatcherFor(api: ApiServer): Dispatch {
  let d = dispatchers.get(api);
  if (!d) {
    const dispatch: Dispatch = { current: { plugins: [], hooks: [], watches: new Set() } };
    api.use({ name: 'Components', admit: (ctx) => { for (const p of dispatch.current.plugins) p.admit(ctx); } });
    api.onStored((op, resource, obj, old) => { for (const h of dispatch.current.hooks) h(op, resource, obj, old); });
    dispatchers.set(api, (d = dispatch));
  }
  return d;
}

/** A view of `api` for a new generation of components, with `clock` as its clock. */
export function scopedApi(api: ApiServer, clock: Clock): { api: ApiServer; scope: ComponentScope } {
  const scope: ComponentScope = { plugins: [], hooks: [], watches: new Set() };
  dispatcherFor(api).current = scope;
  const view = Object.create(ApiServer.prototype) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(ApiServer.prototype)) {
    if (name === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(ApiServer.prototype, name)!;
    if (typeof d.value === 'function') view[name] = (d.value as (...a: unknown[]) => unknown).bind(api);
    else if (d.get) Object.defineProperty(view, name, { get: () => d.get!.call(api) });
  }
  const scoped = view as unknown as ApiServer;
  Object.assign(view, {
    clock,
    random: api.random,
    use: (p: AdmissionPlugin) => { scope.plugins.push(p); },
    onStored: (h: StoredHook) => { scope.hooks.push(h); },
    watch: (...args: Parameters<ApiServer['watch']>): Watch => {
      const w = api.watch(...args);
      scope.watches.add(w);
      return { stop: () => { scope.watches.delete(w); w.stop(); } };
    },
  });
  return { api: scoped, scope };
}

/** Detaches a generation: its watches stop, its plugins and hooks no longer run. */
export function endScope(api: ApiServer, scope: ComponentScope): void {
  for (const w of scope.watches) w.stop();
  scope.watches.clear();
  scope.plugins.length = 0;
  scope.hooks.length = 0;
  const d = dispatchers.get(api);
  if (d && d.current === scope) d.current = { plugins: [], hooks: [], watches: new Set() };
}
