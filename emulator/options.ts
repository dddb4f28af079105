/**
 * The emulator's options and the one function that fills their defaults in
 * (defaults.ts) and rejects values that make no sense.
 */
import { DOCUMENTED_CALLS_PER_SECOND } from "../chat-api/limits";
import {
  DEFAULT_ACCOUNT_QUOTA,
  DEFAULT_HOST,
  DEFAULT_IDENTIFIER,
  DEFAULT_SDK_APP_ID,
  DEFAULT_SECRET_KEY,
} from "./defaults";
import type { FaultOptions } from "./faults";

/** How to start an emulator (`startEmulator`); every member is optional and says its default. */
export interface EmulatorOptions {
  /** TCP port; 0 (the default here) picks any free port. */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** The SDKAppID callers must send; default {@link DEFAULT_SDK_APP_ID}. */
  readonly sdkAppId?: number;
  /** The key UserSigs are verified with; default {@link DEFAULT_SECRET_KEY}. */
  readonly secretKey?: string;
  /** The app admin: the only `identifier` allowed to call; default {@link DEFAULT_IDENTIFIER}. */
  readonly identifier?: string;
  /** @deprecated The old name of {@link EmulatorOptions.identifier}; still read when `identifier` is not given. */
  readonly admin?: string;
  /** Keep state in this JSON file (loaded at start, written atomically); default in memory only. */
  readonly stateFile?: string;
  /** Calls per second allowed per command before 60007; 0 turns the limit off. Default the documented limit, {@link DOCUMENTED_CALLS_PER_SECOND}. */
  readonly rateLimitPerSecond?: number;
  /** Fault injection at start; change it later with `setFaults` or `PUT /__emulator/faults`. */
  readonly faults?: FaultOptions;
  /** Chat users (UserIDs) imported at start, as if by account_import; owners and subscribers must be imported. */
  readonly importUsers?: readonly string[];
  /** @deprecated The old name of {@link EmulatorOptions.importUsers}; its users are imported too. */
  readonly importAccounts?: readonly string[];
  /** Live official accounts allowed before create answers 130010; default {@link DEFAULT_ACCOUNT_QUOTA} (`TRIAL_ACCOUNT_QUOTA` = the trial plan). */
  readonly accountQuota?: number;
  /** Serve the control API under `/__emulator/`; default false. */
  readonly control?: boolean;
  /**
   * Return MaxSubscriberNum from get_official_account_info when no filter is
   * given. Default false: the vendor's page documents no such field in the
   * answer, so by default the emulator leaves it out, as the live API may.
   */
  readonly returnMaxSubscriberNum?: boolean;
  /** The clock, in Unix milliseconds: CreateTime, SubscribeTime and UserSig expiry follow it. Default Date.now. */
  readonly clock?: () => number;
  /** Receives one line per request (never secrets); default silent. */
  readonly log?: (line: string) => void;
}

/** Every {@link EmulatorOptions} member with its default filled in; each means what it means there. */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly identifier: string;
  readonly stateFile: string | undefined;
  readonly rateLimitPerSecond: number;
  readonly faults: FaultOptions;
  readonly importUsers: readonly string[];
  readonly accountQuota: number;
  readonly control: boolean;
  readonly returnMaxSubscriberNum: boolean;
  readonly clock: () => number;
  readonly log: (line: string) => void;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

/** Fills in defaults; throws an Error naming the option when a value is unusable. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const port = nonNegativeInteger("port", options.port ?? 0);
  if (port > 65535) throw new Error(`port must be at most 65535, got ${port}`);
  const sdkAppId = options.sdkAppId ?? DEFAULT_SDK_APP_ID;
  if (!Number.isInteger(sdkAppId) || sdkAppId <= 0) throw new Error(`sdkAppId must be a positive integer`);
  const secretKey = options.secretKey ?? DEFAULT_SECRET_KEY;
  if (!secretKey) throw new Error("secretKey must not be empty");
  const identifier = options.identifier ?? options.admin ?? DEFAULT_IDENTIFIER;
  if (!identifier) throw new Error("identifier must not be empty");
  return {
    port,
    host: options.host ?? DEFAULT_HOST,
    sdkAppId,
    secretKey,
    identifier,
    stateFile: options.stateFile || undefined,
    rateLimitPerSecond: nonNegativeInteger(
      "rateLimitPerSecond",
      options.rateLimitPerSecond ?? DOCUMENTED_CALLS_PER_SECOND,
    ),
    faults: options.faults ?? {},
    importUsers: [...(options.importUsers ?? []), ...(options.importAccounts ?? [])],
    accountQuota: nonNegativeInteger("accountQuota", options.accountQuota ?? DEFAULT_ACCOUNT_QUOTA),
    control: options.control ?? false,
    returnMaxSubscriberNum: options.returnMaxSubscriberNum ?? false,
    clock: options.clock ?? Date.now,
    log: options.log ?? (() => undefined),
  };
}
