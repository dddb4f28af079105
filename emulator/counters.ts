/**
 * Call counters per command. Every call that reaches a command's route ends
 * in exactly one outcome, so calls = ok + failed + throttled + faulted + dropped
 * once all answers are out.
 */
import { ALL_COMMANDS } from "../chat-api/commands";

/** One command's calls and how each ended. */
export interface CommandCounters {
  /** Requests that reached the command's route. */
  readonly calls: number;
  /** Answered with ErrorCode 0. */
  readonly ok: number;
  /** Answered with any other code, except the ones below. */
  readonly failed: number;
  /** Answered 60007 by the rate limiter. */
  readonly throttled: number;
  /** Answered by fault injection (transient code, injected 60007, HTTP 502). */
  readonly faulted: number;
  /** Applied, then the socket was closed without an answer (fault injection). */
  readonly dropped: number;
}

/** The counters of every command, and their sum (what `GET /__emulator/counters` answers). */
export interface Counters {
  /** Per command name; every command of the command table is present. */
  readonly commands: Readonly<Record<string, CommandCounters>>;
  /** The sum over all commands. */
  readonly total: CommandCounters;
}

/** How a call ended: every counter but `calls`. */
export type Outcome = Exclude<keyof CommandCounters, "calls">;

/** The counters while they are being counted. */
type Tally = { -readonly [K in keyof CommandCounters]: number };

function zero(): Tally {
  return { calls: 0, ok: 0, failed: 0, throttled: 0, faulted: 0, dropped: 0 };
}

/** Counts calls and outcomes per command for one emulator. */
export class CounterBook {
  private commands = new Map<string, Tally>();

  constructor() {
    this.reset();
  }

  /** Counts a call that reached `command`'s route. */
  call(command: string): void {
    this.entry(command).calls++;
  }

  /** Counts how a call of `command` ended; exactly once per call. */
  outcome(command: string, outcome: Outcome): void {
    this.entry(command)[outcome]++;
  }

  /** Zeroes every counter. */
  reset(): void {
    this.commands = new Map(ALL_COMMANDS.map((command) => [command, zero()]));
  }

  /** A copy of the counters and their sum. */
  snapshot(): Counters {
    const total = zero();
    const commands: Record<string, CommandCounters> = {};
    for (const [name, c] of this.commands) {
      commands[name] = { ...c };
      for (const key of Object.keys(total) as Array<keyof CommandCounters>) total[key] += c[key];
    }
    return { commands, total };
  }

  private entry(command: string): Tally {
    let c = this.commands.get(command);
    if (!c) {
      c = zero();
      this.commands.set(command, c);
    }
    return c;
  }
}
