/**
 * Messages to the engine: the plugin's side of `pulumirpc.Engine/Log`, at
 * the address the engine starts the plugin with (or hands over in Attach).
 * Warnings and status lines carry the resource's URN, so the CLI shows them
 * under the resource they concern; debug lines show with `--debug`, and on
 * stderr too when the plugin runs with `-v=N` (what `--logflow` passes on).
 * Every message passes the redactor first: never a secret key or a UserSig.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type { LogSeverity } from "@pulumi/pulumi/proto/engine_pb";
import { engine, engineServices, grpc } from "./protocol-stubs";

/** Where messages go; each method is fire-and-forget (a lost diagnostic never fails an operation). */
export interface EngineLog {
  debug(message: string, urn?: string): void;
  info(message: string, urn?: string): void;
  warning(message: string, urn?: string): void;
  /** An ephemeral status line (the CLI shows it beside the resource while it works, then drops it). */
  status(message: string, urn?: string): void;
}

/** Options of {@link EngineLogClient}. */
interface EngineLogOptions {
  /** Removes secrets from a message (the secret key, UserSigs); applied to every message. */
  readonly redact: (message: string) => string;
  /** Also write debug lines to stderr (the plugin was started with `-v=N`). */
  readonly debugToStderr?: boolean;
}

type LogClient = grpcTypes.Client & {
  log(request: unknown, callback: (error: grpcTypes.ServiceError | null) => void): void;
};

/** An {@link EngineLog} that sends to the engine once it knows the engine's address, and drops messages before. */
export class EngineLogClient implements EngineLog {
  #client: LogClient | undefined;
  #address: string | undefined;

  constructor(private readonly options: EngineLogOptions) {}

  /** The engine's address (`127.0.0.1:port`), as the first argument or the Attach request gives it. */
  get address(): string | undefined {
    return this.#address;
  }

  /**
   * Connects to the engine at `address` (replacing any earlier connection).
   * The client itself is made with the first message: the engine passes its
   * address at start, and the plugin prints its port before anything else.
   */
  connect(address: string): void {
    if (address === this.#address) return;
    this.#client?.close();
    this.#client = undefined;
    this.#address = address;
  }

  close(): void {
    this.#client?.close();
    this.#client = undefined;
    this.#address = undefined;
  }

  debug(message: string, urn?: string): void {
    if (this.options.debugToStderr) process.stderr.write(`tencentchat: ${this.options.redact(message)}\n`);
    this.#send(engine.LogSeverity.DEBUG, message, urn, false);
  }

  info(message: string, urn?: string): void {
    this.#send(engine.LogSeverity.INFO, message, urn, false);
  }

  warning(message: string, urn?: string): void {
    this.#send(engine.LogSeverity.WARNING, message, urn, false);
  }

  status(message: string, urn?: string): void {
    this.#send(engine.LogSeverity.INFO, message, urn, true);
  }

  #send(severity: LogSeverity, message: string, urn: string | undefined, ephemeral: boolean): void {
    if (this.#address === undefined) return;
    this.#client ??= new engineServices.EngineClient(this.#address, grpc.credentials.createInsecure()) as LogClient;
    const request = new engine.LogRequest();
    request.setSeverity(severity);
    request.setMessage(this.options.redact(message));
    if (urn) request.setUrn(urn);
    request.setEphemeral(ephemeral);
    // The engine may already be gone (a cancelled run): a lost diagnostic is not an error of the operation.
    this.#client.log(request, () => undefined);
  }
}
