import { expect } from "chai";
import type { RunningEmulator } from "../../emulator";
import { ChatClient } from "../../provider/chat";
import {
  CHAT_REGION_DOMAINS,
  CHAT_REGIONS,
  DEFAULT_REGION,
  isLoopbackHost,
  regionBaseUrl,
  resolveBaseUrl,
} from "../../provider/chat/regions";
import {
  DEFAULT_IDENTIFIER,
  DEFAULT_SDK_APP_ID,
  DEFAULT_SECRET_KEY,
  apiFor,
  expectEqual,
  startChatEmulator,
  uniqueId,
} from "./helpers";

const credentials = { sdkAppId: DEFAULT_SDK_APP_ID, identifier: DEFAULT_IDENTIFIER, secretKey: DEFAULT_SECRET_KEY };

describe("chat client: regions and endpoints", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startChatEmulator({ importUsers: ["region-owner"] });
  });
  after(() => emulator.close());

  it("lists the eight documented regions with china as the default", () => {
    expectEqual(
      [...CHAT_REGIONS],
      ["china", "singapore", "seoul", "frankfurt", "silicon-valley", "jakarta", "tokyo", "mumbai"],
      "regions",
    );
    expectEqual(DEFAULT_REGION, "china", "default region");
  });

  it("resolves each region to https on its documented domain", () => {
    expectEqual(regionBaseUrl("china"), "https://console.tim.qq.com", "china");
    expectEqual(regionBaseUrl("singapore"), "https://adminapisgp.im.qcloud.com", "singapore");
    expectEqual(
      regionBaseUrl("Silicon Valley"),
      "https://adminapiusa.im.qcloud.com",
      "silicon valley, spelled loosely",
    );
    for (const region of CHAT_REGIONS) {
      expectEqual(regionBaseUrl(region), `https://${CHAT_REGION_DOMAINS[region]}`, region);
    }
  });

  it("uses china when neither region nor endpoint is given", () => {
    const client = new ChatClient(credentials);
    expectEqual(client.baseUrl, "https://console.tim.qq.com", "base URL");
    expectEqual(client.region, "china", "region");
  });

  it("rejects an unknown region with a message that lists the valid ones", () => {
    expect(() => regionBaseUrl("mars"))
      .to.throw(Error)
      .with.property("message")
      .that.matches(/Unknown Tencent Cloud Chat region "mars"/)
      .and.matches(/china, singapore, seoul, frankfurt, silicon-valley, jakarta, tokyo, mumbai/);
    expect(() => new ChatClient({ ...credentials, region: "atlantis" })).to.throw(/valid regions are/);
  });

  it("lets an explicit endpoint win over the region and strips trailing slashes", () => {
    const client = new ChatClient({ ...credentials, region: "tokyo", endpoint: "https://proxy.example/chat/" });
    expectEqual(client.baseUrl, "https://proxy.example/chat", "base URL");
    expectEqual(client.region, undefined, "region of an explicit endpoint");
  });

  it("allows http:// only to loopback hosts", () => {
    for (const url of ["http://127.0.0.1:8080", "http://127.9.8.7", "http://localhost:1", "http://[::1]:9"]) {
      expect(() => resolveBaseUrl({ endpoint: url }), url).not.to.throw();
    }
    for (const url of [
      "http://10.0.0.1:8080",
      "http://example.com",
      "http://128.0.0.1",
      "http://127.0.0.1.example.com",
    ]) {
      expect(() => resolveBaseUrl({ endpoint: url }), url)
        .to.throw(Error)
        .with.property("message")
        .that.matches(/Refusing plain http:\/\//)
        .and.matches(/allowInsecureHttp/);
    }
    expectEqual(
      resolveBaseUrl({ endpoint: "http://example.com:81", allowInsecureHttp: true }),
      "http://example.com:81",
      "with allowInsecureHttp",
    );
    expectEqual(resolveBaseUrl({ endpoint: "https://example.com" }), "https://example.com", "https anywhere");
  });

  it("recognizes loopback hosts and nothing else", () => {
    for (const host of ["127.0.0.1", "127.255.255.254", "localhost", "LOCALHOST", "[::1]", "::1", "a.localhost"]) {
      expect(isLoopbackHost(host), host).to.equal(true);
    }
    for (const host of ["128.0.0.1", "127.0.0", "127.0.0.1.nip.io", "::2", "example.com", "0.0.0.0"]) {
      expect(isLoopbackHost(host), host).to.equal(false);
    }
  });

  it("rejects endpoints that are not absolute http(s) URLs or carry credentials or a query", () => {
    expect(() => resolveBaseUrl({ endpoint: "console.tim.qq.com" })).to.throw(/absolute URL/);
    expect(() => resolveBaseUrl({ endpoint: "ftp://127.0.0.1" })).to.throw(/only http:\/\/ and https:\/\//);
    expect(() => resolveBaseUrl({ endpoint: "https://user:pw@example.com" })).to.throw(/remove credentials/);
    expect(() => resolveBaseUrl({ endpoint: "https://example.com/?usersig=x" })).to.throw(/query string/);
  });

  it("reaches the emulator through an http://127.0.0.1 endpoint", async () => {
    const api = apiFor(emulator.url);
    const id = uniqueId("region");
    await api.create({ officialAccountUserId: id, ownerAccount: "region-owner", name: "Region check" });
    expectEqual((await api.get(id))?.name, "Region check", "name read back");
  });
});
