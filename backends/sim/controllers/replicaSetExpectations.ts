// ControllerExpectations (pkg/controller/controller_utils.go): after creating or deleting pods
// a ReplicaSet is not scaled again until its informer has observed those writes, so a sync
// that runs on a cache one tick behind cannot create or delete the same pods twice.

/** Expectations older than this are considered satisfied (ExpectationsTimeout). */
const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Pending { creates: Set<string>; deletes: Set<string>; since: number }

export class ReplicaSetExpectations {
  private readonly byKey = new Map<string, Pending>();

  constructor(private readonly now: () => number) {}

  private entry(key: string): Pending {
    let e = this.byKey.get(key);
    if (!e) this.byKey.set(key, (e = { creates: new Set(), deletes: new Set(), since: this.now() }));
    return e;
  }

  expectCreation(key: string, podUid: string): void {
    const e = this.entry(key);
    if (e.creates.size === 0 && e.deletes.size === 0) e.since = this.now();
    e.creates.add(podUid);
  }

  expectDeletion(key: string, podUid: string): void {
    const e = this.entry(key);
    if (e.creates.size === 0 && e.deletes.size === 0) e.since = this.now();
    e.deletes.add(podUid);
  }

  creationObserved(key: string, podUid: string): void { this.byKey.get(key)?.creates.delete(podUid); }

  deletionObserved(key: string, podUid: string): void { this.byKey.get(key)?.deletes.delete(podUid); }

  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e || (e.creates.size === 0 && e.deletes.size === 0)) return true;
    if (this.now() - e.since <= EXPECTATIONS_TIMEOUT_MS) return false;
    this.byKey.delete(key);
    return true;
  }

  forget(key: string): void { this.byKey.delete(key); }
}
