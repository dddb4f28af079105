/**
 * The plugin's gRPC server in this process, driven with the SDK's own client
 * stubs and an emulator: provider config checked key by key, Configure
 * handing over settings (secret key included), import-style Read with only
 * an id, Invoke of the lookups, GetSchema, and the unimplemented methods;
 * the gRPC codes of failures, a partial create's ErrorResourceInitFailed,
 * diagnostics sent to a stand-in engine, Attach and Cancel.
 */
import { expect } from "chai";
import { createRequire } from "node:module";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { packageVersion } from "../../provider/package-info";
import { schemaText } from "../../provider/native/schema";
import { grpc, idSeedFromUrn, serve, type ServedProvider } from "../../provider/native/server";
import { findLeaks } from "../support/leak-check";
import { ChatApiError, type ChatApiErrorInit } from "../../provider/chat/errors";
import { ChatConfigError } from "../../provider/behaviour/settings";
import { withContext } from "../../provider/behaviour/errors";
import { grpcStatusOf } from "../../provider/native/engine-errors";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));
const proto = fromPulumi("./provider_pb") as typeof provproto;
const { ResourceProviderClient } = fromPulumi("./provider_grpc_pb");
const struct = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const empty = fromPulumi("google-protobuf/google/protobuf/empty_pb");
const statusProto = fromPulumi("./status_pb");
const engineProto = fromPulumi("./engine_pb");
const { EngineService } = fromPulumi("./engine_grpc_pb");
const pluginProto = fromPulumi("./plugin_pb");

const SECRET = "server-test-secret-key";
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const URN = "urn:pulumi:dev::proj::tencentchat:index:OfficialAccount::news";

/** A Configure request for the emulator at `endpoint`, with `secretKey` sent as the engine sends a secret. */
function configureRequest(endpoint: string, secretKey: string): provproto.ConfigureRequest {
  const request = new proto.ConfigureRequest();
  request.setArgs(
    struct.Struct.fromJavaScript({
      sdkAppId: "1400000000",
      identifier: "administrator",
      endpoint,
      secretKey: { [SIG]: SECRET_SIG, value: secretKey },
    }),
  );
  return request;
}

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
    emulator = await startEmulator({ secretKey: SECRET, importUsers: ["editor"] });
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
    await rpc("configure", configureRequest(emulator.url, SECRET));
    const read = new proto.ReadRequest();
    read.setId("@TOA#_outside");
    read.setUrn(URN);
    const response = await rpc<provproto.ReadResponse>("read", read);
    expect(response.getId()).to.equal("@TOA#_outside");
    // What a user would paste: only what the account has (no adopt, no empty text, nothing the read did not return).
    expect(response.getInputs()!.toJavaScript()).to.deep.equal({
      officialAccountUserId: "@TOA#_outside",
      ownerAccount: "editor",
      name: "Outside",
    });

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

/** One message the stand-in engine received. */
interface LoggedMessage {
  severity: number;
  message: string;
  urn: string;
  ephemeral: boolean;
}

