/**
 * The error codes of the Chat REST API with their meanings, plain-language
 * hints and how a client reacts to each: written once, read by the client
 * (ChatApiError's message), the provider, the emulator (which codes it
 * answers) and the README's troubleshooting table (checked by a test).
 *
 * Codes:
 * - a positive number is the API's own `ErrorCode` (or a per-item code);
 * - `ErrorCode.transport` (-1): no usable answer came back (network error,
 *   timeout, HTTP status other than 200);
 * - `ErrorCode.protocol` (-2): an answer came back but did not have the
 *   documented shape (not JSON, an id missing from a list, ...);
 * - `ErrorCode.partialFailure` (-3): a batch call succeeded but listed some
 *   items as failed without a code of their own (FailAccounts, a subscriber's `Result: 0`).
 */
import { DOCUMENTED_CALLS_PER_SECOND } from "./limits";
import { WIRE_FIELDS } from "./official-account-fields";
import { CONFIG_NAMESPACE } from "./setting-variables";

/** Every code the project names, by what it means. */
export const ErrorCode = {
  /** No usable answer: network error, timeout or a non-200 HTTP status. */
  transport: -1,
  /** An answer that does not have the documented shape. */
  protocol: -2,
  /** A batch call that failed for some items and gave no code for them. */
  partialFailure: -3,
  invalidParameter: 6017,
  internalError: 10004,
  invalidRequestPacket: 20001,
  internalErrorAlt: 20005,
  insufficientPermission: 130002,
  accountNotFound: 130004,
  badAccountId: 130007,
  accountIdInUse: 130008,
  accountQuotaExceeded: 130010,
  serviceNotEnabled: 131000,
  urlParse: 60002,
  jsonParse: 60003,
  badIdentifier: 60004,
  badUserSig: 60005,
  badSdkAppId: 60006,
  frequencyLimit: 60007,
  appAdminRequired: 60010,
  appFrequencyLimit: 60011,
  missingSdkAppId: 60012,
  tooFrequent: 60018,
  tooFrequentAlt: 60019,
  planExpired: 60020,
  ipNotAllowed: 60021,
  userSigExpired: 70001,
  userSigEmpty: 70002,
  userSigInvalid: 70003,
  userSigInvalidAlt: 70005,
  secretKeyMismatch: 70009,
  identifierMismatch: 70013,
  sdkAppIdMismatch: 70014,
  keyNotFound: 70016,
  tooManyFailedChecks: 70050,
  accountNotImported: 70107,
  internalTimeout: 70169,
  importInvalidParameter: 70402,
  adminRequired: 70403,
  internalErrorCommon: 70500,
} as const;

/** The byte limits of the text fields, as the 6017 hint lists them. */
const TEXT_LIMITS = WIRE_FIELDS.flatMap((field) =>
  field.rule.kind === "text" ? [`${field.wireName} <= ${field.rule.maxBytes} bytes`] : [],
).join(", ");

/** How the client reacts to a code. */
export type ChatErrorRetryClass =
  /** Retried with backoff, within `maxRetries`. */
  | "transient"
  /** Retried with backoff, within the larger `maxThrottleRetries`. */
  | "throttle"
  /** The UserSig is signed afresh and the call retried once. */
  | "renew-user-sig"
  /** Fails at once. */
  | "none";

/** What a code means and how a client treats it: {@link describeChatErrorCode}'s answer. */
interface ChatErrorCodeDescription {
  /** The code described. */
  readonly code: number;
  /** What the code means, in a few words (shown in parentheses in messages). */
  readonly meaning: string;
  /** What to do about it, in plain language. */
  readonly hint: string;
  /** How a client treats the code. */
  readonly retry: ChatErrorRetryClass;
}

/** A row of {@link CHAT_ERROR_CODES}: the description without the code, which is the row's key. */
type Entry = Omit<ChatErrorCodeDescription, "code">;

