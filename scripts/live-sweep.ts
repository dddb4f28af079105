/**
 * Destroys every official account the live-test ledger still records
 * (tests/support/chat-target.ts explains the ledger). `npm run test:live`
 * runs it when it exits, however the suites ended.
 */
import { ChatClient, OfficialAccountsApi } from "../provider/chat";
import { resolveChatSettings } from "../provider/behaviour/settings";
import { LIVE_CALLS_PER_SECOND, sweepLedger } from "../tests/support/chat-target";

async function main(): Promise<void> {
  const settings = { ...resolveChatSettings(() => undefined), callsPerSecond: LIVE_CALLS_PER_SECOND };
  const swept = await sweepLedger(new OfficialAccountsApi(new ChatClient(settings)));
  console.log(`[test:live] sweep: ${swept.length} recorded account(s) destroyed or already gone`);
}

main().catch((error: unknown) => {
  console.error(`[test:live] sweep failed (the ledger keeps the ids for the next run): ${String(error)}`);
  process.exitCode = 1;
});
