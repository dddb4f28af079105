/**
 * A local Tencent Cloud Chat REST API for official accounts: start it with
 * `startEmulator()` (or the `tencentchat-emulator` CLI) and point a client
 * at its `url`. See docs/emulator.md.
 */
import type { AddressInfo } from "node:net";
import type { EmulatorCore } from "./core";
import { CounterBook, type Counters } from "./counters";
import { FaultInjector, type FaultOptions } from "./faults";
import { resolveOptions, type EmulatorOptions } from "./options";
import { importProblem } from "./handlers/user-import";
import { CommandRateWindow } from "./rate-limit";
import { createEmulatorServer } from "./server";
import { ChatState, type EmulatorStateSnapshot } from "./state";
import { FileStorage, MemoryStorage, type StateStorage } from "./storage";

export * from "./defaults";
export type { EmulatorOptions } from "./options";
export type { FaultOptions } from "./faults";
export type { CommandCounters, Counters } from "./counters";
export type { AccountSnapshot, EmulatorStateSnapshot, SubscriptionSnapshot } from "./state";

/** A started emulator. The methods mirror the control API for tests in the same process. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:8787`; commands live under `${url}/v4/...`. */
  readonly url: string;
  /** The TCP port it listens on (the one picked when `port` was 0). */
  readonly port: number;
  /** Stops listening, drops open connections and writes the state file. Safe to call twice. */
  close(): Promise<void>;
  /** Replaces every fault setting (like `PUT /__emulator/faults`); throws on invalid values. */
  setFaults(faults: FaultOptions): void;
  /** Call counters per command (like `GET /__emulator/counters`). */
  counters(): Counters;
  /** Zeroes the counters (like `POST /__emulator/counters/reset`). */
  resetCounters(): void;
  /** A copy of the whole state (like `GET /__emulator/state`). */
  snapshot(): EmulatorStateSnapshot;
}

/** The host as a URL writes it: an IPv6 address in brackets. */
function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Starts an emulator and resolves once it listens: on a free port of 127.0.0.1 unless `options` say
 * otherwise, with state loaded from `stateFile` when there is one. Close it with `close()`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const opts = resolveOptions(options);
  for (const user of opts.importUsers) {
    const problem = importProblem(user);
    if (problem) throw new Error(`importUsers: ${JSON.stringify(user)} cannot be imported: ${problem}`);
  }
  const storage: StateStorage = opts.stateFile
    ? new FileStorage(opts.stateFile, (error) => opts.log(`cannot write state file: ${error.message}`))
    : new MemoryStorage();
  const state: ChatState = new ChatState(() => storage.scheduleSave(() => state.snapshot()));
  const saved = await storage.load();
  if (saved) state.load(saved);
  for (const user of opts.importUsers) state.importUser(user);

  const core: EmulatorCore = {
    options: opts,
    state,
    faults: new FaultInjector(opts.faults),
    limiter: new CommandRateWindow(opts.rateLimitPerSecond),
    counters: new CounterBook(),
  };
  const { server, markClosed } = createEmulatorServer(core);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(opts.host)}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        markClosed();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await storage.flush();
      })();
      return closing;
    },
    setFaults: (faults) => core.faults.set(faults),
    counters: () => core.counters.snapshot(),
    resetCounters: () => core.counters.reset(),
    snapshot: () => state.snapshot(),
  };
}
