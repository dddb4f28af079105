/**
 * A corpus of bad inputs and bad settings, table-driven. Each row names what
 * is wrong and the message fragments a user must see (the field, the rule,
 * the fix). Every row fails with that message, none corrupts the stack (the
 * good accounts and their state are untouched, and once the good config is
 * back `up --refresh --run-program --expect-no-changes` finds nothing to do),
 * and nothing prints the secret key, a row's secret or a UserSig. The rows are
 * written once and run through both front doors (tests/support/front-doors.ts),
 * each on its own stack and emulator.
 *
 * Note: a failed `up` still records its settings on the default provider in
 * state (the engine updates the provider before the failing step), and a
 * plain `pulumi refresh` reads with the recorded settings. So after fixing a
 * setting, refresh with `--run-program` (or run `up` first), as below.
 *
 * Resource inputs are checked by the provider's `check`, which reports every
 * problem of a resource at once; the engine stops at the first resource that
 * fails `check` (even with --continue-on-error), so input rows are packed into
 * a few resources (at most one row per field each) and each resource gets one
 * `pulumi preview`. Settings are read when the first API call is made, so each
 * settings row gets its own `pulumi up` with one account to create.
 *
 * What keeps two doors cheap: the only engine run per row is the row's own.
 * After each row the live accounts are compared with the good ones (no pulumi
 * run); the state (`stack export`) is compared once per group, since a row that
 * changed it would leave the change there; the refresh that reads every account
 * runs once, at the end, inside the `up` that restores the good settings. Row
 * settings are written into the stack's config file directly (only a secret
 * goes through `pulumi config set --secret`, which encrypts it).
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { AccountSnapshot } from "../../emulator";
import { signUserSig } from "../../chat-api/user-sig";
import { validateOfficialAccountInputs } from "../../provider/behaviour/official-account/validation";
import { startChatStack, TEST_SDK_APP_ID, type ChatStack } from "../support/chat-stack";
import { FRONT_DOORS, type FrontDoor, type FrontDoorName } from "../support/front-doors";
import { findLeaks, findLeaksInDir } from "../support/leak-check";
import { closedLoopbackPort, startProxyTrap, type ProxyTrap } from "../support/proxy-trap";
import { exportState, officialAccountsIn, runWithEnv, type ExportedResource } from "../support/stack-tools";

const OWNER = "corpus-owner";
const GOOD = {
  alpha: { ownerAccount: OWNER, name: "Alpha", introduction: "第一个" },
  beta: { ownerAccount: OWNER, name: "Beta 🚀", officialAccountUserId: "@TOA#_corpus_beta", maxSubscriberNum: 500 },
};
/** What every input row starts from: valid on its own. */
const BASE_INPUTS = { ownerAccount: OWNER, name: "Probe" };

// ---- rows: resource inputs ----

interface InputRow {
  readonly title: string;
  /** The input the row gets wrong (an unknown name for the typo rows). */
  readonly field: string;
  /** The bad value; `absent` rows leave the field out instead. */
  readonly value?: unknown;
  readonly absent?: true;
  /** Fragments of the message shown for `field`. */
  readonly expect: readonly string[];
}

/** A row's value that means: leave the field out. */
const ABSENT = Symbol("absent");

/** One row as data: what is wrong (its title), the field, the bad value (or ABSENT), then the message fragments. */
type InputCells = readonly [title: string, field: string, value: unknown, ...expect: string[]];

/** The rows written as cells, as the InputRow records the tests read. */
function inputRows(cells: readonly InputCells[]): InputRow[] {
  return cells.map(([title, field, value, ...expect]) =>
    value === ABSENT ? { title, field, absent: true, expect } : { title, field, value, expect },
  );
}

/** The rows of one field, each titled "<field> <what is wrong>": [what is wrong, the bad value, ...fragments]. */
function fieldRows(field: string, cells: readonly (readonly [what: string, value: unknown, ...expect: string[]])[]) {
  return inputRows(cells.map(([what, value, ...expect]) => [`${field} ${what}`, field, value, ...expect]));
}

