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

const INPUT_ROWS: readonly InputRow[] = [
  // ownerAccount
  {
    title: "ownerAccount is a number",
    field: "ownerAccount",
    value: 42,
    expect: ["ownerAccount must be a string", "got number 42"],
  },
  {
    title: "ownerAccount is empty",
    field: "ownerAccount",
    value: "",
    expect: ["ownerAccount must not be empty", "set it to the UserID of an imported Chat account"],
  },
  {
    title: "ownerAccount is missing",
    field: "ownerAccount",
    absent: true,
    expect: ["ownerAccount is required", "set it to the UserID of an imported Chat account"],
  },
  {
    title: "ownerAccount is 33 ASCII bytes",
    field: "ownerAccount",
    value: "o".repeat(33),
    expect: ["ownerAccount must be at most 32 bytes of UTF-8", "got 33 bytes (33 characters)", "Shorten it"],
  },
  {
    title: "ownerAccount is 11 CJK characters (33 bytes)",
    field: "ownerAccount",
    value: "编".repeat(11),
    expect: ["ownerAccount must be at most 32 bytes", "got 33 bytes (11 characters)"],
  },
  // name
  { title: "name is a number", field: "name", value: 2024, expect: ["name must be a string", "got number 2024"] },
  {
    title: "name is empty",
    field: "name",
    value: "",
    expect: ["name must not be empty", "give the official account a display name"],
  },
  {
    title: "name is only spaces",
    field: "name",
    value: "   ",
    expect: ["name must not be empty", "give the official account a display name"],
  },
  {
    title: "name is null",
    field: "name",
    value: null,
    expect: ["name is required", "give the official account a display name"],
  },
  {
    title: "name is 38 emoji (152 bytes)",
    field: "name",
    value: "😀".repeat(38),
    expect: ["name must be at most 150 bytes of UTF-8", "got 152 bytes (38 characters)", "Shorten it"],
  },
  {
    title: "name is 51 CJK characters (153 bytes)",
    field: "name",
    value: "名".repeat(51),
    expect: ["name must be at most 150 bytes", "a Chinese character counts 3 bytes", "got 153 bytes (51 characters)"],
  },
  // introduction, faceUrl, organization, customString
  {
    title: "introduction is 401 bytes of CJK and ASCII",
    field: "introduction",
    value: "简".repeat(133) + "ab",
    expect: ["introduction must be at most 400 bytes", "got 401 bytes (135 characters)"],
  },
  {
    title: "introduction is an array",
    field: "introduction",
    value: ["line 1"],
    expect: ["introduction must be a string; got an array"],
  },
  {
    title: "faceUrl is 501 bytes",
    field: "faceUrl",
    value: "https://example.com/" + "a".repeat(481),
    expect: ["faceUrl must be at most 500 bytes", "got 501 bytes"],
  },
  {
    title: "faceUrl is an object",
    field: "faceUrl",
    value: { href: "https://example.com/a.png" },
    expect: ["faceUrl must be a string; got an object"],
  },
  {
    title: "organization is 126 emoji (504 bytes)",
    field: "organization",
    value: "🏢".repeat(126),
    expect: ["organization must be at most 500 bytes", "got 504 bytes (126 characters)"],
  },
  {
    title: "organization is a boolean",
    field: "organization",
    value: true,
    expect: ["organization must be a string; got boolean true"],
  },
  {
    title: "customString is 3001 bytes (1000 euro signs and one letter)",
    field: "customString",
    value: "€".repeat(1000) + "x",
    expect: ["customString must be at most 3000 bytes", "got 3001 bytes (1001 characters)"],
  },
  {
    title: "customString is an object, not JSON text",
    field: "customString",
    value: { tier: "gold" },
    expect: ["customString must be a string; got an object"],
  },
  // officialAccountUserId
  {
    title: "officialAccountUserId has no prefix",
    field: "officialAccountUserId",
    value: "news_daily",
    expect: [
      'officialAccountUserId must start with "@TOA#_"',
      'Use "@TOA#_news_daily"',
      "leave it out to have one generated",
    ],
  },
  {
    title: "officialAccountUserId has the prefix in lower case",
    field: "officialAccountUserId",
    value: "@toa#_news",
    expect: ['officialAccountUserId must start with "@TOA#_"', 'Use "@TOA#_news"'],
  },
  {
    title: "officialAccountUserId is a number",
    field: "officialAccountUserId",
    value: 12345,
    expect: ["officialAccountUserId must be a string; got number 12345"],
  },
  // maxSubscriberNum
  {
    title: "maxSubscriberNum is negative",
    field: "maxSubscriberNum",
    value: -1,
    expect: ["maxSubscriberNum must be between 1 and 2147483647", "got -1", "Leave it out for the default of 100000"],
  },
  {
    title: "maxSubscriberNum is zero",
    field: "maxSubscriberNum",
    value: 0,
    expect: ["maxSubscriberNum must be between 1 and 2147483647", "got 0"],
  },
  {
    title: "maxSubscriberNum is fractional",
    field: "maxSubscriberNum",
    value: 1.5,
    expect: ["maxSubscriberNum must be a whole number", "got number 1.5"],
  },
  {
    title: "maxSubscriberNum is huge (1e12)",
    field: "maxSubscriberNum",
    value: 1e12,
    expect: ["maxSubscriberNum must be between 1 and 2147483647", "got 1000000000000"],
  },
  {
    title: "maxSubscriberNum is one past the limit",
    field: "maxSubscriberNum",
    value: 2147483648,
    expect: ["maxSubscriberNum must be between 1 and 2147483647", "got 2147483648"],
  },
  {
    title: "maxSubscriberNum is a numeric string",
    field: "maxSubscriberNum",
    value: "5000",
    expect: ['maxSubscriberNum must be a whole number; got string "5000"'],
  },
  // adopt
  {
    title: "adopt is the string yes",
    field: "adopt",
    value: "yes",
    expect: ['adopt must be true or false; got string "yes"'],
  },
  { title: "adopt is the number 1", field: "adopt", value: 1, expect: ["adopt must be true or false; got number 1"] },
  // unknown names
  {
    title: "typo: nmae",
    field: "nmae",
    value: "Daily",
    expect: ["nmae is not an OfficialAccount input", "did you mean name?"],
  },
  {
    title: "typo: introducton",
    field: "introducton",
    value: "Hi",
    expect: ["introducton is not an OfficialAccount input", "did you mean introduction?"],
  },
  {
    title: "snake case: owner_account",
    field: "owner_account",
    value: OWNER,
    expect: ["owner_account is not an OfficialAccount input", "did you mean ownerAccount?"],
  },
  {
    title: "wrong case: FaceURL",
    field: "FaceURL",
    value: "https://example.com/a.png",
    expect: ["FaceURL is not an OfficialAccount input", "did you mean faceUrl?"],
  },
  {
    title: "unknown name with no near match: colour",
    field: "colour",
    value: "blue",
    expect: ["colour is not an OfficialAccount input", "the inputs are ownerAccount, name, introduction"],
  },
];

