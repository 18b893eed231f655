// What the process in a container does, judged from its image, command and environment: a
// server runs until it is stopped, a shell without a terminal exits at once, `sleep 30` exits
// after 30 s, mysql without a root password option refuses to start, and a container under the
// crash-loop fault exits 1 shortly after every start. Also how it reacts to SIGTERM.
import type { Random } from '../random.js';
import { crashLines, imageKind, passwordOption, startupLines, type ImageKind, type LogContext, type LogLine } from './logs.js';
import type { ImageReference } from './imageRegistry.js';
import type { Container } from './types.js';

export interface ContainerProgram {
  kind: ImageKind;
  /** The process exits by itself this long after starting (undefined: it runs until stopped). */
  exitAfterMs?: number;
  exitCode: number;
  /** Time to exit after SIGTERM; undefined when PID 1 ignores SIGTERM (killed when the grace period ends). */
  stopMs?: number;
  stopExitCode: number;
  /** What it prints, by offset from its start (computed when asked: most logs are never read). */
  logs(): LogLine[];
  /** For the last words of a crash the fault injects later. */
  context: LogContext;
}

const SHELLS = /^(sh|bash|ash|\/bin\/sh|\/bin\/bash|\/bin\/ash)$/;

export function commandLine(container: Container): string {
  return [...(container.command ?? []), ...(container.args ?? [])].join(' ');
}

export interface ProgramInput {
  container: Container;
  ref: ImageReference | undefined;
  env: Record<string, string>;
  podName: string;
  podIP?: string;
  startedAt: number;
  crashing: boolean;
}

export function programFor(input: ProgramInput, random: Random): ContainerProgram {
  const { container } = input;
  const kind = imageKind(input.ref);
  const cmd = commandLine(container);
  const ctx: LogContext = {
    ref: input.ref, image: container.image ?? '', podName: input.podName, podIP: input.podIP,
    startedAt: input.startedAt, env: input.env, command: cmd,
  };
  const first = container.command?.[0] ?? '';
  // A shell or sleep as PID 1 has no SIGTERM handler: it is killed when the grace period ends.
  const shellPid1 = SHELLS.test(first) || first === 'sleep' || first === '/bin/sleep' || kind === 'shell';
  const serverStop = (): Pick<ContainerProgram, 'stopMs' | 'stopExitCode'> => {
    switch (kind) {
      case 'nginx': return { stopMs: random.between(100, 500), stopExitCode: 0 };
      case 'mysql': return { stopMs: random.between(1500, 3000), stopExitCode: 0 };
      case 'petclinic': return { stopMs: random.between(800, 2000), stopExitCode: 143 };
      case 'coredns': return { stopMs: 5000 + random.between(0, 200), stopExitCode: 0 }; // lameduck 5s in kubeadm's Corefile
      default: return { stopMs: random.between(200, 1000), stopExitCode: 0 };
    }
  };
  const stop = shellPid1 ? { stopMs: undefined, stopExitCode: 137 } : serverStop();
  const startup = () => startupLines(kind, ctx);
  const base = { kind, context: ctx, ...stop, logs: startup };

  if (input.crashing) {
    const at = Math.round(random.between(1000, 3000));
    return { ...base, exitAfterMs: at, exitCode: 1, logs: () => [...startup().filter((l) => l.atMs < at), ...crashLines(kind, ctx, at)] };
  }
  const exit = /\bexit\s+(\d+)/.exec(cmd);
  if (exit) return { ...base, exitAfterMs: Math.round(random.between(50, 200)), exitCode: Number(exit[1]) % 256 };
  if (/\bsleep\s+inf(inity)?\b|\btail\s+-f\b|\bwhile\s+(true|:)/.test(cmd)) return { ...base, exitCode: 0 };
  const sleep = /\bsleep\s+(\d+(?:\.\d+)?)/.exec(cmd);
  if (sleep) return { ...base, exitAfterMs: Math.round(Number(sleep[1]) * 1000 + random.between(5, 50)), exitCode: 0 };
  if (kind === 'shell' || SHELLS.test(first) || first === 'echo') {
    // A shell with no terminal reads EOF and exits; `echo` prints and exits.
    if (!cmd && (container.stdin || container.tty)) return { ...base, exitCode: 0 };
    return { ...base, exitAfterMs: Math.round(random.between(30, 150)), exitCode: 0 };
  }
  if (kind === 'mysql' && !passwordOption(input.env)) {
    return { ...base, exitAfterMs: Math.round(random.between(400, 900)), exitCode: 1 };
  }
  return { ...base, exitCode: 0 };
}
