/**
 * The plugin's gRPC server in this process, driven with the SDK's own client
 * stubs and an emulator: provider config checked key by key, Configure
 * handing over settings (secret key included), import-style Read with only
 * an id, Invoke of the lookups, GetSchema, and the unimplemented methods.
 */
import { expect } from "chai";
import { createRequire } from "node:module";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { packageVersion } from "../../provider/chat/package-info";
import { schemaText } from "../../provider/native/schema";
import { grpc, idSeedFromUrn, serve } from "../../provider/native/server";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));
const proto = fromPulumi("./provider_pb") as typeof provproto;
const { ResourceProviderClient } = fromPulumi("./provider_grpc_pb");
const struct = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const empty = fromPulumi("google-protobuf/google/protobuf/empty_pb");

const SECRET = "server-test-secret-key";
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const URN = "urn:pulumi:dev::proj::tencentchat:index:OfficialAccount::news";

describe("native provider server (gRPC)", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let stop: () => void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let client: any;

  /** Calls one RPC; resolves with the response or rejects with the gRPC error. */
  const rpc = <T>(method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) =>
      client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))),
    );

  before(async () => {
    emulator = await startEmulator({ secretKey: SECRET, importAccounts: ["editor"] });
    const { port, server } = await serve();
    stop = () => server.forceShutdown();
    client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  after(async () => {
    client?.close();
    stop?.();
    await emulator?.close();
  });

  it("answers GetSchema with the committed schema and GetPluginInfo with the package version", async () => {
    const schema = await rpc<provproto.GetSchemaResponse>("getSchema", new proto.GetSchemaRequest());
    expect(schema.getSchema()).to.equal(schemaText());
    const info = await rpc<{ getVersion(): string }>("getPluginInfo", new empty.Empty());
    expect(info.getVersion()).to.equal(packageVersion());
  });

  it("CheckConfig names each malformed or unknown setting with its rule, and keeps the key a secret", async () => {
    const request = new proto.CheckRequest();
    request.setNews(
      struct.Struct.fromJavaScript({
        sdkAppId: "14000x",
        callsPerSecond: "500",
        secretKey: "plain-key",
        sdkAppID: "typo",
      }),
    );
    const response = await rpc<provproto.CheckResponse>("checkConfig", request);
    const failures = Object.fromEntries(response.getFailuresList().map((f) => [f.getProperty(), f.getReason()]));
    expect(failures.sdkAppId).to.include("must be the numeric SDKAppID");
    expect(failures.callsPerSecond).to.include("in (0, 200]");
    expect(failures.sdkAppID).to.include("not a tencentchat provider setting; use one of sdkAppId");
    expect(Object.keys(failures)).not.to.include("identifier"); // missing is not malformed: it may come from the env
    expect(JSON.stringify(failures)).not.to.include("plain-key");
    const inputs = response.getInputs()!.toJavaScript() as Record<string, Record<string, unknown>>;
    expect(inputs.secretKey).to.deep.equal({ [SIG]: SECRET_SIG, value: "plain-key" });
  });

  it("Check reports bad inputs field by field and seeds generated ids from the URN, as the dynamic resource does", async () => {
    expect(idSeedFromUrn(URN)).to.equal("proj/dev/news");
    const request = new proto.CheckRequest();
    request.setUrn(URN);
    request.setOlds(struct.Struct.fromJavaScript({}));
    request.setNews(struct.Struct.fromJavaScript({ ownerAccount: "editor", name: "x".repeat(151) }));
    const bad = await rpc<provproto.CheckResponse>("check", request);
    expect(bad.getFailuresList().map((f) => f.getProperty())).to.deep.equal(["name"]);
    request.setNews(struct.Struct.fromJavaScript({ ownerAccount: "editor", name: "News" }));
    const good = await rpc<provproto.CheckResponse>("check", request);
    const inputs = good.getInputs()!.toJavaScript() as Record<string, unknown>;
    expect(inputs.officialAccountUserId).to.match(/^@TOA#_news_[0-9a-f]{12}$/);
    expect(inputs).not.to.have.property("idSeed");
  });

  it("Configure hands the settings (secret key included) to the behaviour; Read with only an id returns inputs", async () => {
    const api = new OfficialAccountsApi(
      new ChatClient({ sdkAppId: 1400000000, identifier: "administrator", secretKey: SECRET, endpoint: emulator.url }),
    );
    await api.create({ officialAccountUserId: "@TOA#_outside", ownerAccount: "editor", name: "Outside" });
    const configure = new proto.ConfigureRequest();
    configure.setArgs(
      struct.Struct.fromJavaScript({
        sdkAppId: "1400000000",
        identifier: "administrator",
        endpoint: emulator.url,
        secretKey: { [SIG]: SECRET_SIG, value: SECRET },
      }),
    );
    await rpc("configure", configure);
    const read = new proto.ReadRequest();
    read.setId("@TOA#_outside");
    read.setUrn(URN);
    const response = await rpc<provproto.ReadResponse>("read", read);
    expect(response.getId()).to.equal("@TOA#_outside");
    expect(response.getInputs()!.toJavaScript()).to.include({ ownerAccount: "editor", name: "Outside" });

    const invoke = new proto.InvokeRequest();
    invoke.setTok("tencentchat:index:getOfficialAccounts");
    invoke.setArgs(struct.Struct.fromJavaScript({ officialAccountUserIds: ["@TOA#_outside", "@TOA#_missing"] }));
    const found = (await rpc<provproto.InvokeResponse>("invoke", invoke)).getReturn()!.toJavaScript() as {
      accounts: { name: string }[];
      missingIds: string[];
    };
    expect(found.accounts.map((a) => a.name)).to.deep.equal(["Outside"]);
    expect(found.missingIds).to.deep.equal(["@TOA#_missing"]);
  });

  it("answers Construct, Call and Parameterize as unimplemented, and an unknown function by name", async () => {
    const requests = {
      construct: new proto.ConstructRequest(),
      call: new proto.CallRequest(),
      parameterize: new proto.ParameterizeRequest(),
    };
    for (const [method, request] of Object.entries(requests)) {
      const error = await rpc(method, request).catch((e: { code: number }) => e);
      expect((error as { code: number }).code, method).to.equal(grpc.status.UNIMPLEMENTED);
    }
    const invoke = new proto.InvokeRequest();
    invoke.setTok("tencentchat:index:getNothing");
    invoke.setArgs(struct.Struct.fromJavaScript({}));
    const error = (await rpc("invoke", invoke).catch((e: Error) => e)) as Error;
    expect(error.message).to.include("unknown function tencentchat:index:getNothing");
  });
});
