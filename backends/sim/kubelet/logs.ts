// What a container prints: startup lines of the images the tutorial uses (nginx, mysql, the
// Spring petclinic, redis, httpd, CoreDNS), echo output of shell commands, and the last words
// of a container that crashes. Lines carry their offset from the container's start so that
// `logs` shows only what has been printed by now.
import type { ImageReference } from './imageRegistry.js';
import { stableHex } from './imageRegistry.js';

export interface LogLine { atMs: number; line: string }

export type ImageKind = 'nginx' | 'mysql' | 'petclinic' | 'redis' | 'httpd' | 'coredns' | 'shell' | 'other';

export function imageKind(ref: ImageReference | undefined): ImageKind {
  const repo = ref?.repository ?? '';
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  if (repo === 'docker.io/spring2go/spring-petclinic' || last.includes('petclinic')) return 'petclinic';
  if (last === 'nginx') return 'nginx';
  if (last === 'mysql' || last === 'mariadb') return 'mysql';
  if (last === 'redis') return 'redis';
  if (last === 'httpd') return 'httpd';
  if (last === 'coredns') return 'coredns';
  if (['busybox', 'alpine', 'ubuntu', 'debian', 'bash', 'centos', 'fedora'].includes(last)) return 'shell';
  return 'other';
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad3 = (n: number) => String(n).padStart(3, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function parts(ms: number) {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(), mo: pad2(d.getUTCMonth() + 1), d: pad2(d.getUTCDate()), h: pad2(d.getUTCHours()),
    mi: pad2(d.getUTCMinutes()), s: pad2(d.getUTCSeconds()), ms: pad3(d.getUTCMilliseconds()),
    mon: MONTHS[d.getUTCMonth()], dow: DAYS[d.getUTCDay()],
  };
}

/** `2026/01/01 10:00:04` (nginx error log). */
const nginxTime = (ms: number) => { const p = parts(ms); return `${p.y}/${p.mo}/${p.d} ${p.h}:${p.mi}:${p.s}`; };
/** `2026-01-01 10:00:04.123` (Spring Boot 1.5 logback). */
const springTime = (ms: number) => { const p = parts(ms); return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}.${p.ms}`; };
/** `2026-01-01 10:00:04+00:00` (docker-entrypoint of mysql). */
const entrypointTime = (ms: number) => { const p = parts(ms); return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}+00:00`; };
/** `2026-01-01T10:00:04.123456Z` (mysqld). */
const mysqldTime = (ms: number) => `${new Date(ms).toISOString().replace('Z', '')}000Z`;

function nginxVersion(tag: string | undefined): string {
  const latest: Record<string, string> = { '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.5', '1.28': '1.28.0', '1.29': '1.29.1' };
  const m = /^(\d+\.\d+)(\.\d+)?/.exec(tag ?? '');
  if (!m) return '1.29.1';
  return m[2] ? `${m[1]}${m[2]}` : latest[m[1]] ?? `${m[1]}.0`;
}

function mysqlVersion(tag: string | undefined): string {
  if (tag?.startsWith('5')) return /^5\.\d+\.\d+/.exec(tag)?.[0] ?? '5.7.44';
  if (tag?.startsWith('8.0')) return /^8\.0\.\d+/.exec(tag)?.[0] ?? '8.0.43';
  return /^\d+\.\d+\.\d+/.exec(tag ?? '')?.[0] ?? '8.4.6';
}

function springLine(at: number, start: number, level: string, logger: string, msg: string, thread = 'main'): LogLine {
  return { atMs: at, line: `${springTime(start + at)} ${level.padStart(5)} 1 --- [${thread.padStart(15)}] ${logger.padEnd(40)} : ${msg}` };
}

const PETCLINIC_BANNER = [
  '',
  '',
  "              |\\      _,,,--,,_",
  "             /,`.-'`'   ._  \\-;;,_",
  "  _______ __|,4-  ) )_   .;.(__`'-'__     ___ __    _ ___ _______",
  " |       | '---''(_/._)-'(_\\_)   |   |   |   |  |  | |   |       |",
  " |    _  |    ___|_     _|       |   |   |   |   |_| |   |       | __ _ _",
  " |   |_| |   |___  |   | |       |   |   |   |       |   |       | \\ \\ \\ \\",
  " |    ___|    ___| |   | |      _|   |___|   |  _    |   |      _|  \\ \\ \\ \\",
  " |   |   |   |___  |   | |     |_|       |   | | |   |   |     |_    ) ) ) )",
  " |___|   |_______| |___| |_______|_______|___|_|  |__|___|_______|  / / / /",
  ' ==================================================================/_/_/_/',
  '',
  ':: Built with Spring Boot :: 1.5.4.RELEASE',
  '',
];