const OWNER_FIX = "set it to the UserID of an imported Chat account";
const NAME_FIX = "give the official account a display name";
const MAX_RANGE = "maxSubscriberNum must be between 1 and 2147483647";
const NOT_AN_INPUT = "is not an OfficialAccount input";

// One row a line, so the table reads as the data it is (hence no Prettier layout).
// prettier-ignore
const INPUT_ROWS: readonly InputRow[] = [
  ...fieldRows("ownerAccount", [
    ["is a number", 42, "ownerAccount must be a string", "got number 42"],
    ["is empty", "", "ownerAccount must not be empty", OWNER_FIX],
    ["is missing", ABSENT, "ownerAccount is required", OWNER_FIX],
    ["is 33 ASCII bytes", "o".repeat(33), "ownerAccount must be at most 32 bytes of UTF-8", "got 33 bytes (33 characters)", "Shorten it"],
    ["is 11 CJK characters (33 bytes)", "编".repeat(11), "ownerAccount must be at most 32 bytes", "got 33 bytes (11 characters)"],
  ]),
  ...fieldRows("name", [
    ["is a number", 2024, "name must be a string", "got number 2024"],
    ["is empty", "", "name must not be empty", NAME_FIX],
    ["is only spaces", "   ", "name must not be empty", NAME_FIX],
    ["is null", null, "name is required", NAME_FIX],
    ["is 38 emoji (152 bytes)", "😀".repeat(38), "name must be at most 150 bytes of UTF-8", "got 152 bytes (38 characters)", "Shorten it"],
    ["is 51 CJK characters (153 bytes)", "名".repeat(51), "name must be at most 150 bytes", "a Chinese character counts 3 bytes", "got 153 bytes (51 characters)"],
  ]),
  ...fieldRows("introduction", [
    ["is 401 bytes of CJK and ASCII", "简".repeat(133) + "ab", "introduction must be at most 400 bytes", "got 401 bytes (135 characters)"],
    ["is an array", ["line 1"], "introduction must be a string; got an array"],
  ]),
  ...fieldRows("faceUrl", [
    ["is 501 bytes", "https://example.com/" + "a".repeat(481), "faceUrl must be at most 500 bytes", "got 501 bytes"],
    ["is an object", { href: "https://example.com/a.png" }, "faceUrl must be a string; got an object"],
  ]),
  ...fieldRows("organization", [
    ["is 126 emoji (504 bytes)", "🏢".repeat(126), "organization must be at most 500 bytes", "got 504 bytes (126 characters)"],
    ["is a boolean", true, "organization must be a string; got boolean true"],
  ]),
  ...fieldRows("customString", [
    ["is 3001 bytes (1000 euro signs and one letter)", "€".repeat(1000) + "x", "customString must be at most 3000 bytes", "got 3001 bytes (1001 characters)"],
    ["is an object, not JSON text", { tier: "gold" }, "customString must be a string; got an object"],
  ]),
  ...fieldRows("officialAccountUserId", [
    ["has no prefix", "news_daily", 'officialAccountUserId must start with "@TOA#_"', 'Use "@TOA#_news_daily"', "leave it out to have one generated"],
    ["has the prefix in lower case", "@toa#_news", 'officialAccountUserId must start with "@TOA#_"', 'Use "@TOA#_news"'],
    ["is a number", 12345, "officialAccountUserId must be a string; got number 12345"],
  ]),
  ...fieldRows("maxSubscriberNum", [
    ["is negative", -1, MAX_RANGE, "got -1", "Leave it out for the default of 100000"],
    ["is zero", 0, MAX_RANGE, "got 0"],
    ["is fractional", 1.5, "maxSubscriberNum must be a whole number", "got number 1.5"],
    ["is huge (1e12)", 1e12, MAX_RANGE, "got 1000000000000"],
    ["is one past the limit", 2147483648, MAX_RANGE, "got 2147483648"],
    ["is a numeric string", "5000", 'maxSubscriberNum must be a whole number; got string "5000"'],
  ]),
  ...fieldRows("adopt", [
    ["is the string yes", "yes", 'adopt must be true or false; got string "yes"'],
    ["is the number 1", 1, "adopt must be true or false; got number 1"],
  ]),
  // unknown names
  ...inputRows([
    ["typo: nmae", "nmae", "Daily", `nmae ${NOT_AN_INPUT}`, "did you mean name?"],
    ["typo: introducton", "introducton", "Hi", `introducton ${NOT_AN_INPUT}`, "did you mean introduction?"],
    ["snake case: owner_account", "owner_account", OWNER, `owner_account ${NOT_AN_INPUT}`, "did you mean ownerAccount?"],
    ["wrong case: FaceURL", "FaceURL", "https://example.com/a.png", `FaceURL ${NOT_AN_INPUT}`, "did you mean faceUrl?"],
    ["unknown name with no near match: colour", "colour", "blue", `colour ${NOT_AN_INPUT}`, "the inputs are ownerAccount, name, introduction"],
  ]),
];