/**
 * officialAccountUserId rules beyond the one the vendor documents (the `@TOA#_` prefix): something after
 * the prefix, a character set and a length limit. Kept apart so they can be relaxed in one place (check
 * is to accept what the service accepts); run only against check itself, not through the engine.
 */
/** Ids the emulator refuses by its own guess (docs/emulator.md) but the vendor documents nothing against. */
const ID_RULES_BEYOND_THE_PREFIX_ROWS: readonly InputRow[] = [
  {
    title: "officialAccountUserId is the prefix alone",
    field: "officialAccountUserId",
    value: "@TOA#_",
    expect: [],
  },
  {
    title: "officialAccountUserId has a space and !",
    field: "officialAccountUserId",
    value: "@TOA#_news daily!",
    expect: [],
  },
  {
    title: "officialAccountUserId has CJK characters",
    field: "officialAccountUserId",
    value: "@TOA#_新闻",
    expect: [],
  },
  {
    title: "officialAccountUserId is 49 bytes",
    field: "officialAccountUserId",
    value: "@TOA#_" + "a".repeat(43),
    expect: [],
  },
];

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
  return [
    {
      // First, the proof that the trap works: with allowInsecureHttp the client does connect, and the
      // connection lands on the trap (.invalid never resolves, so without the trap nothing is reached either).
      // Every later row runs only once this one passed.
      title: "control: plain http with allowInsecureHttp connects, and the trap catches it",
      config: { "tencentchat:endpoint": "http://chat-endpoint.invalid", "tencentchat:allowInsecureHttp": "true" },
      expect: ["create_official_account failed", "HTTP 502"],
      reaches: "trap",
    },
    {
      title: "secret key missing from config and environment",
      config: { "tencentchat:secretKey": null },
      expect: [
        "tencentchat:secretKey is missing",
        "pulumi config set --secret tencentchat:secretKey",
        "TENCENTCHAT_SECRET_KEY environment variable",
      ],
      reaches: "nothing",
    },
    {
      title: "SDKAppID missing (empty environment variable)",
      env: { TENCENTCHAT_SDKAPPID: "" },
      expect: ["tencentchat:sdkAppId is missing", "pulumi config set tencentchat:sdkAppId", "TENCENTCHAT_SDKAPPID"],
      reaches: "nothing",
    },
    {
      title: "identifier missing (empty environment variable)",
      env: { TENCENTCHAT_IDENTIFIER: "" },
      expect: ["tencentchat:identifier (the app admin account) is missing", "TENCENTCHAT_IDENTIFIER"],
      reaches: "nothing",
    },
    {
      title: "SDKAppID is not a number",
      config: { "tencentchat:sdkAppId": "14000abc" },
      expect: ["tencentchat:sdkAppId must be the numeric SDKAppID from the Chat console", 'got "14000abc"'],
      reaches: "nothing",
      refusedByProviderThrough: ["native"],
    },
    {
      title: "wrong secret key",
      secretConfig: { "tencentchat:secretKey": WRONG_SECRET_KEY },
      expect: ["70003", "UserSig check failed", "usually the secret key is wrong", "tencentchat:secretKey"],
      reaches: "emulator",
    },
    {
      title: "wrong SDKAppID",
      config: { "tencentchat:sdkAppId": String(TEST_SDK_APP_ID + 1) },
      expect: [
        "60006",
        "invalid SDKAppID",
        "tencentchat:sdkAppId is not a valid SDKAppID",
        "copy it from the Chat console",
      ],
      reaches: "emulator",
    },
    {
      title: "identifier that is not an app admin",
      env: { TENCENTCHAT_IDENTIFIER: "just-a-user" },
      expect: ["70403", "app admin required", "TENCENTCHAT_IDENTIFIER must be an app admin account"],
      reaches: "emulator",
    },
    {
      title: "unreachable endpoint (a closed port on 127.0.0.1)",
      config: { "tencentchat:endpoint": `http://127.0.0.1:${closedPort}` },
      expect: [
        "connection refused",
        `nothing accepts connections at http://127.0.0.1:${closedPort}`,
        "check the endpoint",
      ],
      reaches: "closed-port",
    },
    {
      title: "plain http to a non-loopback host is refused before connecting",
      config: { "tencentchat:endpoint": "http://10.0.0.1:8080" },
      expect: [
        'Refusing plain http:// to "10.0.0.1:8080"',
        "the admin UserSig would travel unencrypted",
        "Use https://",
        "allowInsecureHttp",
      ],
      reaches: "nothing",
    },
    {
      title: "unknown region",
      config: { "tencentchat:endpoint": null, "tencentchat:region": "mars" },
      expect: [
        'Unknown Tencent Cloud Chat region "mars"',
        "valid regions are china, singapore",
        "set tencentchat:region",
      ],
      reaches: "nothing",
    },
    {
      title: "region and endpoint both set",
      config: { "tencentchat:region": "singapore" },
      expect: ['tencentchat:region ("singapore") and tencentchat:endpoint', "are both set: keep one"],
      reaches: "nothing",
      refusedByProviderThrough: ["native"],
    },
    {
      title: "endpoint without a scheme",
      config: { "tencentchat:endpoint": "127.0.0.1:8787" },
      expect: [
        'Invalid Tencent Cloud Chat endpoint "127.0.0.1:8787"',
        "give an absolute URL such as https://host or http://127.0.0.1:PORT",
      ],
      reaches: "nothing",
    },
    {
      title: "endpoint with an unsupported scheme",
      config: { "tencentchat:endpoint": "ftp://127.0.0.1/chat" },
      expect: ["Invalid Tencent Cloud Chat endpoint", "only http:// and https:// are supported"],
      reaches: "nothing",
    },
    {
      title: "endpoint with a password and a query string (the password is not echoed)",
      config: { "tencentchat:endpoint": `http://admin:${ENDPOINT_PASSWORD}@127.0.0.1:${closedPort}/?debug=1` },
      expect: ["Invalid Tencent Cloud Chat endpoint", "remove credentials, query string and fragment"],
      reaches: "nothing",
      notEchoed: [ENDPOINT_PASSWORD],
    },
    {
      title: "allowInsecureHttp is not a boolean",
      config: { "tencentchat:allowInsecureHttp": "yes" },
      expect: ['tencentchat:allowInsecureHttp must be true or false; got "yes"'],
      reaches: "nothing",
      refusedByProviderThrough: ["native"],
    },
    {
      title: "callsPerSecond above the documented limit",
      config: { "tencentchat:callsPerSecond": "500" },
      expect: ["tencentchat:callsPerSecond must be a number in (0, 200]", "the API allows 200 calls/s", 'got "500"'],
      reaches: "nothing",
      refusedByProviderThrough: ["native"],
    },
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
        program: door.program,
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
