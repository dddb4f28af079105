/**
 * The `tencentchat` resource provider's gRPC service: the engine's protocol
 * on one side, the behaviour both front doors share on the other
 * (OfficialAccountProvider, the lookups, the settings resolver, one API
 * client per process from the client cache). It holds no rule of its own:
 * it converts messages, seeds generated ids from the URN, keeps the
 * provider's settings that Configure hands it, tells the engine what happens
 * while it works (engine-log.ts), answers failures with gRPC codes the engine
 * understands (engine-errors.ts), and stops its waits when cancelled.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { INPUT_FIELDS } from "../../chat-api/official-account-fields";
import type { OfficialAccountsApi } from "../chat";
// From its own module, not the ../chat index, which loads the whole client (axios, UserSig signing).
import { observingCalls, type CallObserver } from "../chat/call-observer";
import { createRedactor } from "../chat/redact";
import {
  CONFIG_NAMESPACE,
  resolveChatSettings,
  SETTING_KEYS,
  settingSpec,
  type ConfigLookup,
} from "../behaviour/settings";
import type * as FunctionsModule from "../behaviour/official-account/functions";
import type * as AccountProviderModule from "../behaviour/official-account/provider";
import type * as ClientCacheModule from "../behaviour/client-cache";
import type { InputFailure } from "../behaviour/official-account/validation";
import { packageVersion } from "../package-info";
import type * as EngineErrorsModule from "./engine-errors";
import { EngineLogClient, type EngineLog } from "./engine-log";
import { lazy } from "./lazy";
import {
  changedProviderSettings,
  checkedProviderInputs,
  checkProviderSettings,
  configLookupFrom,
  settingNamingFor,
} from "./provider-settings";
import { plainData, unwrapSecrets } from "./property-values";
import { empty, grpc, plugin, proto, services, struct } from "./protocol-stubs";
import type * as SchemaModule from "./schema";
import type { Props } from "../behaviour/props";

// The behaviour behind the RPCs loads on the first call that needs it, not before the port is printed
// (see lazy.ts): these modules bring in the Chat client, axios and UserSig signing, and the schema.
const accountProvider = lazy(() => require("../behaviour/official-account/provider") as typeof AccountProviderModule);
const functionTable = lazy(() => require("../behaviour/official-account/functions") as typeof FunctionsModule);
const clientCache = lazy(() => require("../behaviour/client-cache") as typeof ClientCacheModule);
const engineErrors = lazy(() => require("./engine-errors") as typeof EngineErrorsModule);
const schema = lazy(() => require("./schema") as typeof SchemaModule);

export { grpc };

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

/** Runs one RPC, answering a thrown error with the gRPC status that says what happened (never the inputs). */
function handle(work: (call: Call) => Promise<unknown>) {
  return (call: Call, callback: Callback) => {
    work(call).then(
      (response) => callback(null, response),
      (error: unknown) => callback(engineErrors().grpcErrorOf(error)),
    );
  };
}

/** The secret settings (the secret key), whose values the engine log must never show. */
const SECRET_SETTINGS = SETTING_KEYS.map(settingSpec).filter((spec) => spec.secret);

/** A backoff at least this long also shows as the resource's status line while it lasts. */
const LONG_WAIT_MS = 1_000;

/** Options of {@link TencentChatProviderService}. */
export interface ProviderServiceOptions {
  /** Also write debug lines to stderr (the plugin runs with `-v=N`). */
  readonly verbose?: boolean;
}

/**
 * The plugin's ResourceProvider service: Configure and CheckConfig keep the provider's settings,
 * Check/Diff/Create/Read/Update/Delete run the shared behaviour, Invoke runs the function table's
 * rows, and every answer goes back with the engine's codes and diagnostics.
 */
export class TencentChatProviderService {
  private lookup: ConfigLookup = () => undefined;
  /** How messages name the settings: stack config for a default provider, arguments for an explicit one. */
  private naming = settingNamingFor(undefined);
  private api?: OfficialAccountsApi;
  /**
   * Aborted by Cancel (and SIGTERM/SIGINT): every retry, backoff and rate-limit wait of the operations
   * in progress stops. Operations started afterwards get a fresh one: the engine also sends Cancel when
   * a deployment's context ends (after a preview, to an attached plugin that serves the next run).
   */
  private cancellation = new AbortController();
  #accounts?: AccountProviderModule.OfficialAccountProvider;
  /** Messages to the engine, never carrying the secret key (from config or the environment) or a UserSig. */
  readonly engineLog: EngineLogClient;

  constructor(options: ProviderServiceOptions = {}) {
    this.engineLog = new EngineLogClient({ redact: (text) => this.redact(text), debugToStderr: options.verbose });
  }

