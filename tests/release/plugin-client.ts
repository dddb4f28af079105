/**
 * Starts a plugin executable the way the engine does (its address as the
 * argument, the port read from the first stdout line) and asks it for its
 * schema over the engine's protocol.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { grpc } from "../../provider/native/server";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));
const proto = fromPulumi("./provider_pb");
const { ResourceProviderClient } = fromPulumi("./provider_grpc_pb");

/** A started plugin: its port, and a stop that waits for it to exit. */
export interface RunningPlugin {
  readonly process: ChildProcess;
  readonly port: number;
  /** Everything it wrote on stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Spawns `command args` and waits for the port line (no time limit of its own: the mocha timeout decides). */
export function startPlugin(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<RunningPlugin> {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      reject(new Error(`${command} exited (${code ?? signal}) before printing its port; stderr:\n${stderr}`)),
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk;
      const line = /^(\d+)\n/.exec(stdout);
      if (!line) return;
      resolve({
        process: child,
        port: Number(line[1]),
        stderr: () => stderr,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}

/** The schema the plugin on `port` answers to GetSchema. */
export async function getSchema(port: number): Promise<string> {
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  try {
    return await new Promise<string>((resolve, reject) =>
      client.getSchema(new proto.GetSchemaRequest(), (error: Error | null, response: { getSchema(): string }) =>
        error ? reject(error) : resolve(response.getSchema()),
      ),
    );
  } finally {
    client.close();
  }
}