/**
 * The provider settings a hint may name. A hint writes `{sdkAppId}` where it names one, and
 * {@link describeChatErrorCode} puts in the name the user actually used (stack config, an explicit
 * provider's argument, or the environment variable; see {@link HintContext}).
 */
export type HintSetting = (typeof HINT_SETTINGS)[number];
/** The {@link HintSetting} names, listed once: the type and the hints' `{setting}` pattern come from here. */
const HINT_SETTINGS = ["sdkAppId", "identifier", "secretKey", "region", "endpoint", "callsPerSecond"] as const;
/** A `{setting}` a hint names. */
const HINT_SETTING_PATTERN = new RegExp(`\\{(${HINT_SETTINGS.join("|")})\\}`, "g");

/** What a hint needs to fit the user's own set-up. */
export interface HintContext {
  /** How each setting is named in this user's set-up; a setting left out reads `tencentchat:<key>`. */
  readonly settingNames?: Readonly<Partial<Record<HintSetting, string>>>;
  /** The endpoint is a loopback host (the local emulator): hints add the emulator's own fixes. */
  readonly loopbackEndpoint?: boolean;
}

/** How hints name a setting when nothing is known about where the user set it. */
function defaultSettingName(setting: HintSetting): string {
  return `${CONFIG_NAMESPACE}:${setting}`;
}

const CHECK_CREDENTIALS = "check {sdkAppId}, {identifier} and {secretKey} against the Chat console";

