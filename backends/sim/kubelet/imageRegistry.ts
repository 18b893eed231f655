// A fake container registry and the image references containerd understands: which images
// exist (known repositories with their real tags; any repository it does not know pulls fine),
// how big they are, their digests, and the errors containerd prints when a pull fails.
import { HEX_CODES, type Random } from '../random.js';

export interface ImageReference {
  /** `docker.io/library/nginx`: the repository, fully qualified. */
  repository: string;
  tag?: string;
  digest?: string;
  /** What the runtime reports as the container's image: `docker.io/library/nginx:1.25`. */
  normalized: string;
}

export type ParsedImage = { ok: true; ref: ImageReference } | { ok: false; error: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

// Every container start parses its image and asks the registry about it; both answers depend
// only on the text, so they are kept (read-only, shared) for the images in use.
const KEPT = 1024;
const parsedImages = new Map<string, ParsedImage>();
const lookups = new WeakMap<ImageReference, PullOutcome>();

/** docker/distribution's ParseNormalizedNamed, with the messages the kubelet wraps. */
export function parseImage(image: string): ParsedImage {
  let parsed = parsedImages.get(image);
  if (parsed === undefined) {
    if (parsedImages.size >= KEPT) parsedImages.clear();
    parsedImages.set(image, (parsed = parse(image)));
  }
  return parsed;
}

function parse(image: string): ParsedImage {
  const fail = (why: string): ParsedImage => ({ ok: false, error: `couldn't parse image name "${image}": ${why}` });
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); if (!DIGEST.test(digest)) return fail('invalid reference format'); }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); if (!TAG.test(tag)) return fail('invalid reference format'); }
  if (!rest) return fail('invalid reference format');
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost' || parts[0].toLowerCase() !== parts[0])) {
    domain = parts.shift()!;
  }
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (path.toLowerCase() !== path) return fail(`invalid reference format: repository name (${path}) must be lowercase`);
  if (!parts.every((p) => COMPONENT.test(p))) return fail('invalid reference format');
  const repository = `${domain}/${path}`;
  const normalized = digest ? `${repository}@${digest}` : `${repository}:${tag ?? 'latest'}`;
  return { ok: true, ref: { repository, tag: digest ? tag : tag ?? 'latest', digest, normalized } };
}

/** The pull policy the API server defaults to: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const parsed = parseImage(image);
  if (!parsed.ok) return 'IfNotPresent';
  const { ref } = parsed;
  if (ref.digest) return 'IfNotPresent';
  const explicitTag = image.slice(image.lastIndexOf('/') + 1).includes(':');
  return !explicitTag || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** 64 hex characters that depend only on the text: the same image has the same digest everywhere. */
export function stableHex(text: string, length = 64): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  // Eight hex digits per draw, most significant first; built as one flat string (a pod's token
  // is made of 96 of them, and a string appended piece by piece keeps every piece alive).
  const codes = new Array<number>(length);
  let s = h || 1;
  for (let i = 0; i < length; i += 8) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const word = (t ^ (t >>> 14)) >>> 0;
    for (let j = 0; j < 8 && i + j < length; j++) codes[i + j] = HEX_CODES[(word >>> (28 - 4 * j)) & 15];
  }
  return String.fromCharCode.apply(null, codes);
}

interface KnownRepository { tags: RegExp; size: number }

