/**
 * Call counters per command. Every call that reaches a command's route ends
 * in exactly one outcome, so calls = ok + failed + throttled + faulted + dropped
 * once all answers are out.
 */
import { ALL_COMMANDS } from "../chat-api/commands";

export interface CommandCounters {
  /** Requests that reached the command's route. */
  calls: number;
  /** Answered with ErrorCode 0. */
  ok: number;
  /** Answered with any other code, except the ones below. */
  failed: number;
  /** Answered 60007 by the rate limiter. */
  throttled: number;
  /** Answered by fault injection (transient code, injected 60007, HTTP 502). */
  faulted: number;
  /** Applied, then the socket was closed without an answer (fault injection). */
  dropped: number;
}

export interface Counters {
  commands: Record<string, CommandCounters>;
  total: CommandCounters;
}

export type Outcome = Exclude<keyof CommandCounters, "calls">;

function zero(): CommandCounters {
  return { calls: 0, ok: 0, failed: 0, throttled: 0, faulted: 0, dropped: 0 };
}

export class CounterBook {
  private commands = new Map<string, CommandCounters>();

  constructor() {
    this.reset();
  }

  call(command: string): void {
    this.entry(command).calls++;
  }

  outcome(command: string, outcome: Outcome): void {
    this.entry(command)[outcome]++;
  }

  reset(): void {
    this.commands = new Map(ALL_COMMANDS.map((command) => [command, zero()]));
  }

  snapshot(): Counters {
    const total = zero();
    const commands: Record<string, CommandCounters> = {};
    for (const [name, c] of this.commands) {
      commands[name] = { ...c };
      for (const key of Object.keys(total) as Array<keyof CommandCounters>) total[key] += c[key];
    }
    return { commands, total };
  }

  private entry(command: string): CommandCounters {
    let c = this.commands.get(command);
    if (!c) {
      c = zero();
      this.commands.set(command, c);
    }
    return c;
  }
}
