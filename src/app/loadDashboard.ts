// Loads the dashboard (Ink, React, Yoga) only when one is opened.
//
// Yoga's wasm loader fetches its inlined wasm through `fetch` when one exists; in Node 20 the first
// use of `fetch` loads the whole of undici (~75 ms of a cold start). Without `fetch` it decodes
// the same bytes directly, so `fetch` is hidden while the dashboard's modules load.
export async function loadDashboard(): Promise<typeof import('./index.js')> {
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchProperty?.configurable) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await import('./index.js');
  } finally {
    if (fetchProperty?.configurable) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
}
