// Stand-ins for the cluster's certificates: PEM-shaped, base64 of seeded random bytes.
import type { Random } from '../random.js';

export function fakeCertificate(random: Random, bytes = 1107): string {
  const raw = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) raw[i] = random.int(256);
  const b64 = raw.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
