/**
 * `npm run demo`: the example program (examples/official-accounts, run by the
 * top-level Pulumi.yaml) against the local emulator, with no Tencent account.
 * Creates the accounts, changes one behind Pulumi's back, and shows refresh
 * and preview catching it. `npm run demo -- --destroy` cleans up.
 * State lives in .demo/ (gitignored) so the stack survives between runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { ChatClient, OfficialAccountsApi } from "../provider/chat";
import { DEFAULT_IDENTIFIER, DEFAULT_SDK_APP_ID, DEFAULT_SECRET_KEY } from "../emulator";
import { createPulumiSandbox, REPO_ROOT, type PulumiSandbox } from "./pulumi-runner";

const DEMO_DIR = path.join(REPO_ROOT, ".demo");
const STATE_FILE = path.join(DEMO_DIR, "emulator-state.json");
const STACK = "demo";
const OWNER = "newsroom";
const READER = "reader-1";

/** Bold headings on a terminal only: a file or a pipe gets plain text (pulumi runs with --color never). */
const BOLD = process.stdout.isTTY && !process.env.NO_COLOR ? ["\x1b[1m", "\x1b[0m"] : ["", ""];

function step(text: string): void {
  console.log(`\n${BOLD[0]}== ${text}${BOLD[1]}`);
}

/** A line under a step saying what to look for in the output that follows (or just came). */
function note(text: string): void {
  console.log(`   ${text}`);
}

