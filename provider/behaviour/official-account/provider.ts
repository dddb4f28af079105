/**
 * The OfficialAccount provider's behaviour: check, diff, create, read,
 * update, delete. It runs inside the provider process, reached through the
 * small shim in official-account.ts (and, later, the native front door).
 * `check` and `diff` never call the API (the engine runs them one resource at
 * a time); the rest do.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ErrorCode } from "../../../chat-api/error-codes";
import { INPUT_FIELDS, REPLACING_FIELDS, UPDATABLE_FIELDS } from "../../../chat-api/official-account-fields";
import { ChatApiError, type OfficialAccountInfo, type OfficialAccountsApi } from "../../chat";
import { generateOfficialAccountId } from "./account-id";
import { OfficialAccountCreatedButUnreadError, OfficialAccountError, withContext } from "../errors";
import {
  checkedInputsOf,
  INPUT_DEFAULTS,
  inputsFromLive,
  inputsOfImport,
  profileChanges,
  stateAfterUpdate,
  stateFrom,
  stateOfImport,
  toNewAccount,
  type CheckedInputs,
  type OfficialAccountState,
} from "./state";
import { isUnknown, validateOfficialAccountInputs } from "./validation";
import type { Props } from "../props";

const REPLACING = REPLACING_FIELDS.map((field) => field.name);
/** Fields the documented read leaves out: an import cannot know them. */
const UNREADABLE = new Set(INPUT_FIELDS.filter((field) => field.absentFromDocumentedRead).map((field) => field.name));

/** A read's result; `unreadFields` (import only) names inputs the service did not return and the import left out. */
export type ReadOutcome = pulumi.dynamic.ReadResult & { readonly unreadFields?: readonly string[] };
const DIFFED = [...REPLACING, ...UPDATABLE_FIELDS.map((field) => field.name)];

/**
 * How a create attempt ended when it did not simply create the account:
 * the id was in use at once, or an attempt whose answer was lost may have
 * created it (`error` is the failure to report if no account turns up).
 */
type CreateOutcome =
  | { readonly kind: "created" }
  | { readonly kind: "in-use" }
  | { readonly kind: "lost-answer"; readonly error?: ChatApiError };

/** The OfficialAccount resource's check/diff/create/read/update/delete, written once for every front door. */
export class OfficialAccountProvider {
  /** @param api gives the API client on first use, so check/diff work without credentials. */
  constructor(private readonly api: () => OfficialAccountsApi) {}

  /** Validates the inputs (every problem at once), fills in defaults and decides the id. Never calls the API. */
  async check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const failures = validateOfficialAccountInputs(news);
    if (failures.length > 0) return { inputs: news, failures };

