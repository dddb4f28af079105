/** The pieces one running emulator is made of, shared by the API server and the control API. */
import type { CounterBook } from "./counters";
import type { FaultInjector } from "./faults";
import type { ResolvedOptions } from "./options";
import type { CommandRateWindow } from "./rate-limit";
import type { ChatState } from "./state";

/** One running emulator's pieces. */
export interface EmulatorCore {
  /** Its options, defaults filled in. */
  readonly options: ResolvedOptions;
  /** The app's users, accounts and subscriptions. */
  readonly state: ChatState;
  /** The fault settings, and what they do to each call. */
  readonly faults: FaultInjector;
  /** The per-command rate limit. */
  readonly limiter: CommandRateWindow;
  /** Calls and outcomes per command. */
  readonly counters: CounterBook;
}
