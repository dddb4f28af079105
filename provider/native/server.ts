/**
 * The `tencentchat` resource provider's gRPC service: the engine's protocol
 * on one side, the behaviour both front doors share on the other
 * (OfficialAccountProvider, the lookups, the settings resolver, one API
 * client per process from provider-runtime). It holds no rule of its own:
 * it converts messages, seeds generated ids from the URN, and keeps the
 * provider's settings that Configure hands it.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { OfficialAccountsApi } from "../chat";
import { resolveChatSettings, type ConfigLookup } from "../config";
import {
  lookUpOfficialAccount,
  lookUpOfficialAccounts,
  lookUpSubscribedOfficialAccounts,
  type GetOfficialAccountArgs,
  type GetOfficialAccountsArgs,
  type GetSubscribedOfficialAccountsArgs,
} from "../official-account-lookups";
import { OfficialAccountProvider } from "../official-account-provider";
import { officialAccountsApiFor } from "../provider-runtime";
import type { InputFailure } from "../validation";
import { packageVersion } from "../chat/package-info";
import {
  changedProviderSettings,
  checkedProviderInputs,
  checkProviderSettings,
  configLookupFrom,
  settingNamingFor,
} from "./provider-settings";
import { plainData, unwrapSecrets } from "./property-values";
import { empty, grpc, plugin, proto, services, struct } from "./protocol-stubs";
import { FUNCTION_TOKENS, OFFICIAL_ACCOUNT_TOKEN, schemaText } from "./schema";

export { grpc };

type Props = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Call = grpcTypes.ServerUnaryCall<any, any>;
type Callback = grpcTypes.sendUnaryData<unknown>;

/** Seeds generated ids as the dynamic resource does: `project/stack/name`, from `urn:pulumi:stack::project::type::name`. */
export function idSeedFromUrn(urn: string): string | undefined {
  const parts = urn.replace(/^urn:pulumi:/, "").split("::");
  if (parts.length < 4) return undefined;
  const [stack, project] = parts;
  return `${project}/${stack}/${parts.slice(3).join("::")}`;
}

function withoutIdSeed(props: Props | undefined): Props {
  const copy = { ...(props ?? {}) };
  delete copy.idSeed;
  return copy;
}

function toStruct(value: unknown) {
  return struct.Struct.fromJavaScript(plainData(value) as Record<string, never>);
}

function fromStruct(value: { toJavaScript(): unknown } | undefined): Props {
  return (value?.toJavaScript() as Props | undefined) ?? {};
}

function failuresOf(failures: readonly InputFailure[]) {
  return failures.map((failure) => {
    const item = new proto.CheckFailure();
    item.setProperty(failure.property);
    item.setReason(failure.reason);
    return item;
  });
}