  /** Removes every secret this process knows of (the secret key from config or environment, UserSigs in URLs). */
  readonly redact = createRedactor(() =>
    SECRET_SETTINGS.flatMap((source) => [this.lookup(`${CONFIG_NAMESPACE}:${source.key}`), process.env[source.envVar]]),
  );

  /** Stops the waits and retries of every operation in progress; requests already sent finish on their own. */
  cancel(): void {
    this.cancellation.abort();
    this.cancellation = new AbortController();
    this.engineLog.debug("cancelled: stopping retries and waits; requests already sent are let finish");
  }

  /** The process's shared API client for the settings Configure handed over (resolved on first use). */
  private configuredAccountsApi(): OfficialAccountsApi {
    return (this.api ??= clientCache().sharedOfficialAccountsApi(
      resolveChatSettings(this.lookup, process.env, this.naming),
    ));
  }

  /** The behaviour both front doors share; the API client is made on first use, so check and diff need no credentials. */
  private get accounts(): AccountProviderModule.OfficialAccountProvider {
    return (this.#accounts ??= new (accountProvider().OfficialAccountProvider)(() => this.configuredAccountsApi()));
  }

  /**
   * Runs one operation with its Chat calls reporting to the engine: retries
   * and throttling as warnings on the resource, slow answers as its status
   * line, the client's log as debug lines; all stop when cancelled.
   */
  private observed<T>(urn: string | undefined, work: () => Promise<T>): Promise<T> {
    const log: EngineLog = this.engineLog;
    const observer: CallObserver = {
      signal: this.cancellation.signal,
      onRetry: ({ command, code, meaning, attempt, delayMs, kind }) => {
        const what = kind === "throttle" ? "was throttled" : "failed";
        log.warning(
          `${command} ${what} with ${code} (${meaning}); retrying in ${delayMs} ms (attempt ${attempt + 1})`,
          urn,
        );
        if (delayMs >= LONG_WAIT_MS)
          log.status(`${command} ${what}: retrying in ${(delayMs / 1000).toFixed(1)} s`, urn);
      },
      onSlow: ({ command, attempt, waitedMs }) =>
        log.status(`waiting for ${command} (attempt ${attempt}): ${Math.round(waitedMs / 1000)} s so far`, urn),
      onLog: (line) => log.debug(line, urn),
    };
    return observingCalls(observer, work);
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
      attach: handle(async (call) => {
        // PULUMI_DEBUG_PROVIDERS: the plugin was started by hand; the engine tells it where to send messages.
        const address = (call.request as { getAddress(): string }).getAddress();
        this.engineLog.connect(address);
        process.stderr.write(`tencentchat: attached to the engine at ${address}\n`);
        return new empty.Empty();
      }),
      getMapping: unimplemented("GetMapping"),
      getMappings: unimplemented("GetMappings"),
      cancel: handle(async () => {
        this.cancel();
        return new empty.Empty();
      }),
      getPluginInfo: handle(async () => {
        const info = new plugin.PluginInfo();
        info.setVersion(packageVersion());
        return info;
      }),
      getSchema: handle(async () => {
        const response = new proto.GetSchemaResponse();
        response.setSchema(schema().schemaText());
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

  /** Refuses a resource type this provider does not manage, in every resource method. */
  private requireOfficialAccount(request: { getType(): string | undefined; getUrn(): string }) {
    const { OFFICIAL_ACCOUNT_TOKEN } = schema();
    const type = request.getType() || typeOfUrn(request.getUrn());
    if (type !== OFFICIAL_ACCOUNT_TOKEN) {
      throw new (engineErrors().UnsupportedTokenError)(
        `unknown resource type ${JSON.stringify(type)}; the tencentchat provider manages only ${OFFICIAL_ACCOUNT_TOKEN}. ` +
          "Check the type token in the program (or in `pulumi import`).",
      );
    }
  }

  private withIdSeed(urn: string, props: Props): Props {
    const idSeed = idSeedFromUrn(urn);
    return idSeed === undefined ? withoutIdSeed(props) : { ...withoutIdSeed(props), idSeed };
  }

  private async check(request: provproto.CheckRequest) {
    this.requireOfficialAccount(request);
    const news = unwrapSecrets(fromStruct(request.getNews())) as Props;
    const olds = unwrapSecrets(fromStruct(request.getOlds())) as Props;
    const result = await this.accounts.check(withoutIdSeed(olds), this.withIdSeed(request.getUrn(), news));
    const response = new proto.CheckResponse();
    response.setInputs(toStruct(withoutIdSeed(result.inputs)));
    response.setFailuresList(failuresOf(result.failures ?? []));
    return response;
  }

  private async diff(request: provproto.DiffRequest) {
    this.requireOfficialAccount(request);
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
    this.requireOfficialAccount(request);
    const props = this.withIdSeed(request.getUrn(), fromStruct(request.getProperties()));
    const result = await this.observed(request.getUrn(), () => this.accounts.create(props));
    const response = new proto.CreateResponse();
    response.setId(result.id);
    response.setProperties(toStruct(withoutIdSeed(result.outs)));
    return response;
  }

  private async read(request: provproto.ReadRequest) {
    this.requireOfficialAccount(request);
    const urn = request.getUrn();
    // `pulumi import` sends only the id; refresh sends the recorded state too.
    const recorded = withoutIdSeed(fromStruct(request.getProperties()));
    const result = await this.observed(urn, () => this.accounts.read(request.getId(), recorded));
    const response = new proto.ReadResponse();
    response.setId(result.id ?? "");
    if (result.id) {
      response.setProperties(toStruct(withoutIdSeed(result.props)));
      response.setInputs(toStruct(withoutIdSeed(result.inputs)));
      for (const name of result.unreadFields ?? []) this.engineLog.warning(unreadFieldWarning(name), urn);
    }
    return response;
  }

  private async update(request: provproto.UpdateRequest) {
    this.requireOfficialAccount(request);
    const olds = withoutIdSeed(fromStruct(request.getOlds()));
    const news = withoutIdSeed(fromStruct(request.getNews()));
    const result = await this.observed(request.getUrn(), () => this.accounts.update(request.getId(), olds, news));
    const response = new proto.UpdateResponse();
    response.setProperties(toStruct(withoutIdSeed(result.outs)));
    return response;
  }

  private async delete(request: provproto.DeleteRequest) {
    this.requireOfficialAccount(request);
    await this.observed(request.getUrn(), () => this.accounts.delete(request.getId()));
    return new empty.Empty();
  }

  private async invoke(request: provproto.InvokeRequest) {
    const { FUNCTION_TOKENS, SCHEMA_PACKAGE } = schema();
    const { isFunctionName, invokeFunction } = functionTable();
    const token = request.getTok();
    const name = token.startsWith(`${SCHEMA_PACKAGE}:index:`) ? token.slice(`${SCHEMA_PACKAGE}:index:`.length) : "";
    if (!isFunctionName(name)) {
      throw new (engineErrors().UnsupportedTokenError)(
        `unknown function ${token}; the tencentchat provider offers ${FUNCTION_TOKENS.join(", ")}.`,
      );
    }
    const args = unwrapSecrets(fromStruct(request.getArgs()));
    // invokeFunction checks the arguments against the function's row, as it does for program-side calls.
    const result = await this.observed(undefined, () => invokeFunction(this.configuredAccountsApi(), name, args));
    const response = new proto.InvokeResponse();
    response.setReturn(toStruct(result));
    return response;
  }
}

/** The warning for an input the service's read did not return, which an import leaves out. */
function unreadFieldWarning(name: string): string {
  const field = INPUT_FIELDS.find((candidate) => candidate.name === name);
  const fallback = field?.default === undefined ? "" : ` (when it is not declared, new accounts get ${field.default})`;
  return (
    `${name} could not be read: the Chat API's read does not return it, so the import leaves it out and ` +
    `Pulumi does not manage it. Declare ${name} in the program with the account's real value${fallback} ` +
    `to manage it; until then no change is made to it.`
  );
}

function typeOfUrn(urn: string): string {
  const parts = urn.split("::");
  return (parts[2] ?? "").split("$").pop() ?? "";
}

/** How the plugin serves: as the engine starts it, or by hand for attach mode. */
export interface ServeOptions {
  /** Port to listen on; 0 (the default) takes a free one. A fixed port serves PULUMI_DEBUG_PROVIDERS. */
  readonly port?: number;
  /** The engine's address (the first argument the engine passes); diagnostics go there. */
  readonly engineAddress?: string;
  /** Write debug lines to stderr too (`-v=N` from the engine's --logflow, or by hand). */
  readonly verbose?: boolean;
}

/** A running plugin server. */
export interface ServedProvider {
  readonly port: number;
  readonly server: grpcTypes.Server;
  readonly service: TencentChatProviderService;
}

/** Serves the provider on a loopback port; resolves with the port (which the engine reads from stdout). */
export async function serve(options: ServeOptions = {}): Promise<ServedProvider> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  const service = new TencentChatProviderService({ verbose: options.verbose });
  if (options.engineAddress) service.engineLog.connect(options.engineAddress);
  server.addService(services.ResourceProviderService, service.handlers());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { port, server, service };
}
