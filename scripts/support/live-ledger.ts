/**
 * The ledger of official accounts that runs against a live Chat app created
 * (`npm run test:live`). The API has no call that lists every official
 * account, so a run cannot discover what an earlier run left: instead every id
 * a run will create is written here before the create is sent, and ids the
 * service generates as soon as they are known. A run destroys its own ids
 * when it ends; `scripts/live-sweep.ts` and the next run destroy whatever an
 * earlier run left. One JSON file (TENCENTCHAT_LIVE_LEDGER, default
 * .state/live-ledger.json), written atomically.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { OfficialAccountsApi } from "../../provider/chat";
import { resolveChatSettings, type ChatSettings } from "../../provider/behaviour/settings";
import { REPO_ROOT } from "../pulumi-runner";

/** The variable that moves the ledger file. */
export const LEDGER_ENV = "TENCENTCHAT_LIVE_LEDGER";
/** Client-side cap on a live app: the documented limit is 200 calls/s per command; stay far below. */
export const LIVE_CALLS_PER_SECOND = 10;

interface Ledger {
  runs: Record<string, { started: string; ids: string[] }>;
}

/** The ledger file: TENCENTCHAT_LIVE_LEDGER, else .state/live-ledger.json in the repository. */
export function ledgerPath(): string {
  return process.env[LEDGER_ENV] || path.join(REPO_ROOT, ".state", "live-ledger.json");
}

/** The live app's settings from the TENCENTCHAT_* variables, capped at {@link LIVE_CALLS_PER_SECOND}. */
export function liveChatSettings(): ChatSettings {
  return { ...resolveChatSettings(() => undefined), callsPerSecond: LIVE_CALLS_PER_SECOND };
}

function readLedger(file: string): Ledger {
  if (!existsSync(file)) return { runs: {} };
  return JSON.parse(readFileSync(file, "utf8")) as Ledger;
}

function writeLedger(file: string, ledger: Ledger): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(ledger, null, 2));
  renameSync(`${file}.tmp`, file); // a crash mid-write must not lose the ids already recorded
}

/** Adds `ids` to `run`'s entry (made on first use), before anything creates them. */
export function recordLedgerIds(file: string, run: string, ids: readonly string[]): void {
  const ledger = readLedger(file);
  const entry = ledger.runs[run] ?? { started: new Date().toISOString(), ids: [] };
  ledger.runs[run] = { ...entry, ids: [...new Set([...entry.ids, ...ids])] };
  writeLedger(file, ledger);
}

/**
 * Drops `gone` from `run`'s entry, and the entry once it is empty. Only what
 * is gone: another target of the same run (the next suite) may share the entry.
 */
export function forgetLedgerIds(file: string, run: string, gone: ReadonlySet<string>): void {
  const ledger = readLedger(file);
  const entry = ledger.runs[run];
  const ids = (entry?.ids ?? []).filter((id) => !gone.has(id));
  if (ids.length === 0) delete ledger.runs[run];
  else ledger.runs[run] = { started: entry?.started ?? new Date().toISOString(), ids };
  writeLedger(file, ledger);
}

/**
 * Destroys the ids of every run in the ledger except `keepRun` (a missing
 * account counts as done) and drops the runs whose ids are all gone.
 * Returns the ids destroyed or found gone.
 */
export async function sweepLedger(api: OfficialAccountsApi, file = ledgerPath(), keepRun?: string): Promise<string[]> {
  const swept: string[] = [];
  for (const [run, entry] of Object.entries(readLedger(file).runs)) {
    if (run === keepRun) continue;
    const left: string[] = [];
    for (const id of entry.ids) {
      try {
        await api.destroy(id);
        swept.push(id);
      } catch {
        left.push(id); // kept for the next sweep
      }
    }
    const ledger = readLedger(file);
    if (left.length === 0) delete ledger.runs[run];
    else ledger.runs[run] = { ...entry, ids: left };
    writeLedger(file, ledger);
  }
  return swept;
}