function unimplemented(name: string) {
  return (_call: Call, callback: Callback) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by the tencentchat provider` });
}

/** Runs one RPC, turning a thrown error into a gRPC error carrying its message (never the inputs). */
function handle(work: (call: Call) => Promise<unknown>) {
  return (call: Call, callback: Callback) => {
    work(call).then(
      (response) => callback(null, response),
      (error: unknown) =>
        callback({ code: grpc.status.UNKNOWN, details: error instanceof Error ? error.message : String(error) }),
    );
  };
}

export class TencentChatProviderService {
  private lookup: ConfigLookup = () => undefined;
  /** How messages name the settings: stack config for a default provider, arguments for an explicit one. */
  private naming = settingNamingFor(undefined);
  private api?: OfficialAccountsApi;
  /** The behaviour both front doors share; the API client is made on first use, so check and diff need no credentials. */
  private readonly accounts = new OfficialAccountProvider(() => this.officialAccountsApi());

  private officialAccountsApi(): OfficialAccountsApi {
    return (this.api ??= officialAccountsApiFor(resolveChatSettings(this.lookup, process.env, this.naming)));
  }

  /** The gRPC handlers, by method name of pulumirpc.ResourceProvider. */
  handlers(): grpcTypes.UntypedServiceImplementation {
    return {
      handshake: unimplemented("Handshake"),
      parameterize: unimplemented("Parameterize"),
      construct: unimplemented("Construct"),
      call: unimplemented("Call"),
      list: (call: grpcTypes.ServerWritableStream<unknown, unknown>) =>
        call.emit("error", { code: grpc.status.UNIMPLEMENTED, details: "List is not implemented" }),
      attach: unimplemented("Attach"),
      getMapping: unimplemented("GetMapping"),
      getMappings: unimplemented("GetMappings"),
      cancel: handle(async () => new empty.Empty()),
      getPluginInfo: handle(async () => {
        const info = new plugin.PluginInfo();
        info.setVersion(packageVersion());
        return info;
      }),
      getSchema: handle(async () => {
        const response = new proto.GetSchemaResponse();
        response.setSchema(schemaText());
        return response;
      }),
      checkConfig: handle(async (call) => this.checkConfig(call.request as provproto.CheckRequest)),
      diffConfig: handle(async (call) => this.diffConfig(call.request as provproto.DiffRequest)),
      configure: handle(async (call) => this.configure(call.request as provproto.ConfigureRequest)),
      check: handle(async (call) => this.check(call.request as provproto.CheckRequest)),
      diff: handle(async (call) => this.diff(call.request as provproto.DiffRequest)),
      create: handle(async (call) => this.create(call.request as provproto.CreateRequest)),
      read: handle(async (call) => this.read(call.request as provproto.ReadRequest)),
      update: handle(async (call) => this.update(call.request as provproto.UpdateRequest)),
      delete: handle(async (call) => this.delete(call.request as provproto.DeleteRequest)),
      invoke: handle(async (call) => this.invoke(call.request as provproto.InvokeRequest)),
    };
  }

  private checkConfig(request: provproto.CheckRequest) {
    const news = fromStruct(request.getNews());
    const response = new proto.CheckResponse();
    response.setInputs(toStruct(checkedProviderInputs(news)));
    response.setFailuresList(failuresOf(checkProviderSettings(news, process.env, settingNamingFor(request.getUrn()))));
    return response;
  }

  private diffConfig(request: provproto.DiffRequest) {
    const olds = request.hasOldInputs() ? fromStruct(request.getOldInputs()) : fromStruct(request.getOlds());
    const changed = changedProviderSettings(olds, fromStruct(request.getNews()));
    const response = new proto.DiffResponse();
    // New settings take effect in place: accounts stay where they are (see README, "Native provider").
    response.setChanges(
      changed.length > 0 ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE,
    );
    response.setDiffsList(changed);
    return response;
  }

  private configure(request: provproto.ConfigureRequest) {
    const args = request.hasArgs() ? fromStruct(request.getArgs()) : undefined;
    const inputs: Props = args ?? {};
    if (!args) {
      // Older engines send only `pkg:config:key` variables.
      for (const [key, value] of request.getVariablesMap().entries()) inputs[key.split(":").pop()!] = value;
    }
    this.lookup = configLookupFrom(inputs);
    this.naming = settingNamingFor(request.getUrn());
    this.api = undefined;
    const response = new proto.ConfigureResponse();
    // Resource properties hold no secret of ours: let the engine strip and re-apply secretness around CRUD calls.
    response.setAcceptsecrets(false);
    response.setAcceptresources(false);
    response.setSupportspreview(false);
    return response;
  }

  private requireOfficialAccount(type: string) {
    if (type !== OFFICIAL_ACCOUNT_TOKEN)
      throw new Error(`unknown resource type ${type}; this provider manages ${OFFICIAL_ACCOUNT_TOKEN}.`);
  }

  private withIdSeed(urn: string, props: Props): Props {
    const idSeed = idSeedFromUrn(urn);
    return idSeed === undefined ? withoutIdSeed(props) : { ...withoutIdSeed(props), idSeed };
  }

  private async check(request: provproto.CheckRequest) {
    this.requireOfficialAccount(request.getType() || typeOfUrn(request.getUrn()));
    const news = unwrapSecrets(fromStruct(request.getNews())) as Props;
    const olds = unwrapSecrets(fromStruct(request.getOlds())) as Props;
    const result = await this.accounts.check(withoutIdSeed(olds), this.withIdSeed(request.getUrn(), news));
    const response = new proto.CheckResponse();
    response.setInputs(toStruct(withoutIdSeed(result.inputs)));
    response.setFailuresList(failuresOf(result.failures ?? []));
    return response;
  }

  private async diff(request: provproto.DiffRequest) {
    const result = await this.accounts.diff(
      request.getId(),
      fromStruct(request.getOlds()),
      fromStruct(request.getNews()),
    );
    const response = new proto.DiffResponse();
    response.setChanges(
      result.changes === true
        ? proto.DiffResponse.DiffChanges.DIFF_SOME
        : result.changes === false
          ? proto.DiffResponse.DiffChanges.DIFF_NONE
          : proto.DiffResponse.DiffChanges.DIFF_UNKNOWN,
    );
    response.setReplacesList(result.replaces ?? []);
    response.setStablesList(result.stables ?? []);
    response.setDeletebeforereplace(result.deleteBeforeReplace ?? false);
    return response;
  }

  private async create(request: provproto.CreateRequest) {
    const result = await this.accounts.create(this.withIdSeed(request.getUrn(), fromStruct(request.getProperties())));
    const response = new proto.CreateResponse();
    response.setId(result.id);
    response.setProperties(toStruct(withoutIdSeed(result.outs)));
    return response;
  }

  private async read(request: provproto.ReadRequest) {
    // `pulumi import` sends only the id; refresh sends the recorded state too.
    const result = await this.accounts.read(request.getId(), withoutIdSeed(fromStruct(request.getProperties())));
    const response = new proto.ReadResponse();
    response.setId(result.id ?? "");
    if (result.id) {
      response.setProperties(toStruct(withoutIdSeed(result.props)));
      response.setInputs(toStruct(withoutIdSeed(result.inputs)));
    }
    return response;
  }

  private async update(request: provproto.UpdateRequest) {
    const result = await this.accounts.update(
      request.getId(),
      withoutIdSeed(fromStruct(request.getOlds())),
      withoutIdSeed(fromStruct(request.getNews())),
    );
    const response = new proto.UpdateResponse();
    response.setProperties(toStruct(withoutIdSeed(result.outs)));
    return response;
  }

  private async delete(request: provproto.DeleteRequest) {
    await this.accounts.delete(request.getId());
    return new empty.Empty();
  }

  private async invoke(request: provproto.InvokeRequest) {
    const args = unwrapSecrets(fromStruct(request.getArgs())) as Props;
    const api = this.officialAccountsApi();
    let result: unknown;
    switch (request.getTok()) {
      case FUNCTION_TOKENS.getOfficialAccount:
        result = await lookUpOfficialAccount(api, args as unknown as GetOfficialAccountArgs);
        break;
      case FUNCTION_TOKENS.getOfficialAccounts:
        result = await lookUpOfficialAccounts(api, args as unknown as GetOfficialAccountsArgs);
        break;
      case FUNCTION_TOKENS.getSubscribedOfficialAccounts:
        result = await lookUpSubscribedOfficialAccounts(api, args as unknown as GetSubscribedOfficialAccountsArgs);
        break;
      default:
        throw new Error(
          `unknown function ${request.getTok()}; this provider offers ${Object.values(FUNCTION_TOKENS).join(", ")}.`,
        );
    }
    const response = new proto.InvokeResponse();
    response.setReturn(toStruct(result));
    return response;
  }
}

function typeOfUrn(urn: string): string {
  const parts = urn.split("::");
  return (parts[2] ?? "").split("$").pop() ?? "";
}

/** Serves the provider on a free loopback port; resolves with the port (which the engine reads from stdout). */
export async function serve(): Promise<{ port: number; server: grpcTypes.Server }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(services.ResourceProviderService, new TencentChatProviderService().handlers());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { port, server };
}
