// IPv4 addresses as 32-bit numbers, for the allocators and the router.

/** The address as an unsigned 32-bit number, or undefined if it is not a dotted-quad IPv4 address. */
export function parseIPv4(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i].length > 1 && m[i][0] === '0')) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== undefined;
}

export interface Cidr { network: number; prefix: number; text: string }

export function parseCidr(text: string): Cidr {
  const [addr, bits] = text.split('/');
  const base = parseIPv4(addr);
  const prefix = Number(bits);
  if (base === undefined || !(prefix >= 0 && prefix <= 32)) throw new Error(`invalid CIDR ${text}`);
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return { network: (base & mask) >>> 0, prefix, text };
}
