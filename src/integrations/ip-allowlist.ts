import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors/app-error.js';

/** `::ffff:203.0.113.7` (an IPv4 client on a dual-stack socket) as the IPv4 address it is. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function parseEntry(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, prefixText, extra] = entry.trim().split('/');
  if (extra !== undefined || !address) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * The entries in canonical form (`203.0.113.0/24`); an entry that is neither an address nor a CIDR
 * range is `UNPROCESSABLE`, naming it.
 */
export function validateAllowlist(entries: readonly string[]): string[] {
  return entries.map((entry) => {
    const parsed = parseEntry(entry);
    if (!parsed) throw new AppError('UNPROCESSABLE', `ipAllowlist: "${entry}" is not an IP address or CIDR range.`);
    return `${parsed.address}/${parsed.prefix}`;
  });
}

/** An allowlist of CIDR ranges (node:net BlockList); an empty list allows every address. */
export class IpAllowlist {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries) {
      const parsed = parseEntry(entry);
      if (parsed) this.list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }

  allows(address: string | undefined): boolean {
    if (this.empty) return true;
    if (!address) return false;
    const normalized = normalizeAddress(address);
    const version = isIP(normalized);
    if (version === 0) return false;
    return this.list.check(normalized, version === 4 ? 'ipv4' : 'ipv6');
  }
}