const MB = 1_000_000;
/** Repositories whose tags the registry knows: any other tag of these is "not found". */
const KNOWN: Record<string, KnownRepository> = {
  'docker.io/library/nginx': { tags: /^(latest|stable|mainline|alpine|alpine-slim|alpine-perl|perl|bookworm|otel|(stable|mainline)-(alpine|alpine-slim|perl|bookworm|otel)|1(\.([0-9]|1[0-9]|2[0-9])(\.\d{1,2})?)?(-(alpine|alpine-slim|alpine-perl|alpine-otel|perl|bookworm|bullseye|otel))?)$/, size: 72.2 * MB },
  'docker.io/library/mysql': { tags: /^(latest|lts|innovation|oracle|debian|(5(\.[5-7](\.\d{1,2})?)?|8(\.[0-4](\.\d{1,2})?)?|9(\.[0-4](\.\d{1,2})?)?)(-(oracle|debian|bookworm))?)$/, size: 137.9 * MB },
  'docker.io/spring2go/spring-petclinic': { tags: /^1\.0\.[01]\.RELEASE$/, size: 229.4 * MB },
  'docker.io/library/busybox': { tags: /^(latest|stable|musl|glibc|uclibc|1(\.\d{1,2}){0,2}(-(musl|glibc|uclibc))?)$/, size: 2.2 * MB },
  'docker.io/library/redis': { tags: /^(latest|alpine|bookworm|[4-8](\.\d{1,2}){0,2}(-(alpine|bookworm))?)$/, size: 45.9 * MB },
  'docker.io/library/httpd': { tags: /^(latest|alpine|2(\.4(\.\d{1,2})?)?(-alpine)?)$/, size: 58.3 * MB },
  'docker.io/library/alpine': { tags: /^(latest|edge|3(\.\d{1,2}){0,2})$/, size: 3.6 * MB },
  'docker.io/library/ubuntu': { tags: /^(latest|rolling|devel|jammy|noble|focal|bionic|\d\d\.\d\d)$/, size: 29.7 * MB },
  'registry.k8s.io/coredns/coredns': { tags: /^v1\.\d{1,2}\.\d{1,2}$/, size: 20.9 * MB },
  'registry.k8s.io/etcd': { tags: /^3\.\d\.\d{1,2}-0$/, size: 58.9 * MB },
  'registry.k8s.io/pause': { tags: /^3\.\d{1,2}$/, size: 0.32 * MB },
  'registry.k8s.io/kube-apiserver': { tags: /^v1\.\d{1,2}\.\d{1,2}$/, size: 30.1 * MB },
  'registry.k8s.io/kube-controller-manager': { tags: /^v1\.\d{1,2}\.\d{1,2}$/, size: 27.6 * MB },
  'registry.k8s.io/kube-scheduler': { tags: /^v1\.\d{1,2}\.\d{1,2}$/, size: 21.8 * MB },
  'registry.k8s.io/kube-proxy': { tags: /^v1\.\d{1,2}\.\d{1,2}$/, size: 31.9 * MB },
  'docker.io/kindest/kindnetd': { tags: /^v\d{8}-[0-9a-f]{8}$/, size: 39.0 * MB },
  'docker.io/kindest/local-path-provisioner': { tags: /^v\d{8}-[0-9a-f]{8}$/, size: 22.5 * MB },
  'docker.io/kindest/local-path-helper': { tags: /^v\d{8}-[0-9a-f]{8}$/, size: 3.1 * MB },
};

export interface RegistryImage {
  ref: ImageReference;
  sizeBytes: number;
  /** `docker.io/library/nginx@sha256:<64 hex>`: the container status imageID. */
  imageID: string;
}

export type PullOutcome = { ok: true; image: RegistryImage } | { ok: false; error: string };

/** What the registry answers for a reference: the image, or containerd's resolve error. */
export function lookupImage(ref: ImageReference): PullOutcome {
  let outcome = lookups.get(ref);
  if (outcome === undefined) lookups.set(ref, (outcome = lookup(ref)));
  return outcome;
}

function lookup(ref: ImageReference): PullOutcome {
  const known = KNOWN[ref.repository];
  if (known && !ref.digest && !known.tags.test(ref.tag ?? 'latest')) {
    const n = ref.normalized;
    return { ok: false, error: `rpc error: code = NotFound desc = failed to pull and unpack image "${n}": failed to resolve reference "${n}": ${n}: not found` };
  }
  const normalized = ref.normalized;
  const spread = parseInt(stableHex(`size:${normalized}`, 6), 16) / 0xffffff; // [0, 1)
  const base = known?.size ?? 20 * MB + spread * 280 * MB;
  const sizeBytes = Math.round(base * (0.95 + 0.1 * spread));
  // A made-up digest unless the reference names one.
  const digest = ref.digest ?? `sha256:${stableHex(`digest:${normalized}`)}`;
  return { ok: true, image: { ref, sizeBytes, imageID: `${ref.repository}@${digest}` } };
}

/** How long a pull of this many bytes takes: registry round trips plus 15–40 MB/s. */
export function pullDurationMs(sizeBytes: number, random: Random): number {
  return Math.round(300 + random.between(200, 600) + sizeBytes / (random.between(15, 40) * MB) * 1000);
}

/** A failed pull: resolving the reference takes a few round trips. */
export function failedPullDurationMs(random: Random): number {
  return Math.round(random.between(400, 1500));
}

/** A pull of an image whose layers are already there: only the manifest is fetched. */
export function refreshPullDurationMs(random: Random): number {
  return Math.round(random.between(300, 900));
}

/** The images a kind node image ships with, for the layout's Kubernetes version. */
export function preloadedImages(version: string): string[] {
  return [
    'docker.io/kindest/kindnetd:v20250512-df8de77b',
    'docker.io/kindest/local-path-helper:v20241212-8ac705d0',
    'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a',
    'registry.k8s.io/coredns/coredns:v1.12.0',
    'registry.k8s.io/etcd:3.5.21-0',
    `registry.k8s.io/kube-apiserver:${version}`,
    `registry.k8s.io/kube-controller-manager:${version}`,
    `registry.k8s.io/kube-proxy:${version}`,
    `registry.k8s.io/kube-scheduler:${version}`,
    'registry.k8s.io/pause:3.10',
  ];
}