export interface LogContext {
  ref: ImageReference | undefined;
  image: string;
  podName: string;
  podIP?: string;
  startedAt: number;
  env: Record<string, string>;
  command: string;
}

/** The lines a healthy container prints, by offset from its start. */
export function startupLines(kind: ImageKind, c: LogContext): LogLine[] {
  const t = c.startedAt;
  switch (kind) {
    case 'nginx': {
      const v = nginxVersion(c.ref?.tag);
      const n = (at: number, msg: string): LogLine => ({ atMs: at, line: `${nginxTime(t + at)} [notice] 1#1: ${msg}` });
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
      ].map((line, i) => ({ atMs: 5 + i * 3, line })).concat([
        n(40, 'using the "epoll" event method'),
        n(40, `nginx/${v}`),
        n(40, 'built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) '),
        n(40, 'OS: Linux 6.8.0-60-generic'),
        n(40, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
        n(41, 'start worker processes'),
        ...Array.from({ length: 8 }, (_, i) => n(41, `start worker process ${29 + i}`)),
      ]);
    }
    case 'mysql': {
      const v = mysqlVersion(c.ref?.tag);
      const five = v.startsWith('5');
      const e = (at: number, level: string, msg: string): LogLine => ({ atMs: at, line: `${entrypointTime(t + at)} [${level}] [Entrypoint]: ${msg}` });
      const server = five ? `${v}-1.el7` : `${v}-1.el9`;
      const lines: LogLine[] = [
        e(10, 'Note', `Entrypoint script for MySQL Server ${server} started.`),
        e(60, 'Note', "Switching to dedicated user 'mysql'"),
        e(80, 'Note', `Entrypoint script for MySQL Server ${server} started.`),
      ];
      if (!passwordOption(c.env)) {
        return lines.concat([
          e(400, 'ERROR', 'Database is uninitialized and password option is not specified'),
          { atMs: 400, line: '    You need to specify one of the following as an environment variable:' },
          { atMs: 400, line: '    - MYSQL_ROOT_PASSWORD' },
          { atMs: 400, line: '    - MYSQL_ALLOW_EMPTY_PASSWORD' },
          { atMs: 400, line: '    - MYSQL_RANDOM_ROOT_PASSWORD' },
        ]);
      }
      const m = (at: number, level: string, msg: string): LogLine => ({ atMs: at, line: five ? `${mysqldTime(t + at)} 0 [${level}] ${msg}` : `${mysqldTime(t + at)} 0 [${level === 'Note' ? 'System' : level}] [MY-010931] [Server] ${msg}` });
      lines.push(
        e(400, 'Note', 'Initializing database files'),
        e(9000, 'Note', 'Database files initialized'),
        e(9100, 'Note', 'Starting temporary server'),
        e(11000, 'Note', 'Temporary server started.'),
      );
      if (c.env.MYSQL_DATABASE) lines.push(e(11500, 'Note', `Creating database ${c.env.MYSQL_DATABASE}`));
      lines.push(
        e(12000, 'Note', 'Stopping temporary server'),
        e(14000, 'Note', 'Temporary server stopped'),
        { atMs: 14000, line: '' },
        e(14000, 'Note', 'MySQL init process done. Ready for start up.'),
        { atMs: 14000, line: '' },
        m(15000, 'Note', 'mysqld: ready for connections.'),
        { atMs: 15000, line: `Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server (GPL)` },
      );
      return lines;
    }
    case 'petclinic': {
      const version = c.ref?.tag ?? '1.0.0.RELEASE';
      const profiles = c.env.SPRING_PROFILES_ACTIVE;
      const lines: LogLine[] = PETCLINIC_BANNER.map((line) => ({ atMs: 900, line }));
      lines.push(
        springLine(1500, t, 'INFO', 'o.s.s.petclinic.PetClinicApplication', `Starting PetClinicApplication v${version} on ${c.podName} with PID 1 (/app.jar started by root in /)`),
        springLine(1510, t, 'INFO', 'o.s.s.petclinic.PetClinicApplication', profiles ? `The following profiles are active: ${profiles}` : 'No active profile set, falling back to default profiles: default'),
        springLine(4200, t, 'INFO', 's.b.c.e.t.TomcatEmbeddedServletContainer', 'Tomcat initialized with port(s): 8080 (http)'),
        springLine(4300, t, 'INFO', 'o.apache.catalina.core.StandardService', 'Starting service [Tomcat]'),
        springLine(4310, t, 'INFO', 'o.apache.catalina.core.StandardEngine', 'Starting Servlet Engine: Apache Tomcat/8.5.15'),
        springLine(4900, t, 'INFO', 'o.s.web.context.ContextLoader', 'Root WebApplicationContext: initialization completed in 3398 ms', 'ost-startStop-1'),
        springLine(9800, t, 'INFO', 'o.s.j.e.a.AnnotationMBeanExporter', 'Registering beans for JMX exposure on startup'),
        springLine(10100, t, 'INFO', 's.b.c.e.t.TomcatEmbeddedServletContainer', 'Tomcat started on port(s): 8080 (http)'),
        springLine(10110, t, 'INFO', 'o.s.s.petclinic.PetClinicApplication', 'Started PetClinicApplication in 9.783 seconds (JVM running for 10.512)'),
      );
      return lines;
    }
    case 'redis': {
      const p = (at: number) => { const x = parts(t + at); return `${x.d} ${x.mon} ${x.y} ${x.h}:${x.mi}:${x.s}.${x.ms}`; };
      return [
        { atMs: 5, line: `1:C ${p(5)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo` },
        { atMs: 5, line: `1:C ${p(5)} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started` },
        { atMs: 6, line: `1:C ${p(6)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf` },
        { atMs: 8, line: `1:M ${p(8)} * monotonic clock: POSIX clock_gettime` },
        { atMs: 9, line: `1:M ${p(9)} * Running mode=standalone, port=6379.` },
        { atMs: 10, line: `1:M ${p(10)} * Server initialized` },
        { atMs: 11, line: `1:M ${p(11)} * Ready to accept connections tcp` },
      ];
    }
    case 'httpd': {
      const p = (at: number) => { const x = parts(t + at); return `${x.dow} ${x.mon} ${x.d} ${x.h}:${x.mi}:${x.s}.${x.ms}000 ${x.y}`; };
      const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.podIP ?? '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`;
      return [
        { atMs: 20, line: fqdn },
        { atMs: 21, line: fqdn },
        { atMs: 25, line: `[${p(25)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations` },
        { atMs: 25, line: `[${p(25)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'` },
      ];
    }
    case 'coredns':
      return [
        { atMs: 30, line: '.:53' },
        { atMs: 31, line: `[INFO] plugin/reload: Running configuration SHA512 = ${stableHex('corefile', 128)}` },
        { atMs: 32, line: 'CoreDNS-1.12.0' },
        { atMs: 32, line: 'linux/amd64, go1.23.3, 51e11f1' },
      ];
    case 'shell':
    case 'other': {
      const echo = /\becho\s+(?:"([^"]*)"|'([^']*)'|([^;&|]*))/.exec(c.command);
      return echo ? [{ atMs: 5, line: (echo[1] ?? echo[2] ?? echo[3] ?? '').trim() }] : [];
    }
  }
}