    const inputs: Props = { ...news };
    // An imported account's recorded inputs leave out what the read could not see; a default filled in
    // for such a field would overwrite the live value unseen, so it stays out until the program declares it.
    const imported = Object.keys(olds).length > 0;
    for (const [field, value] of Object.entries(INPUT_DEFAULTS)) {
      if (imported && UNREADABLE.has(field) && olds[field] === undefined) continue;
      if (inputs[field] === undefined || inputs[field] === null) inputs[field] = value;
    }
    if (inputs.officialAccountUserId === undefined || inputs.officialAccountUserId === null) {
      const sameOwner = olds.ownerAccount !== undefined && olds.ownerAccount === news.ownerAccount;
      if (typeof olds.officialAccountUserId === "string" && olds.officialAccountUserId !== "" && sameOwner) {
        inputs.officialAccountUserId = olds.officialAccountUserId;
      } else if (typeof news.ownerAccount === "string" && !isUnknown(news.ownerAccount)) {
        const seed = typeof news.idSeed === "string" ? news.idSeed : "account";
        inputs.officialAccountUserId = generateOfficialAccountId(seed, news.ownerAccount);
      } else {
        delete inputs.officialAccountUserId; // owner unknown during preview: the id is decided at `up`
      }
    }
    return { inputs };
  }

  /** Replacing fields replace, profile fields update in place, outputs and `adopt` never differ. */
  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const changed = DIFFED.filter((field) => news[field] !== undefined && olds[field] !== news[field]);
    const replaces = changed.filter((field) => REPLACING.includes(field));
    const keepsId = olds.officialAccountUserId === news.officialAccountUserId && !isUnknown(news.officialAccountUserId);
    return {
      changes: changed.length > 0,
      replaces,
      stables: replaces.length === 0 ? ["officialAccountUserId", "ownerAccount", "createTime"] : [],
      // A replacement that keeps its declared id must free the id first.
      deleteBeforeReplace: replaces.length > 0 && keepsId,
    };
  }

  /**
   * Creates the account, or takes over the one holding its id when that
   * account is ours (see `whyOurs`). Reads the account once per decision:
   * a read-back after a create, or one read before a take-over, whose
   * answer is also the recorded state.
   */
  async create(props: Props): Promise<pulumi.dynamic.CreateResult> {
    const inputs = checkedInputsOf(props);
    const id = inputs.officialAccountUserId;
    const api = this.api();
    const outcome = await attemptCreate(api, inputs);
    if (outcome.kind === "created") {
      // The account is ours now: a failed read-back must not lose it, or the next run would find the id
      // in use. The error carries the id and the state so far, so the engine records the account.
      const live = await api.get(id, { urgent: true }).catch((error: unknown) => {
        throw new OfficialAccountCreatedButUnreadError(id, stateFrom(inputs, undefined), error);
      });
      if (!live) throw new OfficialAccountCreatedButUnreadError(id, stateFrom(inputs, undefined), undefined);
      return { id, outs: stateFrom(inputs, live) };
    }

    // The id is taken. On a 130008 at once, only adopt or our generated id make the account ours (no read
    // needed to refuse); after a lost answer, one read decides (whyOurs). Either way that read is the state.
    const why = outcome.kind === "in-use" ? whyOursWithoutLooking(inputs) : undefined;
    if (outcome.kind === "in-use" && why === undefined) throw idInUseError(id);
    const createFailure = outcome.kind === "lost-answer" ? outcome.error : undefined;
    const live = await api.get(id, { urgent: true }).catch((error: unknown) => {
      // After a create that failed every attempt, an account we cannot see means the create's own failure.
      throw createFailure
        ? withContext(`creating official account ${id}`, createFailure)
        : withContext(`reading back official account ${id}`, error);
    });
    if (!live && createFailure) throw withContext(`creating official account ${id}`, createFailure);
    const reason = why ?? whyOurs(inputs, live);
    if (reason === undefined) throw idInUseError(id);
    await this.takeOver(api, inputs, live, reason);
    return { id, outs: stateFrom(inputs, live) };
  }

  /**
   * Reads the live account; a missing one reads as an empty id (the engine
   * drops it from state). With no recorded state (`pulumi import`), the inputs
   * are only what the account has, and `unreadFields` lists the inputs the
   * read did not return, which the import leaves out.
   */
  async read(id: string, props: Props = {}): Promise<ReadOutcome> {
    const live = await this.api()
      .get(id)
      .catch((error: unknown) => {
        throw withContext(`reading official account ${id}`, error);
      });
    if (!live) return { id: "" }; // destroyed outside Pulumi: the engine drops it from state
    if (Object.keys(props).length === 0) {
      const { inputs, unread } = inputsOfImport(live);
      return { id, props: stateOfImport(live, unread), inputs, unreadFields: unread };
    }
    const previous = checkedInputsOf({ ...props, officialAccountUserId: id });
    const inputs = inputsFromLive(previous, live);
    // A field neither recorded (an import left it out) nor returned stays unknown, not a default.
    const unknown = [...UNREADABLE].filter((field) => props[field] === undefined);
    const seen = (field: string) => (live as unknown as Props)[field] !== undefined;
    const stillUnknown = unknown.filter((field) => !seen(field));
    return {
      id,
      props: withoutUnset(stateFrom(inputs, live), stillUnknown, {}),
      inputs: withoutUnset(inputs as OfficialAccountState, stillUnknown, {}),
    };
  }

  /** Changes the profile fields that differ, in one modify call (none when nothing differs). */
  async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const declared = checkedInputsOf(news);
    const changes: Record<string, unknown> = profileChanges(checkedInputsOf(olds), declared);
    // A field an import could not read has no recorded value: send it when the program declares it
    // (whatever the default), never a default the program did not ask for.
    const unknownToState = [...UNREADABLE].filter((field) => olds[field] === undefined);
    for (const field of unknownToState) {
      if (news[field] === undefined) delete changes[field];
      else changes[field] = news[field];
    }
    if (Object.keys(changes).length > 0) {
      await this.api()
        .modify(id, changes)
        .catch((error: unknown) => {
          throw withContext(`updating official account ${id}`, error, {
            [ErrorCode.accountNotFound]:
              "It was destroyed outside Pulumi: run `pulumi refresh`, then `pulumi up` recreates it.",
          });
        });
    }
    // A create whose read-back failed recorded no service-side fields (createTime 0); the engine updates
    // such a resource on the next run, which reads them now.
    if (!olds.createTime) {
      const live = await this.api()
        .get(id, { urgent: true })
        .catch((error: unknown) => {
          throw withContext(`reading back official account ${id}`, error);
        });
      if (live) return { outs: withoutUnset(stateFrom(declared, live), unknownToState, news) };
    }
    return { outs: withoutUnset(stateAfterUpdate(declared, olds), unknownToState, news) };
  }

  /** Destroys the account; one that no longer exists (130004) is done. */
  async delete(id: string): Promise<void> {
    await this.api()
      .destroy(id)
      .catch((error: unknown) => {
        throw withContext(`deleting official account ${id}`, error);
      });
  }

  /** Takes over `live` (the account holding the declared id) and sets its fields as declared. */
  private async takeOver(
    api: OfficialAccountsApi,
    inputs: CheckedInputs,
    live: OfficialAccountInfo | undefined,
    why: string,
  ): Promise<void> {
    const id = inputs.officialAccountUserId;
    if (!live) {
      throw new OfficialAccountError(
        `official account ${id} was reported in use but cannot be read (${why}); run \`pulumi up\` again.`,
      );
    }
    if (live.ownerAccount !== undefined && live.ownerAccount !== inputs.ownerAccount) {
      throw new OfficialAccountError(
        `official account ${id} already exists and is owned by "${live.ownerAccount}", but ownerAccount is ` +
          `"${inputs.ownerAccount}". The owner of an official account cannot change: declare ownerAccount ` +
          `"${live.ownerAccount}" to take it over, or choose another officialAccountUserId.`,
      );
    }
    const changes = profileChanges(inputsFromLive(inputs, live), inputs);
    if (Object.keys(changes).length > 0) {
      await api.modify(id, changes).catch((error: unknown) => {
        throw withContext(`taking over official account ${id}`, error);
      });
    }
  }
}

