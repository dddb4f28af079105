/**
 * The emulator's options, their named defaults, and the one function that
 * fills the defaults in and rejects values that make no sense.
 */
import { DOCUMENTED_CALLS_PER_SECOND } from "../chat-api/limits";
import type { FaultOptions } from "./faults";

/** The SDKAppID the emulator answers for unless told otherwise. */
export const DEFAULT_SDK_APP_ID = 1400000000;
/** The app admin whose UserSig every call must carry. */
export const DEFAULT_ADMIN = "administrator";
/** A deliberately fake key so a demo needs no Tencent account; never use it for a real app. */
export const DEFAULT_SECRET_KEY = "emulator-demo-secret-key-not-a-real-tencent-key";
/** The CLI's default port; `startEmulator` defaults to 0 (any free port). */
export const DEFAULT_CLI_PORT = 8787;
/** The interface it listens on: loopback only, so nothing outside this machine can call it. */
export const DEFAULT_HOST = "127.0.0.1";
/** Calls per second per command, as documented for the live service. */
export const DEFAULT_RATE_LIMIT_PER_SECOND = DOCUMENTED_CALLS_PER_SECOND;
/** Live official accounts the app may hold before create answers 130010. */
export const DEFAULT_ACCOUNT_QUOTA = 10000;
/** The vendor's trial plan: 5 official accounts (130010 past that); the CLI's `--account-quota trial`. */
export const TRIAL_ACCOUNT_QUOTA = 5;
/** Request bodies above this are refused (60003) without being parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

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
  /** The only identifier allowed to call; default {@link DEFAULT_ADMIN}. */
  readonly admin?: string;
  /** Keep state in this JSON file (loaded at start, written atomically); default in memory only. */
  readonly stateFile?: string;
  /** Calls per second allowed per command before 60007; 0 turns the limit off. Default 200. */
  readonly rateLimitPerSecond?: number;
  /** Fault injection at start; change it later with `setFaults` or `PUT /__emulator/faults`. */
  readonly faults?: FaultOptions;
  /** UserIDs imported at start, as if by account_import. */
  readonly importAccounts?: readonly string[];
  /** Live official accounts allowed before create answers 130010; default 10000 ({@link TRIAL_ACCOUNT_QUOTA} = the trial plan). */
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
  readonly admin: string;
  readonly stateFile: string | undefined;
  readonly rateLimitPerSecond: number;
  readonly faults: FaultOptions;
  readonly importAccounts: readonly string[];
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
  const admin = options.admin ?? DEFAULT_ADMIN;
  if (!admin) throw new Error("admin must not be empty");
  return {
    port,
    host: options.host ?? DEFAULT_HOST,
    sdkAppId,
    secretKey,
    admin,
    stateFile: options.stateFile || undefined,
    rateLimitPerSecond: nonNegativeInteger(
      "rateLimitPerSecond",
      options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND,
    ),
    faults: options.faults ?? {},
    importAccounts: options.importAccounts ?? [],
    accountQuota: nonNegativeInteger("accountQuota", options.accountQuota ?? DEFAULT_ACCOUNT_QUOTA),
    control: options.control ?? false,
    returnMaxSubscriberNum: options.returnMaxSubscriberNum ?? false,
    clock: options.clock ?? Date.now,
    log: options.log ?? (() => undefined),
  };
}