/**
 * officialAccountUserId rules beyond the one the vendor documents (the `@TOA#_` prefix): something after
 * the prefix, a character set and a length limit. Ids the emulator refuses by its own guess
 * (docs/emulator.md) but the vendor documents nothing against; kept apart so they can be relaxed in one
 * place (check is to accept what the service accepts); run only against check itself, not through the engine.
 */
const ID_RULES_BEYOND_THE_PREFIX_ROWS: readonly InputRow[] = fieldRows("officialAccountUserId", [
  ["is the prefix alone", "@TOA#_"],
  ["has a space and !", "@TOA#_news daily!"],
  ["has CJK characters", "@TOA#_新闻"],
  ["is 49 bytes", "@TOA#_" + "a".repeat(43)],
]);

/** Packs rows into resources holding at most one row per field; the order of rows is kept. */
function packIntoResources(rows: readonly InputRow[]): InputRow[][] {
  const waves: InputRow[][] = [];
  for (const row of rows) {
    let wave = waves.find((w) => !w.some((r) => r.field === row.field));
    if (!wave) waves.push((wave = []));
    wave.push(row);
  }
  return waves;
}

function argsOf(rows: readonly InputRow[]): Record<string, unknown> {
  const args: Record<string, unknown> = { ...BASE_INPUTS };
  for (const row of rows) {
    if (row.absent) delete args[row.field];
    else args[row.field] = row.value;
  }
  return args;
}

/** The engine's check-failure diagnostics in `output`: resource -> property -> reason. */
function checkFailures(output: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const pattern = /resource '([^']+)': property (\S+) value \{.*?\} has a problem: (.*)$/gm;
  for (const [, resource, property, reason] of output.matchAll(pattern)) {
    if (!out.has(resource)) out.set(resource, new Map());
    out.get(resource)!.set(property, reason.trim());
  }
  return out;
}

// ---- rows: settings ----

/** The network the row's failed run may touch. */
type Reach =
  /** The emulator answers with the vendor's error code. */
  | "emulator"
  /** Refused before any connection: no call reaches the emulator, nothing reaches the proxy trap. */
  | "nothing"
  /** A loopback port where nothing listens. */
  | "closed-port"
  /** The client connects: through HTTP_PROXY, so to the trap (the control row proving the trap works). */
  | "trap";