/** `state` without the `fields` the program does not declare (so no default is recorded as if it were live). */
function withoutUnset(state: OfficialAccountState, fields: readonly string[], news: Props): Props {
  const out: Props = { ...state };
  for (const field of fields) if (news[field] === undefined) delete out[field];
  return out;
}

/** One create call, its failure sorted into what the caller must decide about. */
async function attemptCreate(api: OfficialAccountsApi, inputs: CheckedInputs): Promise<CreateOutcome> {
  const id = inputs.officialAccountUserId;
  try {
    const result = await api.create(toNewAccount(inputs));
    return result.maybeCreatedByEarlierAttempt ? { kind: "lost-answer" } : { kind: "created" };
  } catch (error) {
    if (error instanceof ChatApiError && error.code === ErrorCode.accountIdInUse) return { kind: "in-use" };
    // Every attempt failed, but one may have been applied (its answer lost): look before giving up,
    // or the next run would find the id in use and, for a declared id, stop there.
    if (error instanceof ChatApiError && error.possiblyApplied) return { kind: "lost-answer", error };
    throw withContext(`creating official account ${id}`, error);
  }
}

/** Why an account holding the declared id is ours whatever it looks like, or undefined. */
function whyOursWithoutLooking(inputs: CheckedInputs): string | undefined {
  if (inputs.adopt) return "adopt is true";
  // Generated ids encode project, stack, name and owner: such an account is ours from an interrupted run.
  if (inputs.idSeed && inputs.officialAccountUserId === generateOfficialAccountId(inputs.idSeed, inputs.ownerAccount)) {
    return "it was created by an earlier, interrupted run of this stack";
  }
  return undefined;
}

/**
 * Why the account holding the declared id is ours after a lost answer, or
 * undefined: adopt or a generated id say so, else the live account must show
 * the declared owner and name (fields the API did not return count as equal),
 * so a lost answer never takes over someone else's account.
 */
function whyOurs(inputs: CheckedInputs, live: OfficialAccountInfo | undefined): string | undefined {
  const without = whyOursWithoutLooking(inputs);
  if (without !== undefined || !live) return without;
  const sameOwner = live.ownerAccount === undefined || live.ownerAccount === inputs.ownerAccount;
  const sameName = live.name === undefined || live.name === inputs.name;
  return sameOwner && sameName ? "an earlier attempt of this create succeeded but its answer was lost" : undefined;
}

function idInUseError(id: string): OfficialAccountError {
  return new OfficialAccountError(
    `creating official account ${id}: the id is already in use (130008). ` +
      `To manage the existing account with Pulumi, set \`adopt: true\` on this resource ` +
      `(pulumi import does not work for dynamic providers); it is then taken over and its fields set as declared. ` +
      `Otherwise choose another officialAccountUserId, or leave it out to have one generated.`,
  );
}
