/** The pieces one running emulator is made of, shared by the API server and the control API. */
import type { CounterBook } from "./counters";
import type { FaultInjector } from "./faults";
import type { ResolvedOptions } from "./options";
import type { CommandRateWindow } from "./rate-limit";
import type { ChatState } from "./state";

export interface EmulatorCore {
  options: ResolvedOptions;
  state: ChatState;
  faults: FaultInjector;
  limiter: CommandRateWindow;
  counters: CounterBook;
}
