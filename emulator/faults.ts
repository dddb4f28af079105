/**
 * Opt-in fault injection for the /v4/ API: transient codes, throttling,
 * HTTP 502, latency and dropped responses. Off unless a probability is set.
 */
import { ALL_COMMANDS } from "../chat-api/commands";
import { ErrorCode } from "../chat-api/error-codes";

/** Fault injection for the /v4/ commands; every fault is off unless its member is set. */
export interface FaultOptions {
  /** Probability (0..1) of answering 10004 or 20005 without applying the call. */
  readonly transient?: number;
  /** Probability (0..1) of answering 60007 without applying the call. */
  readonly throttle?: number;
  /** Probability (0..1) of answering HTTP 502 without applying the call. */
  readonly http502?: number;
  /** Probability (0..1) of applying the call, then closing the socket without an answer. */
  readonly drop?: number;
  /** Delay added before every affected call is handled, in milliseconds. */
  readonly latencyMs?: number;
  /** Random spread around `latencyMs` (plus or minus), in milliseconds. */
  readonly latencyJitterMs?: number;
  /** Limit faults to these commands; absent or empty means every /v4/ command. */
  readonly commands?: readonly string[];
}

const PROBABILITIES = ["transient", "throttle", "http502", "drop"] as const;
const DURATIONS = ["latencyMs", "latencyJitterMs"] as const;
const KNOWN_KEYS = new Set<string>([...PROBABILITIES, ...DURATIONS, "commands"]);
const KNOWN_COMMANDS = new Set<string>(ALL_COMMANDS);

/** Checks fault options from any source (flags, JSON, code) and returns a clean copy; throws naming the bad key. */
export function validateFaults(input: unknown): FaultOptions {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new Error("faults must be an object");
  }
  const source = input as Record<string, unknown>;
  const out: { -readonly [K in keyof FaultOptions]: FaultOptions[K] } = {};
  for (const key of Object.keys(source)) {
    if (!KNOWN_KEYS.has(key)) throw new Error(`unknown fault option "${key}"`);
  }
  for (const key of PROBABILITIES) {
    const value = source[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw new Error(`fault option "${key}" must be a probability between 0 and 1`);
    }
    out[key] = value;
  }
  for (const key of DURATIONS) {
    const value = source[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 600000) {
      throw new Error(`fault option "${key}" must be a number of milliseconds between 0 and 600000`);
    }
    out[key] = value;
  }
  if (source.commands !== undefined) {
    if (!Array.isArray(source.commands) || !source.commands.every((c) => typeof c === "string")) {
      throw new Error(`fault option "commands" must be an array of command names`);
    }
    for (const command of source.commands as string[]) {
      if (!KNOWN_COMMANDS.has(command)) throw new Error(`fault option "commands": unknown command "${command}"`);
    }
    out.commands = [...(source.commands as string[])];
  }
  return out;
}

/** What to do to one call, decided once when it arrives. */
interface FaultPlan {
  /** Wait this long before handling the call. */
  readonly delayMs: number;
  /** Answer with this instead of handling the call. */
  readonly failure?:
    { readonly kind: "http502" } | { readonly kind: "envelope"; readonly code: number; readonly info: string };
  /** Handle the call, then close the socket without answering. */
  readonly drop: boolean;
}

const NO_FAULT: FaultPlan = { delayMs: 0, drop: false };

/** The fault settings of one emulator, and what they do to each call. */
export class FaultInjector {
  private faults: FaultOptions;

  constructor(
    faults: FaultOptions,
    private readonly random: () => number = Math.random,
  ) {
    this.faults = validateFaults(faults);
  }

  /** A copy of the current settings. */
  get(): FaultOptions {
    return structuredClone(this.faults);
  }

  /** Replaces every fault setting at once. */
  set(faults: unknown): void {
    this.faults = validateFaults(faults);
  }

  /** What to do to one call of `command`, drawn from the probabilities. */
  plan(command: string): FaultPlan {
    const f = this.faults;
    if (f.commands && f.commands.length > 0 && !f.commands.includes(command)) return NO_FAULT;
    const base = f.latencyMs ?? 0;
    const jitter = f.latencyJitterMs ?? 0;
    const delayMs = base + jitter > 0 ? Math.max(0, base + (this.random() * 2 - 1) * jitter) : 0;
    const hit = (p: number | undefined): boolean => p !== undefined && p > 0 && this.random() < p;
    let failure: FaultPlan["failure"];
    if (hit(f.http502)) failure = { kind: "http502" };
    else if (hit(f.transient)) {
      const code = this.random() < 0.5 ? ErrorCode.internalError : ErrorCode.internalErrorAlt;
      failure = { kind: "envelope", code, info: "Internal server error. Please try again. (emulator fault injection)" };
    } else if (hit(f.throttle)) {
      failure = {
        kind: "envelope",
        code: ErrorCode.frequencyLimit,
        info: "REST API call frequency exceeds the limit. (emulator fault injection)",
      };
    }
    return { delayMs, failure, drop: failure === undefined && hit(f.drop) };
  }
}
