/**
 * Where the target-aware suites run: a fresh in-process emulator (the
 * default, `npm test`) or a live Chat app (`npm run test:live`, which sets
 * TENCENTCHAT_TEST_TARGET=live and the app's TENCENTCHAT_* variables). The
 * suites are the same code either way; parts only an emulator can do (fault
 * injection, call counters, the control API) skip on live with a reason.
 *
 * Leftovers on a live app: every id a run will create carries the run's
 * prefix and is written to the ledger (scripts/support/live-ledger.ts) before
 * the create is sent. Each run destroys its own ids when it ends (in `after`
 * hooks, and the script's exit trap), and first sweeps every id an earlier
 * run left in the ledger. Chat users the suites need (owners, readers) are
 * fixed names, imported idempotently and reused, so they do not pile up.
 */
import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "../../emulator";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import type { ChatSettings } from "../../provider/behaviour/settings";
import {
  forgetLedgerIds,
  ledgerPath,
  liveChatSettings,
  recordLedgerIds,
  sweepLedger,
} from "../../scripts/support/live-ledger";
import { startLocalChat } from "../../scripts/support/local-chat";

export { LEDGER_ENV } from "../../scripts/support/live-ledger";
export const TARGET_ENV = "TENCENTCHAT_TEST_TARGET";
/** Every run prefix starts with this, so a person can also spot leftovers by eye. */
export const RUN_PREFIX_STEM = "ptclt";

/** The variables `npm run test:live` needs; one of the last two suffices. */
export const LIVE_VARIABLES = ["TENCENTCHAT_SDKAPPID", "TENCENTCHAT_IDENTIFIER", "TENCENTCHAT_SECRET_KEY"] as const;
export const LIVE_LOCATION_VARIABLES = ["TENCENTCHAT_REGION", "TENCENTCHAT_ENDPOINT"] as const;

/** Names of the missing variables (the region/endpoint pair reported as one). */
export function missingLiveVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  const missing: string[] = LIVE_VARIABLES.filter((name) => !env[name]);
  if (!LIVE_LOCATION_VARIABLES.some((name) => env[name])) missing.push(LIVE_LOCATION_VARIABLES.join(" or "));
  return missing;
}

export interface ChatTarget {
  readonly kind: "emulator" | "live";
  /** Settings a client or a stack uses to reach the target. */
  readonly settings: ChatSettings;
  /** Unique to this run; in every official-account id and resource name the suites create. */
  readonly runPrefix: string;
  /** A client of the target, rate-capped on live. */
  readonly api: OfficialAccountsApi;
  /** Imported Chat users: owners and readers. */
  readonly users: { readonly owner: string; readonly otherOwner: string; readonly readers: readonly string[] };
  /** A fresh official-account id carrying the run prefix, recorded in the ledger before any create. */
  accountId(label: string): string;
  /** A Pulumi resource name carrying the run prefix (generated ids start with it). */
  resourceName(label: string): string;
  /** Records ids the service or the provider chose, so clean-up and the sweep find them. */
  track(...ids: string[]): void;
  /** The emulator, or skips the calling test on live with `reason`. */
  emulatorOr(ctx: Mocha.Context, reason: string): RunningEmulator;
  /** Destroys every account this run recorded and forgets them. */
  cleanup(): Promise<void>;
  close(): Promise<void>;
}

export const RUN_ENV = "TENCENTCHAT_LIVE_RUN";

/** The run's prefix: from TENCENTCHAT_LIVE_RUN (one per `npm run test:live`), else a new one. */
function runPrefixOf(env: NodeJS.ProcessEnv): string {
  const given = env[RUN_ENV];
  if (given && /^[A-Za-z0-9_]{6,20}$/.test(given)) return given;
  return `${RUN_PREFIX_STEM}${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
}

const USERS = {
  owner: "ptc-test-owner",
  otherOwner: "ptc-test-owner-2",
  readers: ["ptc-test-reader-1", "ptc-test-reader-2", "ptc-test-reader-3"],
};

/** Opens the target TENCENTCHAT_TEST_TARGET names (default: a fresh emulator), users imported, leftovers swept. */
export async function openChatTarget(): Promise<ChatTarget> {
  const live = process.env[TARGET_ENV] === "live";
  let emulator: RunningEmulator | undefined;
  let settings: ChatSettings;
  let api: OfficialAccountsApi;
  if (live) {
    const missing = missingLiveVariables();
    if (missing.length > 0) throw new Error(`${TARGET_ENV}=live needs ${missing.join(", ")}`);
    settings = liveChatSettings();
    api = new OfficialAccountsApi(new ChatClient(settings));
  } else {
    ({ emulator, settings, api } = await startLocalChat("target", { control: true }));
  }
  const runPrefix = runPrefixOf(process.env);
  const file = ledgerPath();
  // Only a live app outlives the run; an emulator's ids need no ledger.
  const ledgerIds = new Set<string>();
  const record = (ids: string[]) => {
    for (const id of ids) ledgerIds.add(id);
    if (live) recordLedgerIds(file, runPrefix, ids);
  };
  if (live) await sweepLedger(api, file, runPrefix);
  await api.importUsers([USERS.owner, USERS.otherOwner, ...USERS.readers]);

  const target: ChatTarget = {
    kind: live ? "live" : "emulator",
    settings,
    runPrefix,
    api,
    users: USERS,
    accountId(label) {
      const id = `@TOA#_${runPrefix}_${label}`;
      record([id]);
      return id;
    },
    resourceName: (label) => `${runPrefix}-${label}`,
    track: (...ids) => record(ids),
    emulatorOr(ctx, reason) {
      if (!emulator) {
        process.stdout.write(`      (skipped on a live app: ${reason})\n`);
        ctx.skip(); // mocha reports it as pending
      }
      return emulator!;
    },
    async cleanup() {
      const left: string[] = [];
      for (const id of ledgerIds) {
        try {
          await api.destroy(id);
        } catch {
          left.push(id);
        }
      }
      const done = new Set([...ledgerIds].filter((id) => !left.includes(id)));
      ledgerIds.clear();
      if (live) forgetLedgerIds(file, runPrefix, done);
    },
    async close() {
      try {
        await target.cleanup();
      } finally {
        await emulator?.close();
      }
    },
  };
  return target;
}
