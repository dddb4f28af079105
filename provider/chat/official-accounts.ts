/**
 * OfficialAccountsApi: one method per official-account command, over a
 * ChatClient. Each method maps its camelCase arguments to the wire
 * (wire-mapping.ts), makes the typed call and maps the answer back; reads
 * of single ids are batched. The pagers and account import live in their own
 * modules and are reached through the delegating methods at the end.
 */
import { OfficialAccountCommand } from "../../chat-api/commands";
import { ErrorCode } from "../../chat-api/error-codes";
import {
  DEFAULT_LIMIT_PER_PAGE,
  MAX_IDS_PER_INFO_CALL,
  MAX_LIMIT_PER_PAGE,
  MAX_SUBSCRIBERS_PER_CALL,
} from "../../chat-api/limits";
import type { BaseInfoFilterField } from "../../chat-api/official-account-fields";
import {
  SubscriberResult,
  type GetSubscribedOfficialAccountListRequest,
  type OfficialAccountInfoItem,
  type SubscriberChangeResponse,
} from "../../chat-api/wire-types";
import { importUsers } from "./user-import";
import type {
  CreateResult,
  GetSubscribersOptions,
  ListSubscribedOptions,
  NewOfficialAccount,
  OfficialAccountInfo,
  OfficialAccountProfile,
  SubscribedOfficialAccount,
  SubscribedPage,
  Subscriber,
  SubscribersPage,
} from "./account-types";
import { chunks } from "./chunks";
import type { ChatClient } from "./client";
import { ChatApiError } from "./errors";
import { iterateSubscribed, listAllSubscribers } from "./pagers";
import { ReadBatcher } from "./read-batcher";
import {
  infoFromWire,
  newAccountToWire,
  num,
  profileToWire,
  str,
  subscribedFromWire,
  subscriberFromWire,
} from "./wire-mapping";

/** Read batching of {@link OfficialAccountsApi.get}. */
interface OfficialAccountsApiOptions {
  /** Milliseconds without a new id after which `get` sends its batch; default DEFAULT_BATCH_WINDOW_MS (15). */
  readonly batchWindowMs?: number;
  /** Milliseconds after its first id by which a batch is sent; default DEFAULT_BATCH_MAX_WAIT_MS (200). */
  readonly batchMaxWaitMs?: number;
}

/** A read result per id: the account, undefined when it does not exist, or that id's own error. */
type InfoResult = OfficialAccountInfo | undefined | ChatApiError;

/** Request-level codes after which a multi-id info call is repeated id by id, so one bad id fails alone. */
const SPLIT_ON_CODES = new Set<number>([
  ErrorCode.invalidParameter,
  ErrorCode.invalidRequestPacket,
  ErrorCode.accountNotFound,
  ErrorCode.badAccountId,
]);

function pageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_LIMIT_PER_PAGE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT_PER_PAGE) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_LIMIT_PER_PAGE}, got ${String(limit)}`);
  }
  return value;
}

function protocolError(command: string, info: string, subject?: string): ChatApiError {
  return new ChatApiError({ code: ErrorCode.protocol, command, info, subject });
}

/** The official-account commands in camelCase: each method names the command it sends. */
export class OfficialAccountsApi {
  readonly #batcher: ReadBatcher<OfficialAccountInfo | undefined>;

  /**
   * @param client the transport every command goes through.
   * @param options read batching of `get`.
   */
  constructor(
    readonly client: ChatClient,
    options: OfficialAccountsApiOptions = {},
  ) {
    this.#batcher = new ReadBatcher<OfficialAccountInfo | undefined>((ids) => this.getInfoSettled(ids), {
      batchWindowMs: options.batchWindowMs,
      batchMaxWaitMs: options.batchMaxWaitMs,
      maxBatchSize: MAX_IDS_PER_INFO_CALL,
    });
  }

  /**
   * create_official_account. With a caller-chosen id, a create whose answer
   * was lost is retried, and a retry that finds the id taken returns it with
   * `maybeCreatedByEarlierAttempt: true`; a 130008 on the first attempt
   * throws. Without an id, a lost answer is not retried (a retry would create
   * a second account).
   */
  async create(account: NewOfficialAccount): Promise<CreateResult> {
    const command = OfficialAccountCommand.create;
    const requestedId = account.officialAccountUserId || undefined;
    try {
      const response = await this.client.call(command, newAccountToWire(account), {
        retryWhenPossiblyApplied: requestedId !== undefined,
      });
      const id = str(response.OfficialAccountUserID) || requestedId;
      if (!id) throw protocolError(command, "the answer has no OfficialAccountUserID");
      return { officialAccountUserId: id, maybeCreatedByEarlierAttempt: false };
    } catch (error) {
      const lostThenTaken =
        error instanceof ChatApiError &&
        error.code === ErrorCode.accountIdInUse &&
        error.attempts > 1 &&
        error.possiblyApplied;
      if (requestedId !== undefined && lostThenTaken) {
        return { officialAccountUserId: requestedId, maybeCreatedByEarlierAttempt: true };
      }
      throw error;
    }
  }

  /**
   * get_official_account_info for any number of ids, in calls of up to 50.
   * The map has every requested id: undefined when the account does not
   * exist (130004). Any other per-id error throws.
   */
  async getInfo(
    ids: readonly string[],
    fields?: readonly BaseInfoFilterField[],
  ): Promise<ReadonlyMap<string, OfficialAccountInfo | undefined>> {
    const settled = await this.getInfoSettled(ids, fields);
    const out = new Map<string, OfficialAccountInfo | undefined>();
    for (const [id, result] of settled) {
      if (result instanceof ChatApiError) throw result;
      out.set(id, result);
    }
    return out;
  }

  /** Like {@link getInfo}, but a per-id error is returned in that id's slot instead of thrown. */
  async getInfoSettled(
    ids: readonly string[],
    fields?: readonly BaseInfoFilterField[],
  ): Promise<ReadonlyMap<string, InfoResult>> {
    const parts = await Promise.all(
      chunks([...new Set(ids)], MAX_IDS_PER_INFO_CALL).map((part) => this.#getInfoChunk(part, fields)),
    );
    return new Map(parts.flatMap((part) => [...part]));
  }

  async #getInfoChunk(ids: string[], fields?: readonly BaseInfoFilterField[]): Promise<Map<string, InfoResult>> {
    const command = OfficialAccountCommand.getInfo;
    let items: OfficialAccountInfoItem[];
    try {
      const response = await this.client.call(command, {
        OfficialAccountIdList: ids.map((id) => ({ Official_Account: id })),
        ...(fields ? { ResponseFilter: { OfficialAccountBaseInfoFilter: [...fields] } } : {}),
      });
      items = response.OfficialAccountInfoList ?? [];
    } catch (error) {
      if (!(error instanceof ChatApiError) || !SPLIT_ON_CODES.has(error.code)) throw error;
      if (ids.length === 1) return new Map([[ids[0], error.code === ErrorCode.accountNotFound ? undefined : error]]);
      // One bad id may have failed the whole request: ask for each id alone.
      const singles = await Promise.all(ids.map((id) => this.#getInfoChunk([id], fields)));
      return new Map(singles.flatMap((single) => [...single]));
    }
    const byId = new Map(items.flatMap((item) => (str(item.Official_Account) ? [[item.Official_Account!, item]] : [])));
    return new Map(
      ids.map((id, index): [string, InfoResult] => {
        // Match by Official_Account; fall back to position for items that carry no id.
        const positional = items[index] !== undefined && !str(items[index].Official_Account) ? items[index] : undefined;
        const item = byId.get(id) ?? positional;
        if (!item) return [id, protocolError(command, `the answer has no entry for ${id}`, id)];
        const code = num(item.ErrorCode) ?? 0;
        if (code === ErrorCode.accountNotFound) return [id, undefined];
        if (code !== 0)
          return [id, new ChatApiError({ code, command, info: String(item.ErrorInfo ?? ""), subject: id })];
        return [id, infoFromWire(item, id)];
      }),
    );
  }

  /**
   * Reads one account; calls arriving close together (see `batchWindowMs`
   * and `batchMaxWaitMs`) share get_official_account_info calls of up to 50
   * ids. Never cached: each call sees data fetched after it was made.
   * Undefined when it does not exist.
   * @param options.urgent send now (with whatever reads are already waiting) instead of waiting for more:
   *   for a read a single step waits on, such as the read-back after a create.
   */
  get(id: string, options: { readonly urgent?: boolean } = {}): Promise<OfficialAccountInfo | undefined> {
    return this.#batcher.load(id, options.urgent === true);
  }

  /** modify_official_account_base_info; fields left undefined are not touched. Nothing to change makes no call. */
  async modify(id: string, changes: OfficialAccountProfile): Promise<void> {
    const fields = profileToWire(changes);
    if (Object.keys(fields).length === 0) return;
    await this.client.call(OfficialAccountCommand.modify, { Official_Account: id, ...fields });
  }

  /**
   * destroy_official_account. A missing account (130004) is not an error:
   * `existed` is false, unless an earlier attempt of this call lost its
   * answer (that attempt probably destroyed it, so `existed` is true).
   */
  async destroy(id: string): Promise<{ readonly existed: boolean }> {
    try {
      await this.client.call(OfficialAccountCommand.destroy, { Official_Account: id });
      return { existed: true };
    } catch (error) {
      if (error instanceof ChatApiError && error.code === ErrorCode.accountNotFound) {
        return { existed: error.possiblyApplied };
      }
      throw error;
    }
  }

  /** get_subscribed_official_account_list: one page of the accounts `subscriberAccount` subscribes to. */
  async listSubscribed(subscriberAccount: string, options: ListSubscribedOptions = {}): Promise<SubscribedPage> {
    const command = OfficialAccountCommand.listSubscribed;
    const filter: NonNullable<GetSubscribedOfficialAccountListRequest["ResponseFilter"]> = {
      ...(options.fields ? { OfficialAccountBaseInfoFilter: [...options.fields] } : {}),
      ...(options.selfFields ? { SelfInfoFilter: [...options.selfFields] } : {}),
    };
    const response = await this.client.call(command, {
      Subscriber_Account: subscriberAccount,
      Limit: pageLimit(options.limit),
      Offset: options.offset ?? 0,
      ...(Object.keys(filter).length > 0 ? { ResponseFilter: filter } : {}),
    });
    const accounts = (response.OfficialAccountInfoList ?? []).map((item) => {
      if (!str(item.Official_Account)) throw protocolError(command, "an account in the list has no Official_Account");
      return subscribedFromWire(item);
    });
    const next = num(response.Next) ?? 0;
    const complete =
      response.CompleteFlag !== undefined ? num(response.CompleteFlag) === 1 : accounts.length === 0 || next === 0;
    return { accounts, totalCount: num(response.TotalCount) ?? accounts.length, complete, next };
  }

  /** get_subscriber_info: one page of an account's subscribers. */
  async getSubscribers(id: string, options: GetSubscribersOptions = {}): Promise<SubscribersPage> {
    const response = await this.client.call(OfficialAccountCommand.getSubscribers, {
      Official_Account: id,
      Limit: pageLimit(options.limit),
      Next: options.next ?? "",
    });
    const subscribers = (response.SubscriberList ?? []).map(subscriberFromWire);
    return {
      subscribers,
      subscriberNum: num(response.SubscriberNum) ?? subscribers.length,
      next: str(response.Next) ?? "",
    };
  }

  /**
   * add_subscriber, in calls of up to 100. A user already subscribed counts
   * as done; every user the service answers `Result: 0` for is named in one
   * ChatApiError (code -3) after all calls are made.
   */
  async addSubscribers(id: string, accounts: readonly string[]): Promise<void> {
    const command = OfficialAccountCommand.addSubscriber;
    const failed: string[] = [];
    for (const part of chunks([...new Set(accounts)], MAX_SUBSCRIBERS_PER_CALL)) {
      const body = { Official_Account: id, SubscriberList: part.map((user) => ({ Subscriber_Account: user })) };
      failed.push(...failedSubscribers(await this.client.call(command, body)));
    }
    throwIfSubscribersFailed(command, id, failed, "added");
  }

  /**
   * delete_subscriber (the vendor's `SubscriberToDel_Account` body), in calls
   * of up to 100. A user who was not subscribed counts as done; `Result: 0`
   * users are named in one ChatApiError (code -3).
   */
  async deleteSubscribers(id: string, accounts: readonly string[]): Promise<void> {
    const command = OfficialAccountCommand.deleteSubscriber;
    const failed: string[] = [];
    for (const part of chunks([...new Set(accounts)], MAX_SUBSCRIBERS_PER_CALL)) {
      failed.push(
        ...failedSubscribers(await this.client.call(command, { Official_Account: id, SubscriberToDel_Account: part })),
      );
    }
    throwIfSubscribersFailed(command, id, failed, "removed");
  }

  /** Every account `subscriberAccount` subscribes to, following the pages to the end (see pagers.ts). */
  iterateSubscribed(
    subscriberAccount: string,
    options: ListSubscribedOptions = {},
  ): AsyncGenerator<SubscribedOfficialAccount, void, undefined> {
    return iterateSubscribed((user, page) => this.listSubscribed(user, page), subscriberAccount, options);
  }

  /** Every account `subscriberAccount` subscribes to, as one array. */
  async listAllSubscribed(
    subscriberAccount: string,
    options: ListSubscribedOptions = {},
  ): Promise<SubscribedOfficialAccount[]> {
    const all: SubscribedOfficialAccount[] = [];
    for await (const account of this.iterateSubscribed(subscriberAccount, options)) all.push(account);
    return all;
  }

  /** Every subscriber of an account, following the Next cursor (see pagers.ts). */
  listAllSubscribers(id: string, options: Omit<GetSubscribersOptions, "next"> = {}): Promise<Subscriber[]> {
    return listAllSubscribers((account, page) => this.getSubscribers(account, page), id, options);
  }

  /** Imports UserIDs (multiaccount_import, up to 100 per call) so they can own or subscribe to accounts. */
  importUsers(userIds: readonly string[]): Promise<void> {
    return importUsers(this.client, userIds);
  }
}

/** The users a subscriber change answered `Result: 0` for. */
function failedSubscribers(response: SubscriberChangeResponse): string[] {
  return (response.SubscriberList ?? [])
    .filter((item) => num(item.Result) === SubscriberResult.failed)
    .map((item) => String(item.Subscriber_Account));
}

function throwIfSubscribersFailed(command: string, id: string, failed: readonly string[], done: string): void {
  if (failed.length === 0) return;
  throw new ChatApiError({
    code: ErrorCode.partialFailure,
    command,
    subject: id,
    info:
      `these subscribers were not ${done} (Result 0): ${failed.join(", ")}` +
      (done === "added" ? " (the account may be at its MaxSubscriberNum)" : ""),
  });
}