interface SettingsRow {
  readonly title: string;
  /** Stack config values, written into the stack's config file (a null value removes the key). */
  readonly config?: Readonly<Record<string, string | null>>;
  /** `pulumi config set --secret` values. */
  readonly secretConfig?: Readonly<Record<string, string>>;
  /** Environment of the run (after the stack's own). */
  readonly env?: Readonly<Record<string, string>>;
  readonly expect: readonly string[];
  /** Where a front door's message differs from `expect`: that door's fragments instead. */
  readonly expectThrough?: Readonly<Partial<Record<FrontDoorName, readonly string[]>>>;
  readonly reaches: Reach;
  /**
   * Front doors whose provider refuses the setting itself, before any resource is touched (the native
   * plugin checks its settings in CheckConfig, so even a preview reports them): the error is the default
   * provider's there, not the probe's.
   */
  readonly refusedByProviderThrough?: readonly FrontDoorName[];
  /** Text the run must not print (a password inside a plain config value: stored as given, never echoed). */
  readonly notEchoed?: readonly string[];
}

const WRONG_SECRET_KEY = "wrong-secret-key-3f9a1c77d2b84e0f";
const ENDPOINT_PASSWORD = "hunter2-endpoint-password";

function settingsRows(closedPort: number): SettingsRow[] {
  // A row: its title and where its run may reach; the bad setting; the message fragments (and any extras).
  // Laid out by hand so the table reads as the data it is.
  // prettier-ignore
  return [
    // First, the proof that the trap works: with allowInsecureHttp the client does connect, and the
    // connection lands on the trap (.invalid never resolves, so without the trap nothing is reached either).
    // Every later row runs only once this one passed.
    { title: "control: plain http with allowInsecureHttp connects, and the trap catches it", reaches: "trap",
      config: { "tencentchat:endpoint": "http://chat-endpoint.invalid", "tencentchat:allowInsecureHttp": "true" },
      expect: ["create_official_account failed", "HTTP 502"] },
    { title: "secret key missing from config and environment", reaches: "nothing",
      config: { "tencentchat:secretKey": null },
      expect: ["tencentchat:secretKey is missing", "pulumi config set --secret tencentchat:secretKey", "TENCENTCHAT_SECRET_KEY environment variable"] },
    { title: "SDKAppID missing (empty environment variable)", reaches: "nothing",
      env: { TENCENTCHAT_SDKAPPID: "" },
      expect: ["tencentchat:sdkAppId is missing", "pulumi config set tencentchat:sdkAppId", "TENCENTCHAT_SDKAPPID"] },
    { title: "identifier missing (empty environment variable)", reaches: "nothing",
      env: { TENCENTCHAT_IDENTIFIER: "" },
      expect: ["tencentchat:identifier (the app admin account) is missing", "TENCENTCHAT_IDENTIFIER"] },
    { title: "SDKAppID is not a number", reaches: "nothing",
      config: { "tencentchat:sdkAppId": "14000abc" },
      expect: ["tencentchat:sdkAppId must be the numeric SDKAppID from the Chat console", 'got "14000abc"'], refusedByProviderThrough: ["native"] },
    { title: "wrong secret key", reaches: "emulator",
      secretConfig: { "tencentchat:secretKey": WRONG_SECRET_KEY },
      expect: ["70003", "UserSig check failed", "usually the secret key is wrong", "tencentchat:secretKey"] },
    { title: "wrong SDKAppID", reaches: "emulator",
      config: { "tencentchat:sdkAppId": String(TEST_SDK_APP_ID + 1) },
      expect: ["60006", "invalid SDKAppID", "tencentchat:sdkAppId is not a valid SDKAppID", "copy it from the Chat console"] },
    { title: "identifier that is not an app admin", reaches: "emulator",
      env: { TENCENTCHAT_IDENTIFIER: "just-a-user" },
      expect: ["70403", "app admin required", "TENCENTCHAT_IDENTIFIER must be an app admin account"] },
    { title: "unreachable endpoint (a closed port on 127.0.0.1)", reaches: "closed-port",
      config: { "tencentchat:endpoint": `http://127.0.0.1:${closedPort}` },
      expect: ["connection refused", `nothing accepts connections at http://127.0.0.1:${closedPort}`, "check the endpoint"] },
    { title: "plain http to a non-loopback host is refused before connecting", reaches: "nothing",
      config: { "tencentchat:endpoint": "http://10.0.0.1:8080" },
      expect: ['Refusing plain http:// to "10.0.0.1:8080"', "the admin UserSig would travel unencrypted", "Use https://", "allowInsecureHttp"] },
    { title: "unknown region", reaches: "nothing",
      config: { "tencentchat:endpoint": null, "tencentchat:region": "mars" },
      expect: ['Unknown Tencent Cloud Chat region "mars"', "valid regions are china, singapore", "set tencentchat:region"] },
    { title: "region and endpoint both set", reaches: "nothing",
      config: { "tencentchat:region": "singapore" },
      expect: ['tencentchat:region ("singapore") and tencentchat:endpoint', "are both set: keep one"], refusedByProviderThrough: ["native"] },
    { title: "endpoint without a scheme", reaches: "nothing",
      config: { "tencentchat:endpoint": "127.0.0.1:8787" },
      expect: ['Invalid Tencent Cloud Chat endpoint "127.0.0.1:8787"', "give an absolute URL such as https://host or http://127.0.0.1:PORT"] },
    { title: "endpoint with an unsupported scheme", reaches: "nothing",
      config: { "tencentchat:endpoint": "ftp://127.0.0.1/chat" },
      expect: ["Invalid Tencent Cloud Chat endpoint", "only http:// and https:// are supported"] },
    { title: "endpoint with a password and a query string (the password is not echoed)", reaches: "nothing",
      config: { "tencentchat:endpoint": `http://admin:${ENDPOINT_PASSWORD}@127.0.0.1:${closedPort}/?debug=1` },
      expect: ["Invalid Tencent Cloud Chat endpoint", "remove credentials, query string and fragment"], notEchoed: [ENDPOINT_PASSWORD] },
    { title: "allowInsecureHttp is not a boolean", reaches: "nothing",
      config: { "tencentchat:allowInsecureHttp": "yes" },
      expect: ['tencentchat:allowInsecureHttp must be true or false; got "yes"'], refusedByProviderThrough: ["native"] },
    { title: "callsPerSecond above the documented limit", reaches: "nothing",
      config: { "tencentchat:callsPerSecond": "500" },
      expect: ["tencentchat:callsPerSecond must be a number in (0, 200]", "the API allows 200 calls/s", 'got "500"'], refusedByProviderThrough: ["native"] },
  ];
}

