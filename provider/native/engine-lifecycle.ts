/**
 * The plugin's life as the engine runs it: the command line the engine
 * starts it with (`[--logtostderr] [-v=N] [--tracing URL] <engine address>`),
 * a fixed `--port` for attach mode (PULUMI_DEBUG_PROVIDERS), and stopping
 * cleanly when the engine closes it (SIGINT to the plugin's process group,
 * then SIGKILL after 5 seconds) or a supervisor sends SIGTERM.
 */
import type { ServedProvider, ServeOptions } from "./server";

/** What the command line asks for. */
export interface PluginArguments extends ServeOptions {
  /** `--help`: print usage and exit. */
  readonly help?: boolean;
}

/** Usage, for `--help` and a bad command line. */
export const PLUGIN_USAGE = `usage: pulumi-resource-tencentchat [--port N] [-v=N] [--logtostderr] [--tracing URL] [ENGINE_ADDRESS]

  The Pulumi engine starts this plugin itself with its own address. To debug the plugin, start it by hand
  with a fixed port and point the engine at it:
    pulumi-resource-tencentchat --port 50051          # prints 50051
    PULUMI_DEBUG_PROVIDERS=tencentchat:50051 pulumi preview
  -v=N (N >= 1) also writes the plugin's debug lines to stderr.`;

/** Reads the plugin's command line; throws naming a malformed `--port`. */
export function parsePluginArguments(argv: readonly string[]): PluginArguments {
  let port: number | undefined;
  let verbose = false;
  let engineAddress: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const [flag, inline] = arg.startsWith("-") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++index];
    if (flag === "--help" || flag === "-h") return { help: true };
    if (flag === "--port") {
      const text = value();
      port = Number(text);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port must be a TCP port number (0 to 65535); got ${JSON.stringify(text)}.`);
      }
    } else if (flag === "-v" || flag === "--v") {
      verbose = Number(value()) > 0;
    } else if (flag === "--tracing") {
      value(); // the engine's tracing endpoint: this plugin sends no traces
    } else if (flag === "--logtostderr" || flag === "--logflow" || flag === "--alsologtostderr") {
      // glog flags the engine passes on; our log already goes to the engine and, with -v, to stderr
    } else if (!arg.startsWith("-") && engineAddress === undefined) {
      engineAddress = arg;
    }
    // Anything else is ignored: a newer engine may pass flags this plugin has no use for, and must still start it.
  }
  return { port, verbose, engineAddress };
}

/** How long in-flight calls may take to finish after a stop signal (the engine kills the plugin after 5 s). */
export const SHUTDOWN_GRACE_MS = 4_000;

/**
 * On SIGINT or SIGTERM: cancel every wait and retry, let calls already sent
 * finish, stop serving, and exit; whatever is still running after
 * {@link SHUTDOWN_GRACE_MS} is abandoned.
 */
export function exitOnStopSignals(served: ServedProvider): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    served.service.engineLog.debug(`${signal}: shutting down`);
    served.service.cancel();
    setTimeout(() => {
      served.server.forceShutdown();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
    served.server.tryShutdown(() => {
      served.service.engineLog.close();
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
