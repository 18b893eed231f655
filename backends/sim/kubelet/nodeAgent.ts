// Per-node state of a kubelet: the containerd image store, the serialized image puller, the
// host-local IPAM of the node's pod CIDR, and the Node object it registers and keeps current
// (written only when something changes).
import type { Node } from '../../contract/types.js';
import type { Timer } from '../clock.js';
import type { SimContext } from '../context.js';
import { lookupImage, parseImage, preloadedImages, type RegistryImage } from './imageRegistry.js';
import { nodeObject, readyConditions, type NodeFacts } from './nodes.js';
import { rfc3339 } from '../clock.js';

/** host-local IPAM: addresses .2–.254 of the /24, handed out round robin after the last one given. */
export class PodIPAllocator {
  private readonly used = new Set<number>();
  private last = 1;
  private overflow = 0;
  constructor(private readonly facts: NodeFacts) {}

  allocate(): string {
    const base = this.facts.podCIDR.replace(/\.0\/24$/, '.');
    for (let i = 0; i < 253 && this.used.size < 253; i++) {
      const n = ((this.last - 2 + 1 + i) % 253) + 2;
      if (!this.used.has(n)) { this.used.add(n); this.last = n; return `${base}${n}`; }
    }
    // Deviation: a real /24 holds 253 pods (kubelet's maxPods is 110 anyway); the simulator runs
    // thousands of pods per node, so it continues in a range of its own once the /24 is full.
    const n = this.overflow++;
    return `10.${245 + this.facts.index}.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
  }

  /** Keeps an address a running pod already has (after the kubelet restarts). */
  reserve(ip: string | undefined): void {
    const base = this.facts.podCIDR.replace(/\.0\/24$/, '.');
    if (ip?.startsWith(base)) this.used.add(Number(ip.slice(base.length)));
  }

  /** Where round robin goes on from (kept across a kubelet restart by snapshots). */
  get cursor(): { last: number; overflow: number } { return { last: this.last, overflow: this.overflow }; }
  set cursor(c: { last: number; overflow: number }) { this.last = c.last; this.overflow = c.overflow; }

  release(ip: string | undefined): void {
    if (!ip) return;
    const base = this.facts.podCIDR.replace(/\.0\/24$/, '.');
    if (ip.startsWith(base)) this.used.delete(Number(ip.slice(base.length)));
  }
}

// nodeStatusUpdateFrequency: a changed node status (a new image) is posted within 10 s.
// Deviation: an unchanged status is never re-posted (a real kubelet re-posts it every 5 minutes
// and renews its Lease every 10 s), so conditions keep the heartbeat time of their last change.
const NODE_STATUS_UPDATE_MS = 10_000;

export class NodeAgent {
  readonly images = new Map<string, RegistryImage>();
  /** Pulls in flight: image -> when its layers are on disk. */
  readonly pulling = new Map<string, number>();
  /** The serialized puller is busy until then. */
  pullFreeAt = 0;
  readonly ipam: PodIPAllocator;
  failed = false;
  failedAt = 0;
  private statusTimer?: Timer;
  /** When the pending node status update (new images) is posted. */
  statusDueAt?: number;

  constructor(readonly facts: NodeFacts, private readonly ctx: SimContext) {
    this.ipam = new PodIPAllocator(facts);
    for (const image of preloadedImages(ctx.layout.version)) {
      const p = parseImage(image);
      if (!p.ok) continue;
      const found = lookupImage(p.ref);
      if (found.ok) this.images.set(p.ref.normalized, found.image);
    }
  }

  get name(): string { return this.facts.name; }

  /** node.status.images as the kubelet reports them: largest first, at most 50. */
  imageList(): Array<{ names: string[]; sizeBytes: number }> {
    return [...this.images.values()]
      .sort((a, b) => b.sizeBytes - a.sizeBytes)
      .slice(0, 50)
      .map((i) => ({ names: [i.imageID, i.ref.normalized], sizeBytes: i.sizeBytes }));
  }

  /** Registers the Node if it does not exist yet. */
  register(): void {
    if (this.ctx.api.tryGet('nodes', undefined, this.name)) return;
    this.ctx.api.create('nodes', nodeObject(this.facts, this.ctx.layout, this.ctx.clock.now(), this.ctx.random, this.imageList()));
  }

  /** A new image is on disk: the next node status update lists it. */
  imagesChanged(delayMs = NODE_STATUS_UPDATE_MS): void {
    if (this.statusTimer || this.failed) return;
    this.statusDueAt = this.ctx.clock.now() + delayMs;
    this.statusTimer = this.ctx.clock.setTimer(delayMs, () => {
      this.statusTimer = undefined;
      this.statusDueAt = undefined;
      if (this.failed) return;
      const node = this.ctx.api.tryGet('nodes', undefined, this.name) as Node | undefined;
      if (!node) return;
      this.ctx.api.update('nodes', { ...node, status: { ...node.status, images: this.imageList() } }, { subresource: 'status' });
    });
  }

  /** The kubelet posts Ready again after the node comes back. */
  postReady(): void {
    const node = this.ctx.api.tryGet('nodes', undefined, this.name) as Node | undefined;
    if (!node) return this.register();
    const nowIso = rfc3339(this.ctx.clock.now());
    const fresh = readyConditions(nowIso);
    const conditions = fresh.map((c) => {
      const old = node.status?.conditions?.find((o) => o.type === c.type);
      return old && old.status === c.status ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
    });
    this.ctx.api.update('nodes', { ...node, status: { ...node.status, conditions, images: this.imageList() } }, { subresource: 'status' });
  }

  stopTimers(): void {
    this.ctx.clock.clearTimer(this.statusTimer);
    this.statusTimer = undefined;
    this.statusDueAt = undefined;
  }
}