/** Starts the emulator CLI (as a user would) and resolves with its URL from the first line it prints. */
function startEmulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, "dist", "emulator", "cli.js"),
      "--port",
      "0",
      "--state-file",
      STATE_FILE,
      "--import-users",
      `${OWNER},${READER}`,
      "--quiet",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve({ url: match[1], child });
      else reject(new Error(`unexpected first line from the emulator: ${line}`));
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code} before listening`)));
  });
}

async function configureStack(pulumi: PulumiSandbox, url: string): Promise<void> {
  const selected = await pulumi.run(["stack", "select", STACK]);
  if (selected.code !== 0) await pulumi.runOk(["stack", "init", STACK]);
  await pulumi.runOk(["config", "set", "tencentchat:endpoint", url]);
  await pulumi.runOk(["config", "set", "tencentchat:sdkAppId", String(DEFAULT_SDK_APP_ID)]);
  await pulumi.runOk(["config", "set", "tencentchat:identifier", DEFAULT_IDENTIFIER]);
  // The emulator's built-in demo key; a real key goes in the same way and is stored encrypted.
  await pulumi.runOk(["config", "set", "--secret", "tencentchat:secretKey", DEFAULT_SECRET_KEY]);
  await pulumi.runOk(["config", "set", "owner", OWNER]);
  await pulumi.runOk(["config", "set", "reader", READER]);
}

async function main(): Promise<void> {
  const destroy = process.argv.includes("--destroy");
  mkdirSync(DEMO_DIR, { recursive: true });
  const pulumi = createPulumiSandbox("demo", { PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, { dir: DEMO_DIR });
  const inRepo = { cwd: REPO_ROOT, echo: true };

  step(`Starting the local Chat emulator (state kept in ${path.relative(REPO_ROOT, STATE_FILE)})`);
  const emulator = await startEmulatorProcess();
  console.log(`emulator at ${emulator.url}; imported users: ${OWNER}, ${READER}`);
  try {
    await configureStack(pulumi, emulator.url);

    if (destroy) {
      // The emulator listens on a new port each run, and destroy uses the endpoint recorded by the last up:
      // record this run's first. (`destroy --run-program` would run the program's lookups while the engine
      // deletes the accounts they read, and fail on the first one already gone.)
      step("pulumi up: recording this run's emulator endpoint in the stack");
      await pulumi.runOk(["up", "--yes", "--skip-preview"], inRepo);
      step("pulumi destroy --remove: removing the demo accounts, then the demo stack itself");
      await pulumi.runOk(["destroy", "--yes", "--skip-preview", "--remove"], inRepo);
      console.log(
        `\nDone: the accounts and the "${STACK}" stack are gone (no \`pulumi stack rm\` left to run). ` +
          `Remove ${path.relative(REPO_ROOT, DEMO_DIR)}/ to forget the emulator's state too.`,
      );
      return;
    }

    step(
      "pulumi up: the preview of what will change, then the official accounts declared in examples/official-accounts/index.ts",
    );
    await pulumi.runOk(["up", "--yes"], inRepo);
    const outputs = JSON.parse((await pulumi.runOk(["stack", "output", "--json"], { cwd: REPO_ROOT })).stdout);
    const dailyNewsId: string = outputs.accountIds.dailyNews;

    step("Behind Pulumi's back: a reader subscribes, and someone edits Daily News in the console");
    note(
      "The emulator's control API can do the same from a shell: npx tencentchat-emulator patch-account <id> '<json>'.",
    );
    const api = new OfficialAccountsApi(
      new ChatClient({
        sdkAppId: DEFAULT_SDK_APP_ID,
        identifier: DEFAULT_IDENTIFIER,
        secretKey: DEFAULT_SECRET_KEY,
        endpoint: emulator.url,
      }),
    );
    await api.addSubscribers(dailyNewsId, [READER]); // already subscribed on a re-run: Result 2, a success
    await api.modify(dailyNewsId, { introduction: "Edited by hand in the console" });
    console.log(`${dailyNewsId}: introduction changed to "Edited by hand in the console"`);

    step("pulumi refresh: records what the live account looks like now");
    note("It records the new introduction and subscriberNum 1 on the account in state. The stack output");
    note("dailyNewsSubscribers comes from the program, so it still reads 0 below: the next pulumi up shows 0 => 1.");
    await pulumi.runOk(["refresh", "--yes", "--skip-preview"], inRepo);

    step("pulumi preview --diff --expect-no-changes: the drift shows as an update back to the declared value");
    note("EXPECTED TO FAIL: --expect-no-changes exits non-zero when there is a change, as a drift check in a");
    note('pipeline does, so the "error: no changes were expected" below is the point of this step.');
    const driftCheck = await pulumi.run(["preview", "--diff", "--expect-no-changes"], inRepo);
    if (driftCheck.code === 0) throw new Error("the drift check found no drift; the hand-made edit did not land");
    note(`(exit code ${driftCheck.code}, as expected: the drift was found)`);

    step("pulumi up: puts the declared value back");
    note("The introduction goes back to the declared text, and the output dailyNewsSubscribers shows 0 => 1.");
    await pulumi.runOk(["up", "--yes", "--skip-preview"], inRepo);

    step("pulumi preview --expect-no-changes: Chat matches the program again");
    await pulumi.runOk(["preview", "--expect-no-changes"], inRepo);

    const backend = path.relative(REPO_ROOT, path.join(DEMO_DIR, "backend"));
    console.log(
      [
        "",
        "The demo stack and the emulator's state are kept in .demo/, so running `npm run demo` again continues from here.",
        "To run pulumi yourself against it, start the emulator and use the same backend:",
        `  npm run emulator -- --state-file ${path.relative(REPO_ROOT, STATE_FILE)} --import-users ${OWNER},${READER} --control &`,
        `  export PATH="$(bash scripts/ensure-pulumi.sh):$PWD/node_modules/.bin:$PATH" PULUMI_BACKEND_URL=file://$PWD/${backend} PULUMI_CONFIG_PASSPHRASE=${pulumi.env.PULUMI_CONFIG_PASSPHRASE}`,
        `  pulumi config set tencentchat:endpoint http://127.0.0.1:8787 --stack ${STACK}`,
        `  pulumi preview --stack ${STACK}`,
        `  npx tencentchat-emulator patch-account '${dailyNewsId}' '{"Introduction":"Edited again"}'   # drift in one command`,
        "Clean up: npm run demo -- --destroy   (destroys the accounts and removes the stack; then rm -rf .demo to drop the emulator's state)",
      ].join("\n"),
    );
    if (process.env.CI === "true") {
      step("CI: cleaning up (pulumi destroy --remove: the accounts, then the stack)");
      await pulumi.runOk(["destroy", "--yes", "--skip-preview", "--remove"], inRepo);
    }
  } finally {
    emulator.child.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
