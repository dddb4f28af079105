/**
 * `node dist/bench/client-pacing.js`: the client's pacing on real time, as
 * figures (one JSON line each on stdout). The tests check the same pieces on
 * a manual clock or by the order of events, so a busy machine cannot fail
 * them; how fast they run here is measured below instead. See
 * docs/benchmarks.md ("The client's pacing on real time").
 */
import { performance } from "node:perf_hooks";
import { startEmulator, type RunningEmulator } from "../emulator";
import { ChatClient, OfficialAccountsApi } from "../provider/chat";
import { createRateLimiter, RATE_LIMIT_BURST } from "../provider/chat/rate-limit";
import { emit, load1, progress, round } from "./figures";

const SETTINGS = { sdkAppId: 1400000000, identifier: "administrator", secretKey: "bench-pacing-key" };
const OWNER = "pacing-owner";

/** Starts per sliding second and the mean rate of `calls` calls through a limiter at `rate`/s. */
async function limiterRate(rate: number, calls: number): Promise<void> {
  const limiter = createRateLimiter({ callsPerSecond: rate });
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: calls }, () => limiter.schedule(async () => void starts.push(performance.now()))),
  );
  let busiest = 0;
  for (let first = 0, last = 0; last < starts.length; last++) {
    while (starts[last] - starts[first] >= 1000) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  const spanMs = starts[starts.length - 1] - starts[0];
  emit({
    figure: "rate limiter on real timers",
    callsPerSecond: rate,
    calls,
    busiestSecond: busiest,
    allowedInAnySecond: rate + RATE_LIMIT_BURST,
    meanRatePerSecond: round(((calls - RATE_LIMIT_BURST) * 1000) / spanMs, 1),
    load1: load1(),
  });
}

/** Wall time of `run`, in ms. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run().catch(() => undefined);
  return round(performance.now() - started, 1);
}

async function clientTimings(emulator: RunningEmulator): Promise<void> {
  const api = (options: Partial<ConstructorParameters<typeof ChatClient>[0]> = {}, batchWindowMs?: number) =>
    new OfficialAccountsApi(new ChatClient({ ...SETTINGS, endpoint: emulator.url, ...options }), { batchWindowMs });
  const ids = Array.from({ length: 50 }, (_, i) => `@TOA#_pacing_${i}`);
  await Promise.all(
    ids.map((id, i) => api().create({ officialAccountUserId: id, ownerAccount: OWNER, name: `P${i}` })),
  );

  const batching = api({}, 60_000);
  const fullBatchMs = await timed(() => Promise.all(ids.map((id) => batching.get(id))));
  const patient = api({}, 60_000);
  const urgentReadMs = await timed(() => patient.get(ids[0], { urgent: true }));

  emulator.setFaults({ latencyMs: 4000, commands: ["get_official_account_info"] });
  let cleared = false;
  const cutShort = api({
    timeoutMs: 1000,
    retryBaseDelayMs: 10,
    log: (line) => {
      if (!cleared && /ETIMEDOUT/.test(line)) {
        cleared = true;
        emulator.setFaults({});
      }
    },
  });
  const timeoutThenRetryMs = await timed(() => cutShort.get(ids[1]));

  emulator.setFaults({ latencyMs: 2000, commands: ["get_official_account_info"] });
  const deadlineMs = await timed(() => api({ timeoutMs: 5000, totalDeadlineMs: 400, maxRetries: 5 }).get(ids[2]));
  emulator.setFaults({ http502: 1, drop: 1, latencyMs: 5000 });
  const controlMs = await timed(() => fetch(`${emulator.url}/__emulator/counters`).then((r) => r.text()));
  emulator.setFaults({});
  emit({
    figure: "client waits on real time",
    fullBatchOf50With60sWindowMs: fullBatchMs,
    urgentReadWith60sWindowMs: urgentReadMs,
    timeoutMs1000Latency4000ThenRetryMs: timeoutThenRetryMs,
    totalDeadline400Latency2000Ms: deadlineMs,
    controlCallUnderLatency5000Ms: controlMs,
    load1: load1(),
  });
}

async function main(): Promise<void> {
  progress("rate limiter: 700 calls at 400/s on real timers");
  await limiterRate(400, 700);
  const emulator = await startEmulator({
    sdkAppId: SETTINGS.sdkAppId,
    secretKey: SETTINGS.secretKey,
    identifier: SETTINGS.identifier,
    port: 0,
    importUsers: [OWNER],
    control: true,
  });
  try {
    progress("client: full batch, urgent read, timeout, deadline, control call under faults");
    await clientTimings(emulator);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