/** TENCENTCHAT_* the stack does not set itself: blank, so a developer's own environment cannot change a row. */
const BLANK_ENV = {
  TENCENTCHAT_SECRET_KEY: "",
  TENCENTCHAT_REGION: "",
  TENCENTCHAT_ENDPOINT: "",
  TENCENTCHAT_ALLOW_INSECURE_HTTP: "",
  TENCENTCHAT_CALLS_PER_SECOND: "",
};

/**
 * `text` (a Pulumi.<stack>.yaml) with `changes` applied: a string value set (as a YAML double-quoted
 * scalar, which JSON text is), a null removes the key and its indented continuation (a `secure:` line).
 */
function editConfigFile(text: string, changes: Readonly<Record<string, string | null>>): string {
  const out: string[] = [];
  let skippingContinuation = false;
  for (const line of text.split("\n")) {
    if (skippingContinuation && line.startsWith("    ")) continue;
    skippingContinuation = false;
    const key = /^ {2}(\S+?):(?: |$)/.exec(line)?.[1];
    if (key !== undefined && key in changes) {
      skippingContinuation = true;
      continue;
    }
    out.push(line);
  }
  const added = Object.entries(changes)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);
  out.splice(out.indexOf("config:") + 1, 0, ...added);
  return out.join("\n");
}

