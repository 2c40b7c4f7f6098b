/** Which `Host` headers a loopback listener answers, by Ollama's rules (server/routes.go allowedHost, allowedHostsMiddleware). */
import { BlockList, isIP } from 'node:net'
import { hostname, networkInterfaces } from 'node:os'

/**
 * How a Host header is judged: `address` (an allowed IP literal: the request goes on), `name` (an allowed
 * name: the request goes on, and an OPTIONS request is answered 204 at once), `foreign` (answered 403).
 */
export type HostVerdict = 'address' | 'name' | 'foreign'

/** Loopback and private ranges as Go's netip IsLoopback and IsPrivate (RFC 1122, RFC 1918, RFC 4193). */
const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')
const PRIVATE = new BlockList()
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4')
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4')
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4')
PRIVATE.addSubnet('fc00::', 7, 'ipv6')

/** Names under these top-level domains never resolve on the public internet. */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal']

interface IpLiteral {
  /** The address without its zone. */
  address: string
  family: 'ipv4' | 'ipv6'
  /** The IPv6 zone after `%`, or '' when there is none. */
  zone: string
}

/**
 * The host part of `host:port` or `[host]:port` as Go's net.SplitHostPort finds it, or undefined where Go
 * answers an error (no port, too many colons, stray brackets); Ollama then judges the whole header as the host.
 */
function splitHostPort (hostPort: string): string | undefined {
  const lastColon = hostPort.lastIndexOf(':')
  if (lastColon < 0) return undefined
  let host: string
  // Where stray brackets are looked for: after the opening one, and after the closing one.
  let openSearchFrom = 0
  let closeSearchFrom = 0
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']')
    // The ']' must sit right before the last ':'; `[::1]` alone has no port.
    if (close < 0 || close + 1 !== lastColon) return undefined
    host = hostPort.slice(1, close)
    openSearchFrom = 1
    closeSearchFrom = close + 1
  } else {
    host = hostPort.slice(0, lastColon)
    if (host.includes(':')) return undefined
  }
  if (hostPort.indexOf('[', openSearchFrom) >= 0 || hostPort.indexOf(']', closeSearchFrom) >= 0) return undefined
  return host
}

/** An IP literal as Go's netip.ParseAddr accepts it (a zone only on IPv6), or undefined for a name. */
function parseIpLiteral (text: string): IpLiteral | undefined {
  const percent = text.indexOf('%')
  if (percent >= 0) {
    const address = text.slice(0, percent)
    const zone = text.slice(percent + 1)
    return zone !== '' && isIP(address) === 6 ? { address, family: 'ipv6', zone } : undefined
  }
  const version = isIP(text)
  if (version === 0) return undefined
  return { address: text, family: version === 4 ? 'ipv4' : 'ipv6', zone: '' }
}

/** The RFC 5952 spelling of an IPv6 address (lower case, longest zero run as `::`), so equal addresses compare equal. */
function canonicalIpv6 (address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1)
}

/** Go's IsLoopback: 127.0.0.0/8 and ::1, an IPv4-mapped IPv6 address judged as its IPv4 address, the zone ignored. */
function isLoopbackIp (ip: IpLiteral): boolean {
  return LOOPBACK.check(ip.address, ip.family)
}

/** Go's IsUnspecified: exactly 0.0.0.0 or :: (a zone or the IPv4-mapped form makes it another address). */
function isUnspecifiedIp (ip: IpLiteral): boolean {
  if (ip.family === 'ipv4') return ip.address === '0.0.0.0'
  return ip.zone === '' && canonicalIpv6(ip.address) === '::'
}

/** Ollama's isLocalIP: an address of one of this machine's interfaces, read at each call as Ollama does. */
function isInterfaceIp (ip: IpLiteral): boolean {
  // Ollama compares printed forms, and interface addresses print without a zone: a zoned host never matches.
  if (ip.zone !== '') return false
  const wanted = ip.family === 'ipv4' ? ip.address : canonicalIpv6(ip.address)
  for (const addresses of Object.values(networkInterfaces())) {
    for (const entry of addresses ?? []) {
      if (entry.family === 'IPv4' && ip.family === 'ipv4' && entry.address === wanted) return true
      if (entry.family === 'IPv6' && ip.family === 'ipv6' && canonicalIpv6(entry.address) === wanted) return true
    }
  }
  return false
}

