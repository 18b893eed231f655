// Certificates for TLS tests, made with the openssl command: a CA, server certificates signed by
// it (for chosen names), a self-signed one, and a client certificate.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CertFiles { cert: string; key: string }

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function selfSigned(dir: string, name: string, san: string): CertFiles {
  openssl(dir, ['req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-subj', `/CN=${name}`, '-days', '2', '-addext', `subjectAltName=${san}`]);
  return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
}

export function signedBy(dir: string, ca: CertFiles, name: string, opts: { san?: string; client?: boolean }): CertFiles {
  openssl(dir, ['req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', opts.client ? `/CN=${name}/O=system:masters` : `/CN=${name}`]);
  const ext = opts.client ? 'extendedKeyUsage=clientAuth' : `subjectAltName=${opts.san}\nextendedKeyUsage=serverAuth`;
  writeFileSync(join(dir, `${name}.ext`), `${ext}\n`);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`]);
  return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
}

export function pem(file: string): string {
  return readFileSync(file, 'utf8');
}