export function passwordOption(env: Record<string, string>): boolean {
  return !!(env.MYSQL_ROOT_PASSWORD || env.MYSQL_ALLOW_EMPTY_PASSWORD || env.MYSQL_RANDOM_ROOT_PASSWORD || env.MYSQL_ROOT_PASSWORD_FILE);
}

/** The last words of a container that fails shortly after starting (the crash-loop fault). */
export function crashLines(kind: ImageKind, c: LogContext, atMs: number): LogLine[] {
  const t = c.startedAt;
  switch (kind) {
    case 'nginx':
      return [
        { atMs, line: `${nginxTime(t + atMs)} [emerg] 1#1: host not found in upstream "backend:8080" in /etc/nginx/conf.d/default.conf:14` },
        { atMs, line: 'nginx: [emerg] host not found in upstream "backend:8080" in /etc/nginx/conf.d/default.conf:14' },
      ];
    case 'petclinic':
      return [
        springLine(atMs, t, 'ERROR', 'o.s.boot.SpringApplication', 'Application startup failed'),
        { atMs, line: 'org.springframework.beans.factory.BeanCreationException: Error creating bean with name \'dataSource\': Invocation of init method failed; nested exception is java.lang.IllegalStateException: Failed to load the database configuration' },
        { atMs, line: '\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:1162) ~[spring-boot-1.5.4.RELEASE.jar!/:1.5.4.RELEASE]' },
      ];
    case 'mysql':
      return [{ atMs, line: `${mysqldTime(t + atMs)} 0 [ERROR] InnoDB: Unable to lock ./ibdata1 error: 11` }];
    case 'redis':
      return [{ atMs, line: `1:M ${parts(t + atMs).d} ${parts(t + atMs).mon} ${parts(t + atMs).y} ${parts(t + atMs).h}:${parts(t + atMs).mi}:${parts(t + atMs).s}.${parts(t + atMs).ms} # Fatal error loading the DB, check server logs. Exiting.` }];
    default:
      return [{ atMs, line: 'fatal error: cannot load configuration from /etc/app/config.yaml: no such file or directory' }];
  }
}