/** One ALLOWED_HOSTS entry: lower case, `*` matching any run of characters. */
function hostPattern (entry: string): RegExp {
  const escaped = entry.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('.*')}$`, 's')
}

/**
 * Ollama's allow rules plus the operator's ALLOWED_HOSTS. Throws an Error at construction when an entry
 * carries a scheme, a path or a port: Hosts are judged without their port, so such an entry could never match.
 */
/** Host headers whose verdict is kept; past this many, the memo starts over (a client cycling names cannot grow it). */
const SETTLED_LIMIT = 256

export class AllowedHosts {
  private readonly extra: RegExp[]
  /** Verdicts that depend only on the header and ALLOWED_HOSTS, by header. */
  private readonly settled = new Map<string, HostVerdict>()

  /** @param configured ALLOWED_HOSTS: comma-separated host names or IP literals, `*` wildcards allowed. */
  constructor (configured: string | undefined) {
    const entries = (configured ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '')
    for (const entry of entries) {
      const withoutStars = entry.replaceAll('*', '0')
      const isIpv6 = isIP(withoutStars) === 6 || isIP(entry) === 6
      if (entry.includes('/') || entry.includes('[') || (entry.includes(':') && !isIpv6)) {
        throw new Error(`ALLOWED_HOSTS entry "${entry}" must be a host name or IP address without scheme, brackets or port`)
      }
    }
    this.extra = entries.map(hostPattern)
  }

  /**
   * Judges a Host header as Ollama's allowedHostsMiddleware does once it knows the listener is loopback:
   * the port is split off Go's way; loopback, private, unspecified and this machine's IP literals pass;
   * then the empty host, `localhost`, this machine's hostname, `*.localhost`, `*.local`, `*.internal`
   * and ALLOWED_HOSTS pass as names; everything else is foreign.
   */
  judge (hostHeader: string): HostVerdict {
    const settled = this.settled.get(hostHeader)
    if (settled !== undefined) return settled
    const host = splitHostPort(hostHeader) ?? hostHeader
    const ip = parseIpLiteral(host)
    if (ip !== undefined && (isLoopbackIp(ip) || PRIVATE.check(ip.address, ip.family) || isUnspecifiedIp(ip))) return this.settle(hostHeader, 'address')
    // This machine's addresses and name can change: judged at each request, never kept.
    if (ip !== undefined && isInterfaceIp(ip)) return 'address'
    const name = host.toLowerCase()
    if (name === '' || name === 'localhost' || LOCAL_SUFFIXES.some((suffix) => name.endsWith(suffix)) || this.extra.some((pattern) => pattern.test(name))) {
      return ip === undefined ? this.settle(hostHeader, 'name') : 'name'
    }
    if (name === hostname().toLowerCase()) return 'name'
    return 'foreign'
  }

  /** Keeps a verdict that depends only on the header and ALLOWED_HOSTS: clients send the same few Host headers. */
  private settle (hostHeader: string, verdict: HostVerdict): HostVerdict {
    if (this.settled.size >= SETTLED_LIMIT) this.settled.clear()
    this.settled.set(hostHeader, verdict)
    return verdict
  }
}

/**
 * Whether the Host check applies to a listener, from `server.address()`: a loopback TCP address, or a
 * pipe (Go's ParseAddrPort fails on a socket path, so Ollama checks there too); no listener (`null`,
 * as with `inject`) means no check, as Ollama skips it without an address.
 */
export function listenerNeedsHostCheck (address: string | { address: string } | null): boolean {
  if (address === null) return false
  if (typeof address === 'string') return true
  const ip = parseIpLiteral(address.address)
  return ip !== undefined && isLoopbackIp(ip)
}
