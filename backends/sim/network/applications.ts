// What the simulated applications answer: the petclinic images on 8080 with their version and
// configuration, mysql on 3306, known images on their usual ports, anything else on the ports
// its containers declare.
import type { ContainerView } from '../context.js';

export interface ImageRef { repository: string; tag: string }

/** `docker.io/spring2go/spring-petclinic:1.0.1.RELEASE` -> repository `spring2go/spring-petclinic`, tag `1.0.1.RELEASE`. */
export function parseImage(image: string): ImageRef {
  let rest = image.split('@')[0];
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : 'latest';
  if (colon > slash) rest = rest.slice(0, colon);
  const parts = rest.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  if (parts.length === 2 && parts[0] === 'library') parts.shift();
  return { repository: parts.join('/'), tag };
}

/** Ports the well-known images listen on whether or not the pod declares them. */
const KNOWN_PORTS: Array<[RegExp, number[]]> = [
  [/(^|\/)spring-petclinic$/, [8080]],
  [/(^|\/)mysql$/, [3306, 33060]],
  [/(^|\/)(nginx|httpd)$/, [80]],
  [/(^|\/)redis$/, [6379]],
  [/(^|\/)coredns$/, [53, 8080, 8181, 9153]],
  [/(^|\/)kube-apiserver$/, [6443]],
  [/(^|\/)etcd$/, [2379, 2380, 2381]],
  [/(^|\/)kube-controller-manager$/, [10257]],
  [/(^|\/)kube-scheduler$/, [10259]],
  [/(^|\/)kube-proxy$/, [10249, 10256]],
];

export function listensOn(image: string, declared: number[], port: number): boolean {
  if (declared.includes(port)) return true;
  const { repository } = parseImage(image);
  return KNOWN_PORTS.find(([re]) => re.test(repository))?.[1].includes(port) ?? false;
}

export function isPetclinic(image: string): boolean { return /(^|\/)spring-petclinic$/.test(parseImage(image).repository); }
export function isMysql(image: string): boolean { return /(^|\/)mysql$/.test(parseImage(image).repository); }

export interface DatabaseCheck { ok: boolean; detail: string }

export interface AppAnswer { status?: number; version: string; body: string }

export interface Caller {
  pod: string;
  ip: string;
  /** Connects to a database URL's host and port from the pod (through DNS and Services). */
  database(url: string): DatabaseCheck;
}

/** Files a pod sees that are not the application's own configuration. */
function isConfigFile(path: string): boolean {
  return !path.startsWith('/var/run/secrets/kubernetes.io/') && path !== '/etc/resolv.conf' && path !== '/etc/hosts';
}

export function answer(view: Pick<ContainerView, 'image' | 'env' | 'files'>, port: number, path: string, caller: Caller): AppAnswer {
  const { tag } = parseImage(view.image);
  if (isPetclinic(view.image)) {
    const lines = [`Spring PetClinic ${tag}`, `Served by ${caller.pod} (${caller.ip})`, `GET ${path}`];
    if (view.env.TEST_CONFIG !== undefined) lines.push(`TEST_CONFIG=${view.env.TEST_CONFIG}`);
    let status = 200;
    const url = view.env.DATASOURCE_URL;
    if (url) {
      const db = caller.database(url);
      lines.push(`DATASOURCE_URL=${url}: ${db.detail}`);
      if (!db.ok) status = 500;
    }
    for (const [file, content] of Object.entries(view.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (isConfigFile(file)) lines.push(`${file}: ${content}`);
    }
    return { status, version: tag, body: lines.join('\n') + '\n' };
  }
  if (isMysql(view.image)) {
    // The server greeting a client reads first on connect.
    return { version: tag, body: `${tag === 'latest' ? '8.4' : tag} MySQL Community Server (GPL) on ${caller.pod}: ready for connections. port: ${port}\n` };
  }
  return { status: 200, version: tag, body: `${view.image} on ${caller.pod} (${caller.ip}) answered on port ${port}: GET ${path}\n` };
}