/** Every code in the project's API notes, with a plain-language hint. */
export const CHAT_ERROR_CODES: Readonly<Record<number, Entry>> = {
  [ErrorCode.transport]: {
    meaning: "no usable answer from the Chat API",
    hint: "the network, a proxy or the service failed; check connectivity to the endpoint and retry later. For a create, the account may exist now: retrying with the same officialAccountUserId is safe.",
    retry: "transient",
  },
  [ErrorCode.protocol]: {
    meaning: "unexpected response from the Chat API",
    hint: "the answer did not have the documented shape; check that the endpoint points at the Chat REST API (or the emulator) and not at another service.",
    retry: "none",
  },
  [ErrorCode.partialFailure]: {
    meaning: "some items failed",
    hint: "the call succeeded for some items only; ErrorInfo lists the ones that failed (imports: UserIDs must be printable ASCII, 1 to 32 bytes; subscribers: a full account refuses the users past its maxSubscriberNum).",
    retry: "none",
  },
  [ErrorCode.invalidParameter]: {
    meaning: "invalid parameter",
    hint: `a field is missing, too long or malformed; ErrorInfo names it. Check the field limits (${TEXT_LIMITS}).`,
    retry: "none",
  },
  [ErrorCode.internalError]: {
    meaning: "internal server error",
    hint: "a temporary fault on Tencent's side; it is retried automatically.",
    retry: "transient",
  },
  [ErrorCode.invalidRequestPacket]: {
    meaning: "invalid request packet",
    hint: "the request body was not accepted; this is likely a bug in pulumi-tencent-chat, please report it with the ErrorInfo.",
    retry: "none",
  },
  [ErrorCode.internalErrorAlt]: {
    meaning: "internal server error",
    hint: "a temporary fault on Tencent's side; it is retried automatically.",
    retry: "transient",
  },
  [ErrorCode.insufficientPermission]: {
    meaning: "insufficient permission",
    hint: "the identifier is not allowed to do this; use an app admin account (Chat console > App admin) and check ErrorInfo for the field it objects to.",
    retry: "none",
  },
  [ErrorCode.accountNotFound]: {
    meaning: "official account does not exist",
    hint: "the account was never created or has been destroyed (possibly by hand in the console); run `pulumi refresh` to drop it from state.",
    retry: "none",
  },
  [ErrorCode.badAccountId]: {
    meaning: "bad official account id",
    hint: 'the officialAccountUserId is malformed: it must start with "@TOA#_" followed by letters, digits, "_", "-", "#", "@" or ".".',
    retry: "none",
  },
  [ErrorCode.accountIdInUse]: {
    meaning: "official account id already in use",
    hint: "another official account already has this officialAccountUserId; choose another id, or set adopt: true to take the existing account over.",
    retry: "none",
  },
  [ErrorCode.accountQuotaExceeded]: {
    meaning: "too many official accounts for the plan",
    hint: "destroy unused official accounts or upgrade the Chat plan.",
    retry: "none",
  },
  [ErrorCode.serviceNotEnabled]: {
    meaning: "official-account service not enabled",
    hint: "enable the official account feature for this SDKAppID in the Chat console, then retry.",
    retry: "none",
  },
  [ErrorCode.urlParse]: {
    meaning: "URL parse error",
    hint: "the request URL was rejected; check {endpoint} (no extra path or query string).",
    retry: "none",
  },
  [ErrorCode.jsonParse]: {
    meaning: "request JSON parse error",
    hint: "the request body was not valid JSON for the server; this is likely a bug in pulumi-tencent-chat, please report it.",
    retry: "none",
  },
  [ErrorCode.badIdentifier]: {
    meaning: "bad identifier or UserSig",
    hint: `the admin identifier or its UserSig was refused; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  [ErrorCode.badUserSig]: {
    meaning: "bad identifier or UserSig",
    hint: `the admin identifier or its UserSig was refused; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  [ErrorCode.badSdkAppId]: {
    meaning: "invalid SDKAppID",
    hint: "{sdkAppId} is not a valid SDKAppID; copy it from the Chat console (a number such as 1400000000).",
    retry: "none",
  },
  [ErrorCode.frequencyLimit]: {
    meaning: "REST call frequency exceeded",
    hint: `more than ${DOCUMENTED_CALLS_PER_SECOND} calls per second reached the API; the client backs off and retries. If it persists, another process is using the same SDKAppID: lower {callsPerSecond}.`,
    retry: "throttle",
  },
  [ErrorCode.appAdminRequired]: {
    meaning: "app admin required",
    hint: "{identifier} must be an app admin account (Chat console > App admin).",
    retry: "none",
  },
  [ErrorCode.appFrequencyLimit]: {
    meaning: "SDKAppID call frequency exceeded",
    hint: "the app as a whole is over its call quota; the client backs off and retries. Lower {callsPerSecond} if it persists.",
    retry: "throttle",
  },
  [ErrorCode.missingSdkAppId]: {
    meaning: "missing SDKAppID",
    hint: "set {sdkAppId} to the SDKAppID from the Chat console.",
    retry: "none",
  },
  [ErrorCode.tooFrequent]: {
    meaning: "requests too frequent",
    hint: "the service asked to retry later; the client backs off and retries.",
    retry: "throttle",
  },
  [ErrorCode.tooFrequentAlt]: {
    meaning: "requests too frequent",
    hint: "the service asked to retry later; the client backs off and retries.",
    retry: "throttle",
  },
  [ErrorCode.planExpired]: {
    meaning: "plan expired or not active",
    hint: "the Chat plan of this SDKAppID has expired or is not active; renew it in the Chat console.",
    retry: "none",
  },
  [ErrorCode.ipNotAllowed]: {
    meaning: "caller IP not allowed",
    hint: "the app restricts the IPs that may call the REST API; add this machine's public IP to the allow list in the Chat console.",
    retry: "none",
  },
  [ErrorCode.userSigExpired]: {
    meaning: "UserSig expired",
    hint: "the client signs a fresh UserSig and retries once; if this persists, check this machine's clock.",
    retry: "renew-user-sig",
  },
  [ErrorCode.userSigEmpty]: {
    meaning: "UserSig empty",
    hint: `no UserSig reached the server; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  [ErrorCode.userSigInvalid]: {
    meaning: "UserSig check failed",
    hint: `the UserSig did not verify: usually the secret key is wrong; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  [ErrorCode.userSigInvalidAlt]: {
    meaning: "UserSig check failed",
    hint: `the UserSig did not verify: usually the secret key is wrong; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  [ErrorCode.secretKeyMismatch]: {
    meaning: "secret key does not match the SDKAppID",
    hint: "the secret key does not belong to this SDKAppID; copy the key shown for this app in the Chat console into {secretKey}.",
    retry: "none",
  },
  [ErrorCode.identifierMismatch]: {
    meaning: "identifier does not match the UserSig",
    hint: "the UserSig was signed for another identifier; check {identifier}.",
    retry: "none",
  },
  [ErrorCode.sdkAppIdMismatch]: {
    meaning: "SDKAppID does not match the UserSig",
    hint: "the UserSig was signed for another SDKAppID; check {sdkAppId}.",
    retry: "none",
  },
  [ErrorCode.keyNotFound]: {
    meaning: "key not found in this data centre",
    hint: "wrong region / data centre: set {region} to the region of your SDKAppID (china, singapore, seoul, frankfurt, silicon-valley, jakarta, tokyo, mumbai).",
    retry: "none",
  },
  [ErrorCode.tooManyFailedChecks]: {
    meaning: "too many failed UserSig checks",
    hint: "the service locked this identifier after repeated failures; fix the credentials, then wait a minute before retrying.",
    retry: "none",
  },
  [ErrorCode.accountNotImported]: {
    meaning: "account not imported",
    hint: "the owner or subscriber is not a Chat user yet: import it first (account_import / multiaccount_import, or the console).",
    retry: "none",
  },
  [ErrorCode.internalTimeout]: {
    meaning: "internal timeout",
    hint: "a temporary fault on Tencent's side; it is retried automatically.",
    retry: "transient",
  },
  [ErrorCode.importInvalidParameter]: {
    meaning: "invalid parameters",
    hint: "a request field was refused; ErrorInfo names it.",
    retry: "none",
  },
  [ErrorCode.adminRequired]: {
    meaning: "app admin required",
    hint: "{identifier} must be an app admin account (Chat console > App admin).",
    retry: "none",
  },
  [ErrorCode.internalErrorCommon]: {
    meaning: "internal server error",
    hint: "a temporary fault on Tencent's side; it is retried automatically.",
    retry: "transient",
  },
};

/** What a 70107 adds against a loopback endpoint: the local emulator imports users two ways. */
const EMULATOR_IMPORT_HINT =
  " Against the local emulator: start it with --import-users <user,...>, or import now with " +
  "`npx tencentchat-emulator import-users <user>` (its control API: POST /__emulator/users, with --control) " +
  'or `npx pulumi-tencent-chat call account_import \'{"UserID":"<user>"}\'`.';

/** The hint with each `{setting}` named as the user set it, plus what fits the target. */
function renderHint(code: number, hint: string, context: HintContext): string {
  const named = hint.replace(HINT_SETTING_PATTERN, (_, key) => {
    const setting = key as HintSetting;
    return context.settingNames?.[setting] ?? defaultSettingName(setting);
  });
  return code === ErrorCode.accountNotImported && context.loopbackEndpoint ? named + EMULATOR_IMPORT_HINT : named;
}

/**
 * Describes any code; unknown codes get a generic description and are not retried. With a
 * `context`, the hint names the settings as the user set them and fits the endpoint.
 */
export function describeChatErrorCode(code: number, context: HintContext = {}): ChatErrorCodeDescription {
  const entry = CHAT_ERROR_CODES[code];
  if (entry) return { code, ...entry, hint: renderHint(code, entry.hint, context) };
  const common = code >= 60000 && code <= 79999;
  return {
    code,
    meaning: common ? "Chat common error" : "Chat API error",
    hint: `see the Tencent Cloud Chat error code list for ${code}; ErrorInfo usually says what is wrong.`,
    retry: "none",
  };
}