/** A stand-in for the engine's Log service: records every message the plugin sends. */
async function startEngineStandIn(): Promise<{ address: string; messages: LoggedMessage[]; close(): void }> {
  const messages: LoggedMessage[] = [];
  const server = new grpc.Server();
  server.addService(EngineService, {
    log: (
      call: { request: { getSeverity(): number; getMessage(): string; getUrn(): string; getEphemeral(): boolean } },
      callback: (error: null, response: unknown) => void,
    ) => {
      const request = call.request;
      messages.push({
        severity: request.getSeverity(),
        message: request.getMessage(),
        urn: request.getUrn(),
        ephemeral: request.getEphemeral(),
      });
      callback(null, new empty.Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { address: `127.0.0.1:${port}`, messages, close: () => server.forceShutdown() };
}

/** Resolves once `condition` holds, checking every 20 ms (no upper bound: the suite's timeout is the limit). */
async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("native provider server: errors, engine messages and cancellation", function () {
  this.timeout(120_000);
  const ownerUrn = (name: string) => `urn:pulumi:dev::proj::tencentchat:index:OfficialAccount::${name}`;
  let emulator: RunningEmulator;
  let engine: Awaited<ReturnType<typeof startEngineStandIn>>;
  let served: ServedProvider;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let client: any;

  const rpc = <T>(method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) =>
      client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))),
    );
  const failure = (method: string, request: unknown) =>
    rpc(method, request).then(
      () => expect.fail(`${method} succeeded`),
      (error: { code: number; details: string; metadata: { get(key: string): Buffer[] } }) => error,
    );
  const apiCalls = () =>
    Object.values(emulator.counters().commands).reduce((sum, command) => sum + (command?.calls ?? 0), 0);
  const configure = async (secretKey: string) => {
    await rpc("configure", configureRequest(emulator.url, secretKey));
  };
  const createRequest = (name: string, properties: Record<string, unknown>) => {
    const request = new proto.CreateRequest();
    request.setUrn(ownerUrn(name));
    request.setType("tencentchat:index:OfficialAccount");
    request.setProperties(struct.Struct.fromJavaScript({ ownerAccount: "editor", ...properties }));
    return request;
  };

  beforeEach(async () => {
    emulator = await startEmulator({ secretKey: SECRET, importUsers: ["editor"] });
    engine = await startEngineStandIn();
    served = await serve({ engineAddress: engine.address });
    client = new ResourceProviderClient(`127.0.0.1:${served.port}`, grpc.credentials.createInsecure());
    await configure(SECRET);
  });
  afterEach(async () => {
    client?.close();
    served?.server.forceShutdown();
    served?.service.engineLog.close();
    engine?.close();
    await emulator?.close();
  });

  it("refuses a resource type it does not manage in every resource method, as INVALID_ARGUMENT", async () => {
    const urn = "urn:pulumi:dev::proj::tencentchat:index:Bucket::b";
    const requests: Record<string, { setUrn(urn: string): void; setType(type: string): void }> = {
      check: new proto.CheckRequest(),
      diff: new proto.DiffRequest(),
      create: new proto.CreateRequest(),
      read: new proto.ReadRequest(),
      update: new proto.UpdateRequest(),
      delete: new proto.DeleteRequest(),
    };
    for (const [method, request] of Object.entries(requests)) {
      request.setUrn(urn);
      request.setType("tencentchat:index:Bucket");
      const error = await failure(method, request);
      expect(error.code, method).to.equal(grpc.status.INVALID_ARGUMENT);
      expect(error.details, method).to.include('unknown resource type "tencentchat:index:Bucket"');
      expect(error.details, method).to.include("manages only tencentchat:index:OfficialAccount");
    }
    const invoke = new proto.InvokeRequest();
    invoke.setTok("tencentchat:index:getBucket");
    const error = await failure("invoke", invoke);
    expect(error.code).to.equal(grpc.status.INVALID_ARGUMENT);
    expect(error.details).to.include("unknown function tencentchat:index:getBucket");
    expect(apiCalls(), "no API call").to.equal(0);
  });

  it("checks Invoke arguments against the lookup's inputs, naming each argument, the rule and the fix", async () => {
    const invoke = (token: string, args: Record<string, unknown>) => {
      const request = new proto.InvokeRequest();
      request.setTok(`tencentchat:index:${token}`);
      request.setArgs(struct.Struct.fromJavaScript(args));
      return failure("invoke", request);
    };
    const misspelt = await invoke("getOfficialAccount", { officialAccountId: "@TOA#_x" });
    expect(misspelt.code).to.equal(grpc.status.INVALID_ARGUMENT);
    expect(misspelt.details).to.include(
      "officialAccountId is not an argument of getOfficialAccount; it takes officialAccountUserId.",
    );
    expect(misspelt.details).to.include(
      'officialAccountUserId is required: pass an official-account id such as "@TOA#_news"',
    );

    const badItem = await invoke("getOfficialAccounts", { officialAccountUserIds: ["@TOA#_ok", 42] });
    expect(badItem.details).to.include("officialAccountUserIds[1] must be a string");
    const badPrefix = await invoke("getOfficialAccounts", { officialAccountUserIds: ["news"] });
    expect(badPrefix.details).to.include('officialAccountUserIds[0] must start with "@TOA#_"');
    expect(badPrefix.details).to.include('Use "@TOA#_news"');

    const badFilter = await invoke("getSubscribedOfficialAccounts", { subscriberAccount: "bob", fields: ["Nmae"] });
    expect(badFilter.code).to.equal(grpc.status.INVALID_ARGUMENT);
    expect(badFilter.details).to.match(
      /fields\[0\] must be one of [A-Za-z_, ]*\bName\b[A-Za-z_, ]*; got string "Nmae"/,
    );
    const notString = await invoke("getSubscribedOfficialAccounts", { subscriberAccount: 7 });
    expect(notString.details).to.include("subscriberAccount must be the UserID of a Chat account");
    expect(apiCalls(), "no API call for bad arguments").to.equal(0);
  });

  it("answers failures with codes that say what happened: not found, an id in use, bad credentials", async () => {
    const read = new proto.ReadRequest();
    read.setId("@TOA#_missing");
    read.setUrn(ownerUrn("missing"));
    read.setType("tencentchat:index:OfficialAccount");
    read.setProperties(struct.Struct.fromJavaScript({ ownerAccount: "editor", name: "Gone" }));
    expect((await rpc<provproto.ReadResponse>("read", read)).getId(), "a missing account reads as no id").to.equal("");

    await rpc("create", createRequest("taken", { officialAccountUserId: "@TOA#_taken", name: "Taken" }));
    const inUse = await failure("create", createRequest("again", { officialAccountUserId: "@TOA#_taken", name: "x" }));
    expect(inUse.code, inUse.details).to.equal(grpc.status.FAILED_PRECONDITION);
    expect(inUse.details).to.include("already in use (130008)");

    await configure("a-wrong-secret-key-of-some-length");
    const denied = await failure("read", read);
    expect(denied.code, denied.details).to.equal(grpc.status.UNAUTHENTICATED);
    expect(findLeaks("error", denied.details, ["a-wrong-secret-key-of-some-length", SECRET])).to.deep.equal([]);
  });

  it("maps each class of Chat failure to its gRPC code, and anything unexplained to INTERNAL", () => {
    const chat = (code: number, extra: Partial<ChatApiErrorInit> = {}) =>
      new ChatApiError({ code, info: "test", command: "get_official_account_info", ...extra });
    const cases: [unknown, number][] = [
      [chat(60007), grpc.status.RESOURCE_EXHAUSTED],
      [chat(130010), grpc.status.RESOURCE_EXHAUSTED],
      [chat(10004), grpc.status.UNAVAILABLE],
      [chat(-1, { httpStatus: 502 }), grpc.status.UNAVAILABLE],
      [chat(-1, { networkCode: "ETIMEDOUT" }), grpc.status.DEADLINE_EXCEEDED],
      [chat(130002), grpc.status.PERMISSION_DENIED],
      [chat(70009), grpc.status.UNAUTHENTICATED],
      [chat(6017), grpc.status.INVALID_ARGUMENT],
      [chat(130004), grpc.status.NOT_FOUND],
      [chat(-2), grpc.status.INTERNAL],
      [withContext("reading official account @TOA#_x", chat(60011)), grpc.status.RESOURCE_EXHAUSTED],
      [new ChatConfigError("Tencent Cloud Chat is not configured"), grpc.status.INVALID_ARGUMENT],
      [new TypeError("x is undefined"), grpc.status.INTERNAL],
    ];
    for (const [error, code] of cases) expect(grpcStatusOf(error), String(error)).to.equal(code);
  });

  it("reports a create that landed but could not be read back as ErrorResourceInitFailed with its id and state", async () => {
    emulator.setFaults({ transient: 1, commands: ["get_official_account_info"] });
    const error = await failure(
      "create",
      createRequest("unread", { officialAccountUserId: "@TOA#_unread", name: "U" }),
    );
    expect(error.code).to.equal(grpc.status.UNAVAILABLE);
    expect(error.details).to.include("official account @TOA#_unread was created, but reading it back failed");
    const [bin] = error.metadata.get("grpc-status-details-bin");
    const rpcStatus = statusProto.Status.deserializeBinary(bin);
    expect(rpcStatus.getCode()).to.equal(grpc.status.UNAVAILABLE);
    const detail = rpcStatus
      .getDetailsList()[0]
      .unpack(proto.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed");
    expect(detail.getId()).to.equal("@TOA#_unread");
    expect(detail.getProperties().toJavaScript()).to.include({ officialAccountUserId: "@TOA#_unread", name: "U" });
    expect(detail.getReasonsList().join(" ")).to.include("was created, but reading it back failed");
    expect(emulator.snapshot().accounts.map((account) => account.Official_Account)).to.deep.equal(["@TOA#_unread"]);
  });

  it("warns the engine on the resource when a call is throttled, with the code and the wait, never a secret", async () => {
    emulator.setFaults({ throttle: 1, commands: ["create_official_account"] });
    const creating = rpc("create", createRequest("slow", { officialAccountUserId: "@TOA#_slow", name: "Slow" }));
    await eventually(() => engine.messages.some((m) => m.severity === engineProto.LogSeverity.WARNING));
    emulator.setFaults({});
    await creating;
    const warning = engine.messages.find((m) => m.severity === engineProto.LogSeverity.WARNING)!;
    expect(warning.urn).to.equal(ownerUrn("slow"));
    expect(warning.message).to.match(
      /^create_official_account was throttled with 60007 \(REST call frequency exceeded\); retrying in \d+ ms \(attempt 2\)$/,
    );
    const debug = engine.messages.filter((m) => m.severity === engineProto.LogSeverity.DEBUG);
    expect(debug.map((m) => m.message).join("\n")).to.include("create_official_account attempt 1 -> 60007");
    expect(debug.every((m) => m.urn === ownerUrn("slow"))).to.equal(true);
    const everything = engine.messages.map((m) => m.message).join("\n");
    expect(findLeaks("engine log", everything, [SECRET])).to.deep.equal([]);
  });

  it("shows a slow answer as the resource's ephemeral status line while it waits", async () => {
    emulator.setFaults({ latencyMs: 2_600, commands: ["create_official_account"] });
    await rpc("create", createRequest("slow", { officialAccountUserId: "@TOA#_slowly", name: "Slowly" }));
    const status = engine.messages.find((m) => m.ephemeral);
    expect(status, "a status line").to.not.equal(undefined);
    expect(status!.urn).to.equal(ownerUrn("slow"));
    expect(status!.message).to.match(/^waiting for create_official_account \(attempt 1\): \d+ s so far$/);
  });

  it("on Cancel stops a call's retries at once and answers CANCELLED, having created nothing", async () => {
    emulator.setFaults({ throttle: 1, commands: ["create_official_account"] });
    const creating = failure("create", createRequest("cancelled", { officialAccountUserId: "@TOA#_c", name: "C" }));
    await eventually(() => engine.messages.some((m) => m.severity === engineProto.LogSeverity.WARNING));
    await rpc("cancel", new empty.Empty());
    const error = await creating;
    expect(error.code, error.details).to.equal(grpc.status.CANCELLED);
    expect(error.details).to.include("cancelled");
    // Only the throttled attempts reached the emulator, and none after the cancel: far fewer than the budget of 11.
    expect(emulator.counters().commands.create_official_account.calls).to.be.below(11);
    expect(emulator.snapshot().accounts).to.deep.equal([]);
  });

  it("connects to the engine address an Attach request gives (PULUMI_DEBUG_PROVIDERS)", async () => {
    const other = await startEngineStandIn();
    try {
      const attach = new pluginProto.PluginAttach();
      attach.setAddress(other.address);
      await rpc("attach", attach);
      expect(served.service.engineLog.address).to.equal(other.address);
      emulator.setFaults({ throttle: 1, commands: ["create_official_account"] });
      const creating = rpc("create", createRequest("attached", { officialAccountUserId: "@TOA#_a", name: "A" }));
      await eventually(() => other.messages.some((m) => m.severity === engineProto.LogSeverity.WARNING));
      emulator.setFaults({});
      await creating;
    } finally {
      other.close();
    }
  });
});