describe("bad inputs and bad settings: the corpus itself", () => {
  it(`has at least 30 rows (${INPUT_ROWS.length} input rows, ${settingsRows(1).length} settings rows)`, () => {
    expect(INPUT_ROWS.length + settingsRows(1).length).to.be.at.least(30);
    expect(new Set(INPUT_ROWS.map((r) => r.title)).size, "distinct titles").to.equal(INPUT_ROWS.length);
  });

  describe("resource inputs, checked by the provider alone", () => {
    for (const row of INPUT_ROWS) {
      it(`${row.title}: one failure, on ${row.field}`, () => {
        const failures = validateOfficialAccountInputs(argsOf([row]));
        expect(failures.map((f) => f.property)).to.deep.equal([row.field]);
        for (const fragment of row.expect) expect(failures[0].reason).to.include(fragment);
      });
    }
  });

  describe("officialAccountUserId rules beyond the documented @TOA#_ prefix: check leaves them to the service", () => {
    for (const row of ID_RULES_BEYOND_THE_PREFIX_ROWS) {
      it(`${row.title}: no failure from check (only the prefix is documented)`, () => {
        expect(validateOfficialAccountInputs(argsOf([row]))).to.deep.equal([]);
      });
    }
  });

  it("the leak check recognises a UserSig, whole or cut short, and a usersig= value", () => {
    const sig = signUserSig(TEST_SDK_APP_ID, "a-secret-key-for-this-check", "ops-admin", 3600);
    expect(findLeaks("t", `error at ${sig} here`, [])).to.have.length(1);
    expect(findLeaks("t", `"${sig.slice(0, 70)}..."`, [])).to.have.length(1);
    expect(findLeaks("t", `GET /v4/x?usersig=abc&random=1`, [])).to.have.length(1);
    expect(findLeaks("t", `?usersig=[redacted]&random=1 ${"eJ" + "x".repeat(80)}`, [])).to.deep.equal([]);
  });

  it("the config file editor sets, replaces and removes keys, secure values included", () => {
    const text = [
      "config:",
      "  tencentchat:endpoint: http://127.0.0.1:1",
      "  tencentchat:secretKey:",
      "    secure: v1:abc",
      "  project:accounts: '{}'",
      "",
    ].join("\n");
    const edited = editConfigFile(text, {
      "tencentchat:endpoint": "http://127.0.0.1:2",
      "tencentchat:secretKey": null,
      "tencentchat:region": "mars",
    });
    expect(edited.split("\n")).to.deep.equal([
      "config:",
      '  tencentchat:endpoint: "http://127.0.0.1:2"',
      '  tencentchat:region: "mars"',
      "  project:accounts: '{}'",
      "",
    ]);
  });
});

