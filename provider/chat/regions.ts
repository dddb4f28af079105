/**
 * Where the Chat REST API lives: one domain per data centre, or an explicit
 * endpoint (the emulator, a proxy). An SDKAppID belongs to exactly one data
 * centre; calling another one fails with 70016.
 */

/** The regional domains, as the vendor documents them. */
export const CHAT_REGION_DOMAINS = {
  china: "console.tim.qq.com",
  singapore: "adminapisgp.im.qcloud.com",
  seoul: "adminapikr.im.qcloud.com",
  frankfurt: "adminapiger.im.qcloud.com",
  "silicon-valley": "adminapiusa.im.qcloud.com",
  jakarta: "adminapiidn.im.qcloud.com",
  tokyo: "adminapijpn.im.qcloud.com",
  mumbai: "adminapiind.im.qcloud.com",
} as const;

/** A region name the vendor documents, such as `singapore`. */
type ChatRegion = keyof typeof CHAT_REGION_DOMAINS;

/** Every valid region name, for docs and validation. */
export const CHAT_REGIONS: readonly ChatRegion[] = Object.keys(CHAT_REGION_DOMAINS) as ChatRegion[];

/** The region used when neither a region nor an endpoint is given. */
export const DEFAULT_REGION: ChatRegion = "china";

/** Accepts `Silicon Valley`, `silicon_valley` and `SILICON-VALLEY` alike. */
function normalizeRegionName(region: string): string {
  return region
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
}

function isChatRegion(region: string): region is ChatRegion {
  return Object.prototype.hasOwnProperty.call(CHAT_REGION_DOMAINS, region);
}

/**
 * The base URL (`https://domain`) of a region. Throws an error listing the
 * valid names for an unknown one.
 */
export function regionBaseUrl(region: string = DEFAULT_REGION): string {
  const name = normalizeRegionName(region);
  if (!isChatRegion(name)) {
    throw new Error(
      `Unknown Tencent Cloud Chat region "${region}": valid regions are ${CHAT_REGIONS.join(", ")} ` +
        `(set tencentchat:region to the data centre of your SDKAppID, or give an explicit endpoint).`,
    );
  }
  return `https://${CHAT_REGION_DOMAINS[name]}`;
}

/** True for hosts that never leave this machine: 127.0.0.0/8, localhost, [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  // IPv4-mapped IPv6 loopback, as URL normalizes it (::ffff:7f00:1).
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true;
  const octets = host.split(".");
  return (
    octets.length === 4 && octets[0] === "127" && octets.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)
  );
}

/** Where the API is: a region, or an explicit endpoint that wins over it. */
interface EndpointOptions {
  /** A region name from {@link CHAT_REGIONS}; ignored when `endpoint` is given. */
  readonly region?: string;
  /** An explicit base URL such as `http://127.0.0.1:8080` (emulator) or `https://proxy.example/chat`. */
  readonly endpoint?: string;
  /** Allows `http://` to a non-loopback host (the UserSig would travel in clear text). */
  readonly allowInsecureHttp?: boolean;
}

/**
 * Resolves the base URL every command path is appended to, without a
 * trailing slash. An explicit endpoint wins over the region.
 */
export function resolveBaseUrl(options: EndpointOptions): string {
  if (options.endpoint === undefined || options.endpoint === "") return regionBaseUrl(options.region);
  let url: URL;
  try {
    url = new URL(options.endpoint);
  } catch {
    throw new Error(
      `Invalid Tencent Cloud Chat endpoint "${options.endpoint}": give an absolute URL such as https://host or http://127.0.0.1:PORT.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(
      `Invalid Tencent Cloud Chat endpoint "${options.endpoint}": only http:// and https:// are supported.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(
      `Invalid Tencent Cloud Chat endpoint "${url.protocol}//${url.host}${url.pathname}": ` +
        `remove credentials, query string and fragment; the client adds its own query string.`,
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && options.allowInsecureHttp !== true) {
    throw new Error(
      `Refusing plain http:// to "${url.host}": the admin UserSig would travel unencrypted. ` +
        `Use https://, a loopback host (127.0.0.1, localhost, [::1]), or set allowInsecureHttp: true.`,
    );
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}
