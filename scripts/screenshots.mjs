#!/usr/bin/env node
// Regenerates the README's "Screens" section: text captures of the built `kdash --sim` in a real
// terminal (tmux, 100×24), on a seeded simulator into which kubectl puts a two-revision Deployment
// and its Service. Needs tmux, kubectl and a built dist/kdash.js (`npm run build`).
//
//   node scripts/screenshots.mjs            rewrite README.md between the screens markers
//   node scripts/screenshots.mjs --print    print the section instead
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = join(ROOT, 'README.md');
const BEGIN = '<!-- screens:begin (scripts/screenshots.mjs) -->';
const END = '<!-- screens:end -->';
const SOCKET = `kdash-screens-${process.pid}`;
const DIR = join(tmpdir(), 'kdash-screens');
const KUBECONFIG = join(DIR, 'kubeconfig');
const PORT = 18443;

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmux = (...args) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', cwd: ROOT });
const kubectl = (...args) => execFileSync('kubectl', ['--kubeconfig', KUBECONFIG, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const screen = () => tmux('capture-pane', '-p').split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');

async function see(pattern, what = String(pattern)) {
  const start = Date.now();
  for (;;) {
    const s = screen();
    if (typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s)) return s;
    if (Date.now() - start > 30_000) throw new Error(`screenshots: timed out waiting for ${what}; the screen:\n${s}`);
    await sleep(100);
  }
}

/** Keys one at a time, as typed; text after `:` in one go. */
async function keys(...ks) {
  for (const k of ks) { tmux('send-keys', k); await sleep(200); }
}

async function command(text) {
  tmux('send-keys', '-l', `:${text}`);
  await keys('Enter');
}

async function capture() {
  // Let the frame settle (ages tick once a second).
  await sleep(300);
  return screen();
}

async function session() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, 'web.yaml'), MANIFEST);
  const kdash = `node ${join(ROOT, 'bin/kdash.js')} --sim --seed 1 --speed 10 --serve --port ${PORT} --kubeconfig-out ${KUBECONFIG}`;
  tmux('-f', '/dev/null', 'new-session', '-d', '-x', '100', '-y', '24', '-e', 'COLORTERM=truecolor', kdash);
  const shots = [];
  try {
    await see('serving on http://127.0.0.1:', 'kdash to serve the simulator');
    kubectl('apply', '-f', join(DIR, 'web.yaml'));
    kubectl('rollout', 'status', 'deployment/web', '--timeout=120s');
    kubectl('set', 'image', 'deployment/web', 'web=nginx:1.26');
    kubectl('rollout', 'status', 'deployment/web', '--timeout=120s');
    await see(/pods\(default\)\[3\]/, 'three pods');
    await see((/^(?:web-\S+ +1\/1 +Running .*\n){3}/m), 'three running pods');
    shots.push(['Pods (`kdash --sim`, then a Deployment applied with kubectl)', await capture()]);

    await command('deploy');
    await see(/^web +3\/3 +3 +3 /m, 'the deployment');
    shots.push(['Deployments (`:deploy`)', await capture()]);

    await keys('h');
    await see('successfully rolled out', 'the history screen');
    shots.push(['Rollout history (`h` on a Deployment; `u` rolls back to the selected revision)', await capture()]);

    await command('svc');
    await see(/^web +ClusterIP /m, 'the services');
    await keys('j');
    shots.push(['Services (`:svc`; enter lists the pods behind the selector)', await capture()]);

    await keys('d');
    await see(/^Endpoints: +\S+:80,/m, 'the endpoints in describe');
    shots.push(['Describe (`d`): the Service with its endpoints', await capture()]);

    await keys('Escape');
    await command('po');
    await see(/pods\(default\)\[3\]/, 'the pods again');
    await keys('?');
    await see('Keys of this screen:', 'the help');
    shots.push(['Help (`?`)', await capture()]);
  } finally {
    try { tmux('kill-server'); } catch { /* gone */ }
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, SOCKET), { force: true });
    rmSync(DIR, { recursive: true, force: true });
  }
  return shots;
}

const shots = await session();
const section = [
  BEGIN,
  'Text captures of a 100×24 terminal, made by `node scripts/screenshots.mjs` (tmux, kubectl and a built',
  '`dist/kdash.js` needed) on `kdash --sim --seed 1`; the pod-template hashes repeat from run to run; pod name suffixes, ClusterIPs and ages may not (the simulator runs on real time, so the order in which it draws random values varies).',
  '',
  ...shots.flatMap(([title, text]) => [`**${title}**`, '', '```text', text, '```', '']),
  END,
].join('\n');

if (process.argv.includes('--print')) {
  console.log(section);
} else {
  const readme = readFileSync(README, 'utf8');
  const a = readme.indexOf(BEGIN), b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`screenshots: README.md has no "${BEGIN}" … "${END}" block to replace`);
  writeFileSync(README, readme.slice(0, a) + section + readme.slice(b + END.length));
  console.log(`screenshots: ${shots.length} screens written to README.md`);
}
