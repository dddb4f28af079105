/**
 * THE FIELD TABLE: every official-account field, described once. Validation,
 * defaults, the state mappers, wire mapping, the emulator's checks and
 * projection, the README's field table and the package schema derive from
 * it; nothing else restates a field's name, limit, default or docs.
 * Byte limits count UTF-8 bytes (a Chinese character is 3 bytes).
 */

/** How a field behaves on a live account. */
type FieldLifecycle =
  /** modify_official_account_base_info changes it in place. */
  | "updatable"
  /** No API call changes it: a new value means a new account. */
  | "replaces"
  /** Set only by the service; never an input, never a diff. */
  | "output"
  /** A provider setting with no wire field (e.g. `adopt`): changing it calls no API. */
  | "provider";

/**
 * Where the service takes an output field's value from. The emulator follows it: the creation time
 * when it creates an account, 0 for a time no event has set yet (it sends no messages), the
 * subscriptions it holds on every read.
 */
export type ServiceValue =
  /** The time the account was created, Unix seconds. */
  | "creationTime"
  /** The time of the account's last message, Unix seconds; 0 before any. */
  | "lastMessageTime"
  /** How many users subscribe to the account now. */
  | "subscriberCount";

/** The value rule of a field. */
type FieldRule =
  | { readonly kind: "officialAccountId" }
  | { readonly kind: "userId" }
  | { readonly kind: "text"; readonly minBytes: number; readonly maxBytes: number }
  | { readonly kind: "integer"; readonly min: number; readonly max: number }
  | { readonly kind: "boolean" };

/** One row of the field table. */
export interface FieldSpec {
  /** The camelCase name users write in programs and see in state. */
  readonly name: string;
  /** The PascalCase name on the wire, or undefined for provider-only fields. */
  readonly wireName?: string;
  /** The value type in programs and schemas. */
  readonly type: "string" | "integer" | "boolean";
  readonly rule: FieldRule;
  readonly lifecycle: FieldLifecycle;
  /** The program must set it (no default, not generated). */
  readonly required: boolean;
  /** For a required field: what to do when it is missing or empty, as `check` says it. */
  readonly whenMissing?: string;
  /** The value `check` fills in when the program leaves the field out. */
  readonly default?: string | number | boolean;
  /**
   * get_official_account_info does not document it in its answer or its
   * filter list, so the live API may not return it: a read that cannot see it
   * must keep the previous value, never report drift.
   */
  readonly absentFromDocumentedRead?: true;
  /** For an output (and only for one): where the service takes its value from. */
  readonly serviceValue?: ServiceValue;
  /** The text users see in their editor, the README and the schema. */
  readonly description: string;
}

/** The official-account id prefix, the only part of the id format the vendor documents. */
export const OFFICIAL_ACCOUNT_ID_PREFIX = "@TOA#_";
/**
 * The emulator's guess at the rest of the id rule (the vendor documents only
 * the prefix, the only part the provider enforces): letters, digits or
 * `_ - # @ .` after the prefix, at most 48 bytes in all. Generated ids keep
 * within it, so they are accepted wherever the guess is right or too strict.
 */