function corpusThrough(door: FrontDoor): void {
  describe(`bad inputs and bad settings through ${door.title}: a clear error each, no harm done, no secret shown`, function () {
    this.timeout(10 * 60 * 1000);
    let stack: ChatStack;
    let trap: ProxyTrap;
    let closedPort: number;
    let configFile: string;
    let goodConfig: string;
    let probeConfig: string;
    let goodState: Map<string, ExportedResource>;
    let goodLive: AccountSnapshot[];
    /** Set once the control row has shown that a connection attempt would land on the trap. */
    let trapProven = false;
    /** Values set with `config set --secret` by the rows: as secret as the real key. */
    const rowSecrets = new Set<string>();

    before(async () => {
      trap = await startProxyTrap();
      closedPort = await closedLoopbackPort();
      stack = await startChatStack(`bad-input-corpus-${door.name}`, {
        door,
        emulator: { importUsers: [OWNER] },
      });
      await stack.setAccounts(GOOD);
      await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
      goodState = officialAccountsIn(await exportState(stack), door.resourceType);
      goodLive = stack.emulator.snapshot().accounts;
      expect(goodLive).to.have.length(2);

      configFile = path.join(stack.programDir, "Pulumi.test.yaml");
      goodConfig = readFileSync(configFile, "utf8");
      // The settings rows run `up` with one more account, so the run has an API call to make.
      await stack.setAccounts({ ...GOOD, probe: { ownerAccount: OWNER, name: "Probe" } });
      probeConfig = readFileSync(configFile, "utf8");
      writeFileSync(configFile, goodConfig);
    });
    after(async () => {
      await stack?.dispose();
      await trap?.close();
    });

    /** The emulator holds the good accounts exactly as they were (no pulumi run: checked after every row). */
    function expectGoodAccountsLive(): void {
      expect(stack.emulator.snapshot().accounts, "accounts in the emulator").to.deep.equal(goodLive);
    }

    /**
     * The good stack is exactly as it was: the good config file, the state (one `stack export`) and the live
     * accounts. Run once per group of rows: a row that changed the state leaves the change there for it.
     */
    async function expectGoodStackIntact(): Promise<void> {
      writeFileSync(configFile, goodConfig);
      const deployment = await exportState(stack);
      expect(deployment.pending_operations ?? [], "pending operations").to.deep.equal([]);
      const state = officialAccountsIn(deployment, door.resourceType);
      expect([...state.keys()].sort()).to.deep.equal([...goodState.keys()].sort());
      for (const [name, resource] of state) {
        expect({ id: resource.id, outputs: resource.outputs }, `state of ${name}`).to.deep.equal({
          id: goodState.get(name)!.id,
          outputs: goodState.get(name)!.outputs,
        });
      }
      expectGoodAccountsLive();
    }

    describe("resource inputs through the engine", () => {
      it("each row's message on its resource and field, no API call, state intact", async () => {
        const waves = packIntoResources(INPUT_ROWS);
        expect(waves.length, "previews needed").to.be.at.most(8);
        stack.resetCalls();
        for (const [index, rows] of waves.entries()) {
          const resource = `bad_${index + 1}`;
          await stack.setAccounts({ ...GOOD, [resource]: argsOf(rows) });
          const preview = await stack.pulumi(["preview"]);
          expect(preview.code, `preview of ${resource}`).to.not.equal(0);
          const failures = checkFailures(preview.output);
          expect([...failures.keys()], "resources with check failures").to.deep.equal([resource]);
          const byField = failures.get(resource)!;
          expect([...byField.keys()].sort(), `fields failing on ${resource}`).to.deep.equal(
            rows.map((r) => r.field).sort(),
          );
          for (const row of rows) {
            for (const fragment of row.expect) {
              expect(byField.get(row.field), `${row.title} (${resource}.${row.field})`).to.include(fragment);
            }
          }
        }
        for (const command of [
          "create_official_account",
          "get_official_account_info",
          "modify_official_account_base_info",
        ]) {
          expect(stack.calls(command), `${command} calls during the previews`).to.equal(0);
        }
        await expectGoodStackIntact();
      });

      it("a resource with bad inputs also stops `pulumi up` before any API call, leaving the stack intact", async () => {
        const [rows] = packIntoResources(INPUT_ROWS);
        await stack.setAccounts({ ...GOOD, bad_up: argsOf(rows) });
        stack.resetCalls();
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        expect(up.code).to.not.equal(0);
        expect([...checkFailures(up.output).keys()]).to.deep.equal(["bad_up"]);
        expect(stack.calls("create_official_account"), "create calls").to.equal(0);
        // The refresh that proves the stack still reads as good runs once, after the settings rows ("afterwards").
        await expectGoodStackIntact();
      });
    });

    describe("settings, each through its own `pulumi up`", () => {
      const rows = settingsRows(0); // titles only; the real rows are built once the closed port is known
      rows.forEach((_, index) => {
        it(rows[index].title, async () => {
          const row = settingsRows(closedPort)[index];
          if (row.reaches !== "trap" && !trapProven)
            throw new Error("the proxy trap is not proven to work: not running");
          for (const secret of Object.values(row.secretConfig ?? {})) rowSecrets.add(secret);
          writeFileSync(configFile, editConfigFile(probeConfig, row.config ?? {}));
          for (const [key, value] of Object.entries(row.secretConfig ?? {})) {
            await stack.pulumiOk(["config", "set", "--secret", key, value]);
          }
          const trapBefore = trap.connections();
          stack.resetCalls();
          const up = await runWithEnv(stack, ["up", "--yes", "--skip-preview"], {
            ...BLANK_ENV,
            ...trap.env(),
            ...row.env,
          });

          expect(up.code, `up should fail:\n${up.output}`).to.not.equal(0);
          for (const fragment of row.expectThrough?.[door.name] ?? row.expect) expect(up.output).to.include(fragment);
          const [who, marker] = row.refusedByProviderThrough?.includes(door.name)
            ? ["the default provider", "pulumi:providers:tencentchat (default"]
            : ["the probe", "OfficialAccount (probe):"];
          expect(up.output.includes(marker), `the error is ${who}'s:\n${up.output}`).to.equal(true);
          expect(
            findLeaks("up output", up.output, [stack.secretKey, ...rowSecrets, ...(row.notEchoed ?? [])]),
          ).to.deep.equal([]);
          const reachedEmulator = ["create_official_account", "get_official_account_info"].some(
            (command) => stack.calls(command) > 0,
          );
          const trapped = trap.connections() - trapBefore;
          switch (row.reaches) {
            case "emulator":
              expect(reachedEmulator, "the emulator answered").to.equal(true);
              break;
            case "trap":
              expect(trapped, "connections caught by the trap").to.be.greaterThan(0);
              expect(trap.requestLines().join("\n")).to.include("http://chat-endpoint.invalid/v4/");
              expect(reachedEmulator).to.equal(false);
              trapProven = true;
              break;
            default:
              expect(reachedEmulator, "no call reached the emulator").to.equal(false);
              expect(trapped, "connections that would have left this machine").to.equal(0);
          }
          expectGoodAccountsLive();
        });
      });

      it("after every row, the state is the good stack's", async () => {
        await expectGoodStackIntact();
      });
    });

    describe("afterwards", () => {
      it("the good settings back: a refreshing up finds nothing to do and records them, a drift check passes", async () => {
        await expectGoodStackIntact();
        stack.resetCalls();
        // --run-program: a refresh otherwise reads with the provider settings recorded in state by the last
        // run, and the failed runs recorded the bad ones (the engine updates the default provider first).
        // One run refreshes every account with the good settings, expects no change, and records the settings.
        const up = await stack.pulumiOk([
          "up",
          "--yes",
          "--skip-preview",
          "--refresh",
          "--run-program",
          "--expect-no-changes",
        ]);
        expect(up.output).to.not.match(/\b(created|updated|deleted|replaced)\b/);
        expect(stack.calls("create_official_account") + stack.calls("modify_official_account_base_info")).to.equal(0);
        expect(stack.calls("get_official_account_info"), "reads by the refresh").to.be.greaterThan(0);
        await stack.pulumiOk(["refresh", "--preview-only", "--expect-no-changes"]);
        expect(officialAccountsIn(await exportState(stack), door.resourceType)).to.have.keys(...goodState.keys());
      });

      it("no output, no state file and no export shows the secret key, another secret or a UserSig", async () => {
        const secrets = [stack.secretKey, ...rowSecrets];
        // Each transcript entry starts with the command line the test typed (which may carry a value to
        // `config set --secret`); what pulumi printed follows it.
        const printed = stack.transcript.map((entry) => entry.slice(entry.indexOf("\n") + 1)).join("\n");
        const problems = [
          ...findLeaks("command output", printed, secrets),
          ...findLeaks("stack export", (await stack.pulumiOk(["stack", "export"])).stdout, secrets),
          ...findLeaksInDir(stack.sandbox.dir, secrets),
        ];
        expect(problems).to.deep.equal([]);
      });
    });
  });
}

for (const door of FRONT_DOORS) corpusThrough(door);
