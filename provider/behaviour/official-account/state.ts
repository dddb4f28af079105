/**
 * The OfficialAccount's inputs and state as the engine stores them, and the
 * one mapping between them and the client's domain types. Every mapper walks
 * the field table, so a new field is carried through without an edit here.
 */
import {
  ACCOUNT_INPUT_FIELDS,
  INPUT_FIELDS,
  OUTPUT_FIELDS,
  UPDATABLE_FIELDS,
  type ByName,
  type FieldSpec,
  type InputRow,
  type OutputRow,
} from "../../../chat-api/official-account-fields";
import type { NewOfficialAccount, OfficialAccountInfo, OfficialAccountProfile } from "../../chat";

/** Inputs after `check`: every input field (defaults filled in, the id decided), plus the id seed. */
export type CheckedInputs = ByName<InputRow> & {
  /** `project/stack/logical-name`, set by the resource class, seeds generated ids. */
  idSeed?: string;
};

/** What the engine keeps in state: the inputs plus what only the service knows. */
export type OfficialAccountState = CheckedInputs & ByName<OutputRow>;

type Values = Readonly<Record<string, unknown>>;

/** The fields `check` fills in when the program leaves them out, from the table's defaults. */
export const INPUT_DEFAULTS: Readonly<Record<string, unknown>> = Object.fromEntries(
  INPUT_FIELDS.filter((field) => field.default !== undefined).map((field) => [field.name, field.default]),
);

/** The value a stored state without the field stands for: the default, else empty. */
function emptyValue(field: FieldSpec): unknown {
  return field.default ?? (field.type === "string" ? "" : 0);
}

/** `fields` of `values`, each as `pick` chooses it. */
function pickFields(fields: readonly FieldSpec[], pick: (field: FieldSpec) => unknown): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field.name, pick(field)]));
}

/** The output fields of `values`; 0 where it has none (a service that did not say, or no read yet). */
function outputsOf(values: Values | undefined): Record<string, unknown> {
  return pickFields(OUTPUT_FIELDS, (field) => values?.[field.name] ?? emptyValue(field));
}

/** What create_official_account gets: the inputs the service stores. */
export function toNewAccount(inputs: CheckedInputs): NewOfficialAccount {
  return pickFields(ACCOUNT_INPUT_FIELDS, (field) => (inputs as Values)[field.name]) as NewOfficialAccount;
}

/** The updatable fields whose declared value differs from `current`. */
export function profileChanges(current: Partial<CheckedInputs>, declared: CheckedInputs): OfficialAccountProfile {
  const changed = UPDATABLE_FIELDS.filter(
    (field) => (current as Values)[field.name] !== (declared as Values)[field.name],
  );
  return pickFields(changed, (field) => (declared as Values)[field.name]) as OfficialAccountProfile;
}

/**
 * The inputs as the live account shows them. Fields the API did not return
 * keep their previous value: the live API may leave out fields outside its
 * documented read (maxSubscriberNum), and drift must never be reported on
 * what it cannot see.
 */
export function inputsFromLive(previous: CheckedInputs, live: OfficialAccountInfo): CheckedInputs {
  const seen = pickFields(
    ACCOUNT_INPUT_FIELDS,
    (field) => (live as Values)[field.name] ?? (previous as Values)[field.name],
  );
  return { ...previous, ...seen };
}

/** The state to record: the inputs, and the outputs as `live` shows them (0 without a read). */
export function stateFrom(inputs: CheckedInputs, live: OfficialAccountInfo | undefined): OfficialAccountState {
  return { ...inputs, ...outputsOf(live) } as OfficialAccountState;
}

/** The state after an update: the declared inputs, the outputs as they were recorded. */
export function stateAfterUpdate(declared: CheckedInputs, previous: Values): OfficialAccountState {
  return { ...declared, ...outputsOf(previous) } as OfficialAccountState;
}

/** The checked-input part of a stored state (drops outputs-only fields and the serialized provider). */
export function checkedInputsOf(state: Values): CheckedInputs {
  const inputs = pickFields(INPUT_FIELDS, (field) => state[field.name] ?? emptyValue(field));
  return (typeof state.idSeed === "string" ? { ...inputs, idSeed: state.idSeed } : inputs) as CheckedInputs;
}

/**
 * What `pulumi import` records as the account's inputs: only what the live
 * account has, as a user would declare it. No provider-only input (adopt), no
 * empty text for a field left unset, and no value for a field the read did
 * not return (`unread`, e.g. maxSubscriberNum outside the documented read):
 * the program declares those if it cares.
 */
export function inputsOfImport(live: OfficialAccountInfo): {
  inputs: Record<string, unknown>;
  unread: string[];
} {
  const inputs: Record<string, unknown> = {};
  const unread: string[] = [];
  for (const field of ACCOUNT_INPUT_FIELDS) {
    const value = (live as Values)[field.name];
    if (value === undefined || value === null) unread.push(field.name);
    else if (value !== "") inputs[field.name] = value;
  }
  return { inputs, unread };
}

/**
 * The state recorded by an import: every field as the account has it (empty
 * text included, so a program that leaves a field unset shows no change), the
 * live outputs, and nothing for a field the read did not return.
 */
export function stateOfImport(live: OfficialAccountInfo, unread: readonly string[]): Record<string, unknown> {
  const state: Record<string, unknown> = stateFrom(checkedInputsOf(live as unknown as Values), live);
  for (const field of unread) delete state[field];
  return state;
}