export const OFFICIAL_ACCOUNT_ID_MAX_BYTES = 48;
/** The characters the emulator's guess allows after the prefix (see above). */
export const OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN = /^[A-Za-z0-9_\-#@.]+$/;
/** Chat UserIDs (owner and subscriber accounts): printable ASCII (0x20-0x7e), 1 to 32 bytes. */
export const USER_ID_MAX_BYTES = 32;
/** A Chat UserID's characters: printable ASCII. */
export const USER_ID_PATTERN = /^[\x20-\x7e]+$/;
/** MaxSubscriberNum when a create leaves it out. */
export const DEFAULT_MAX_SUBSCRIBER_NUM = 100000;
/** MaxSubscriberNum is a positive integer; the vendor's plans stop well below 2^31. */
const MAX_SUBSCRIBER_NUM_LIMIT = 2147483647;

/** The field table: one row per field, in the order users read them (owner and profile, id, provider settings, outputs). */
export const OFFICIAL_ACCOUNT_FIELDS = [
  {
    name: "ownerAccount",
    wireName: "Owner_Account",
    type: "string",
    rule: { kind: "userId" },
    lifecycle: "replaces",
    required: true,
    whenMissing: "set it to the UserID of an imported Chat account that will own the official account",
    description:
      "UserID of the Chat account that owns the official account: an imported account, printable ASCII, " +
      "1 to 32 bytes. The API has no change-owner call: a new value replaces the official account.",
  },
  {
    name: "name",
    wireName: "Name",
    type: "string",
    rule: { kind: "text", minBytes: 1, maxBytes: 150 },
    lifecycle: "updatable",
    required: true,
    whenMissing: "give the official account a display name",
    description: "Display name, 1 to 150 bytes.",
  },
  {
    name: "introduction",
    wireName: "Introduction",
    type: "string",
    rule: { kind: "text", minBytes: 0, maxBytes: 400 },
    lifecycle: "updatable",
    required: false,
    default: "",
    description: "Introduction shown to users, up to 400 bytes.",
  },
  {
    name: "faceUrl",
    wireName: "FaceUrl",
    type: "string",
    rule: { kind: "text", minBytes: 0, maxBytes: 500 },
    lifecycle: "updatable",
    required: false,
    default: "",
    description: "Avatar URL, up to 500 bytes.",
  },
  {
    name: "organization",
    wireName: "Organization",
    type: "string",
    rule: { kind: "text", minBytes: 0, maxBytes: 500 },
    lifecycle: "updatable",
    required: false,
    default: "",
    description: "Organization the account belongs to, up to 500 bytes.",
  },
  {
    name: "customString",
    wireName: "CustomString",
    type: "string",
    rule: { kind: "text", minBytes: 0, maxBytes: 3000 },
    lifecycle: "updatable",
    required: false,
    default: "",
    description: "Free-form data for your own use, up to 3000 bytes.",
  },
  {
    name: "maxSubscriberNum",
    wireName: "MaxSubscriberNum",
    type: "integer",
    rule: { kind: "integer", min: 1, max: MAX_SUBSCRIBER_NUM_LIMIT },
    lifecycle: "updatable",
    required: false,
    default: DEFAULT_MAX_SUBSCRIBER_NUM,
    absentFromDocumentedRead: true,
    description: `Most subscribers the account accepts, 1 to ${MAX_SUBSCRIBER_NUM_LIMIT}; default ${DEFAULT_MAX_SUBSCRIBER_NUM}.`,
  },
  {
    name: "officialAccountUserId",
    wireName: "Official_Account",
    type: "string",
    rule: { kind: "officialAccountId" },
    lifecycle: "replaces",
    required: false,
    description:
      "The official account's id, starting with `@TOA#_` (the only rule the vendor documents; the service " +
      "answers 130007 for an id it refuses). " +
      "Leave it out to have one generated from the project, stack, resource name and owner (stable across runs). " +
      "A new value replaces the official account.",
  },
  {
    name: "adopt",
    type: "boolean",
    rule: { kind: "boolean" },
    lifecycle: "provider",
    required: false,
    default: false,
    description:
      "Take over an existing account with this `officialAccountUserId` instead of failing with 130008 (id in use): " +
      "its fields are then set as declared. Default false.",
  },
  {
    name: "createTime",
    wireName: "CreateTime",
    type: "integer",
    rule: { kind: "integer", min: 0, max: Number.MAX_SAFE_INTEGER },
    lifecycle: "output",
    serviceValue: "creationTime",
    required: false,
    description: "Creation time, Unix seconds, as the service reports it.",
  },
  {
    name: "lastMsgTime",
    wireName: "LastMsgTime",
    type: "integer",
    rule: { kind: "integer", min: 0, max: Number.MAX_SAFE_INTEGER },
    lifecycle: "output",
    serviceValue: "lastMessageTime",
    required: false,
    description: "Time of the last message, Unix seconds (0 before any). Refreshed by `pulumi refresh`.",
  },
  {
    name: "subscriberNum",
    wireName: "SubscriberNum",
    type: "integer",
    rule: { kind: "integer", min: 0, max: Number.MAX_SAFE_INTEGER },
    lifecycle: "output",
    serviceValue: "subscriberCount",
    required: false,
    description: "Current number of subscribers. Refreshed by `pulumi refresh`.",
  },
] as const satisfies readonly FieldSpec[];

/** One row of the field table, with its literal types. */
export type OfficialAccountField = (typeof OFFICIAL_ACCOUNT_FIELDS)[number];

/** Field rows by a predicate, in table order. */
function fieldsWhere(predicate: (field: FieldSpec) => boolean): readonly FieldSpec[] {
  return (OFFICIAL_ACCOUNT_FIELDS as readonly FieldSpec[]).filter(predicate);
}

/** The fields a program may set (everything but outputs). */
export const INPUT_FIELDS = fieldsWhere((field) => field.lifecycle !== "output");
/** Profile fields modify_official_account_base_info changes in place. */
export const UPDATABLE_FIELDS = fieldsWhere((field) => field.lifecycle === "updatable");
/** Fields whose new value means a new account. */
export const REPLACING_FIELDS = fieldsWhere((field) => field.lifecycle === "replaces");
/** Fields only the service sets. */
export const OUTPUT_FIELDS = fieldsWhere((field) => field.lifecycle === "output");

/** Fields with a wire name: what the service stores for an account. */
export const WIRE_FIELDS = fieldsWhere((field) => field.wireName !== undefined) as ReadonlyArray<
  FieldSpec & { readonly wireName: string }
>;
/** The input fields stored on the account (sent on create): inputs with a wire name. */
export const ACCOUNT_INPUT_FIELDS = fieldsWhere(
  (field) => field.lifecycle !== "output" && field.wireName !== undefined,
);

// ---- types derived from the table: adding a row changes them everywhere ----

type Row = OfficialAccountField;
/** The TypeScript type of one field's values. */
type ValueOf<F extends { readonly type: FieldSpec["type"] }> = F["type"] extends "string"
  ? string
  : F["type"] extends "integer"
    ? number
    : boolean;
/** One member per row of `F`, under its camelCase name. */
export type ByName<F extends Row> = { -readonly [R in F as R["name"]]: ValueOf<R> };
/** One member per row of `F`, under its wire name. */
export type ByWireName<F extends Row> = {
  -readonly [R in F as R extends { readonly wireName: string } ? R["wireName"] : never]: ValueOf<R>;
};
/** Rows a program may set. */
export type InputRow = Exclude<Row, { readonly lifecycle: "output" }>;
/** Rows modify_official_account_base_info changes in place. */
export type UpdatableRow = Extract<Row, { readonly lifecycle: "updatable" }>;
/** Rows only the service sets. */
export type OutputRow = Extract<Row, { readonly lifecycle: "output" }>;
/** Rows the service stores. */
export type WireRow = Extract<Row, { readonly wireName: string }>;
/** Output rows the service counts afresh on every read instead of storing them (SubscriberNum). */
export type CountedRow = Extract<OutputRow, { readonly serviceValue: "subscriberCount" }>;
/** Output rows the service stores on the account when it creates it (CreateTime, LastMsgTime). */
export type StoredOutputRow = Exclude<OutputRow, CountedRow>;
/** The id row: the account's key on the wire (`Official_Account`). */
export type IdRow = Extract<Row, { readonly rule: { readonly kind: "officialAccountId" } }>;

/** Whether the service counts the field afresh on every read rather than storing it (a {@link CountedRow}). */
export function countedOnRead(field: FieldSpec): boolean {
  return field.serviceValue === "subscriberCount";
}

/** The field every account is keyed by. */
export const ID_FIELD = WIRE_FIELDS.find((field) => field.rule.kind === "officialAccountId")!;

/**
 * The wire names get_official_account_info documents in
 * `ResponseFilter.OfficialAccountBaseInfoFilter` (and in its answer): every
 * stored field but the id and those absent from the documented read.
 */
export type BaseInfoFilterField = Exclude<WireRow, IdRow | { readonly absentFromDocumentedRead: true }>["wireName"];
/** The {@link BaseInfoFilterField} names, in table order. */
export const BASE_INFO_FILTER_FIELDS = WIRE_FIELDS.filter(
  (field) => field !== ID_FIELD && !field.absentFromDocumentedRead,
).map((field) => field.wireName as BaseInfoFilterField);
