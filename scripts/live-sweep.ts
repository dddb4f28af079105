/**
 * Destroys every official account the live-test ledger still records
 * (scripts/support/live-ledger.ts explains the ledger). `npm run test:live`
 * runs it when it exits, however the suites ended.
 */
import { ChatClient, OfficialAccountsApi } from "../provider/chat";
import { liveChatSettings, sweepLedger } from "./support/live-ledger";

async function main(): Promise<void> {
  const swept = await sweepLedger(new OfficialAccountsApi(new ChatClient(liveChatSettings())));
  console.log(`[test:live] sweep: ${swept.length} recorded account(s) destroyed or already gone`);
}

main().catch((error: unknown) => {
  console.error(`[test:live] sweep failed (the ledger keeps the ids for the next run): ${String(error)}`);
  process.exitCode = 1;
});
