/**
 * The OfficialAccount dynamic provider's behaviour: check, diff, create,
 * read, update, delete. It runs inside the provider process, reached through
 * the small shim in official-account.ts. `check` and `diff` never call the
 * API (the engine runs them one resource at a time); the rest do.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ChatApiError, type CreateResult, type OfficialAccountInfo, type OfficialAccountsApi } from "./chat";
import { generateOfficialAccountId } from "./account-id";
import {
  checkedInputsOf,
  INPUT_DEFAULTS,
  inputsFromLive,
  profileChanges,
  REPLACING_FIELDS,
  stateFrom,
  toNewAccount,
  UPDATABLE_FIELDS,
  type CheckedInputs,
  type OfficialAccountState,
} from "./official-account-state";
import { isUnknown, validateOfficialAccountInputs } from "./validation";

const ID_IN_USE = 130008;
const ACCOUNT_NOT_FOUND = 130004;

type Props = Record<string, unknown>;

export class OfficialAccountProvider {
  /** @param api gives the API client on first use, so check/diff work without credentials. */
  constructor(private readonly api: () => OfficialAccountsApi) {}

  async check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const failures = validateOfficialAccountInputs(news);
    if (failures.length > 0) return { inputs: news, failures };

    const inputs: Props = { ...news };
    for (const [field, value] of Object.entries(INPUT_DEFAULTS)) {
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

  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const changed = [...REPLACING_FIELDS, ...UPDATABLE_FIELDS].filter(
      (field) => news[field] !== undefined && olds[field] !== news[field],
    );
    const replaces = changed.filter((field) => (REPLACING_FIELDS as readonly string[]).includes(field));
    const keepsId = olds.officialAccountUserId === news.officialAccountUserId && !isUnknown(news.officialAccountUserId);
    return {
      changes: changed.length > 0,
      replaces,
      stables: replaces.length === 0 ? ["officialAccountUserId", "ownerAccount", "createTime"] : [],
      // A replacement that keeps its declared id must free the id first.
      deleteBeforeReplace: replaces.length > 0 && keepsId,
    };
  }

  async create(props: Props): Promise<pulumi.dynamic.CreateResult> {
    const inputs = checkedInputsOf(props);
    const id = inputs.officialAccountUserId;
    const api = this.api();
    let result: CreateResult | undefined;
    try {
      result = await api.create(toNewAccount(inputs));
    } catch (error) {
      if (!(error instanceof ChatApiError) || error.code !== ID_IN_USE) {
        // Every attempt failed, but one may have been applied (its answer lost): look before giving up,
        // or the next run would find the id in use and, for a declared id, stop there.
        const exists =
          error instanceof ChatApiError && error.possiblyApplied && (await api.get(id).catch(() => undefined));
        if (!exists) throw withContext(`creating official account ${id}`, error);
        result = { officialAccountUserId: id, maybeCreatedByEarlierAttempt: true };
      }
    }
    if (result === undefined) {
      await this.idInUse(api, inputs);
    } else if (result.maybeCreatedByEarlierAttempt) {
      // A retry found the id in use after an attempt whose answer was lost. That attempt most likely
      // created the account, but another account may hold the id: it is ours only with our owner and name.
      const live = await api.get(id).catch((error: unknown) => {
        throw withContext(`reading back official account ${id}`, error);
      });
      if (live && isOwnerAndNameAsDeclared(inputs, live)) {
        await this.takeOver(api, inputs, "an earlier attempt of this create succeeded but its answer was lost");
      } else {
        await this.idInUse(api, inputs);
      }
    }
    const created = result !== undefined && !result.maybeCreatedByEarlierAttempt;
    let live: OfficialAccountInfo | undefined;
    try {
      live = await api.get(id);
    } catch {
      // The account is ours now (created or taken over): a failed read-back must not lose it, or the next
      // run would find the id in use. Record it as declared; the next refresh reads the service's own fields.
      return { id, outs: stateFrom(inputs, undefined) };
    }
    if (!live && created) {
      throw new Error(`official account ${id} was created but cannot be read back; run \`pulumi refresh\`.`);
    }
    return { id, outs: stateFrom(inputs, live) };
  }

  async read(id: string, props: Props = {}): Promise<pulumi.dynamic.ReadResult> {
    const live = await this.api()
      .get(id)
      .catch((error: unknown) => {
        throw withContext(`reading official account ${id}`, error);
      });
    if (!live) return { id: "" }; // destroyed outside Pulumi: the engine drops it from state
    const previous = checkedInputsOf({ ...props, officialAccountUserId: id });
    const inputs = inputsFromLive(previous, live);
    return { id, props: stateFrom(inputs, live), inputs: { ...inputs } };
  }

  async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const previous = olds as Partial<OfficialAccountState>;
    const declared = checkedInputsOf(news);
    const changes = profileChanges(checkedInputsOf(previous), declared);
    if (Object.keys(changes).length > 0) {
      await this.api()
        .modify(id, changes)
        .catch((error: unknown) => {
          throw withContext(`updating official account ${id}`, error, {
            [ACCOUNT_NOT_FOUND]:
              "It was destroyed outside Pulumi: run `pulumi refresh`, then `pulumi up` recreates it.",
          });
        });
    }
    return {
      outs: {
        ...declared,
        createTime: previous.createTime ?? 0,
        lastMsgTime: previous.lastMsgTime ?? 0,
        subscriberNum: previous.subscriberNum ?? 0,
      } satisfies OfficialAccountState,
    };
  }

  async delete(id: string): Promise<void> {
    // destroy treats 130004 (already gone) as done.
    await this.api()
      .destroy(id)
      .catch((error: unknown) => {
        throw withContext(`deleting official account ${id}`, error);
      });
  }

  /** The declared id is taken (130008): take the account over when it is ours or adopt is set, else explain. */
  private async idInUse(api: OfficialAccountsApi, inputs: CheckedInputs): Promise<void> {
    const id = inputs.officialAccountUserId;
    if (inputs.adopt) {
      await this.takeOver(api, inputs, "adopt is true");
    } else if (inputs.idSeed && id === generateOfficialAccountId(inputs.idSeed, inputs.ownerAccount)) {
      // Generated ids encode project, stack, name and owner: this account is ours from an interrupted run.
      await this.takeOver(api, inputs, "it was created by an earlier, interrupted run of this stack");
    } else {
      throw new Error(
        `creating official account ${id}: the id is already in use (130008). ` +
          `To manage the existing account with Pulumi, set \`adopt: true\` on this resource ` +
          `(pulumi import does not work for dynamic providers); it is then taken over and its fields set as declared. ` +
          `Otherwise choose another officialAccountUserId, or leave it out to have one generated.`,
      );
    }
  }

  /** Takes over an existing account with the declared id and sets its fields as declared. */
  private async takeOver(api: OfficialAccountsApi, inputs: CheckedInputs, why: string): Promise<OfficialAccountInfo> {
    const id = inputs.officialAccountUserId;
    const live = await api.get(id);
    if (!live) {
      throw new Error(
        `official account ${id} was reported in use but cannot be read (${why}); run \`pulumi up\` again.`,
      );
    }
    if (live.ownerAccount !== undefined && live.ownerAccount !== inputs.ownerAccount) {
      throw new Error(
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
    return live;
  }
}

/** The live account shows the declared owner and name (fields the API did not return count as equal). */
function isOwnerAndNameAsDeclared(inputs: CheckedInputs, live: OfficialAccountInfo): boolean {
  return (
    (live.ownerAccount === undefined || live.ownerAccount === inputs.ownerAccount) &&
    (live.name === undefined || live.name === inputs.name)
  );
}

/** Prefixes what was being done; adds a hint for specific API codes. */
function withContext(action: string, error: unknown, hints: Record<number, string> = {}): Error {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ChatApiError ? error.code : undefined;
  const hint = code !== undefined ? hints[code] : undefined;
  return new Error(`${action}: ${message}${hint ? ` ${hint}` : ""}`);
}
