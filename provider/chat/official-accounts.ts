/**
 * One typed method per official-account command, over a ChatClient. Methods
 * take and return camelCase domain types; the PascalCase wire shapes stay in
 * this file (one mapping function each way), so nothing above this layer
 * sees a raw API field.
 */
import type {
  CreateOfficialAccountRequest,
  CreateOfficialAccountResponse,
  GetOfficialAccountInfoRequest,
  GetOfficialAccountInfoResponse,
  GetSubscribedOfficialAccountListRequest,
  GetSubscribedOfficialAccountListResponse,
  GetSubscriberInfoResponse,
  ModifyOfficialAccountBaseInfoRequest,
  MultiAccountImportResponse,
  OfficialAccountBaseInfo,
  OfficialAccountInfoItem,
  SubscribedOfficialAccountItem,
  SubscriberInfoItem,
  SubscriberListRequest,
  SubscriberListResponse,
} from "./api-types";
import type { CallOptions, ChatClient } from "./client";
import { ACCOUNT_SERVICE, AccountCommand, OfficialAccountCommand } from "./commands";
import { ChatApiError, PARTIAL_FAILURE_ERROR_CODE, PROTOCOL_ERROR_CODE } from "./errors";
import {
  DEFAULT_LIMIT_PER_PAGE,
  MAX_IDS_PER_INFO_CALL,
  MAX_LIMIT_PER_PAGE,
  type BaseInfoFilterField,
  type SelfInfoFilterField,
} from "./limits";
import { ReadBatcher } from "./read-batcher";

/** The writable profile of an official account. */
export interface OfficialAccountProfile {
  /** Display name, 1..150 bytes UTF-8. */
  name?: string;
  /** Introduction, up to 400 bytes UTF-8. */
  introduction?: string;
  /** Avatar URL, up to 500 bytes. */
  faceUrl?: string;
  /** Organization, up to 500 bytes UTF-8. */
  organization?: string;
  /** Free-form custom data, up to 3000 bytes. */
  customString?: string;
  /** Subscriber cap; the API defaults it to 100000. */
  maxSubscriberNum?: number;
}

/** What create_official_account needs. */
export interface NewOfficialAccount extends OfficialAccountProfile {
  /** The owner's UserID; it must have been imported. */
  ownerAccount: string;
  name: string;
  /** `@TOA#_...`; when absent the API generates one (and a create with a lost answer is not retried). */
  officialAccountUserId?: string;
}

/** An official account as get_official_account_info reports it; fields absent when filtered out or not returned. */
export interface OfficialAccountInfo {
  officialAccountUserId: string;
  ownerAccount?: string;
  name?: string;
  introduction?: string;
  faceUrl?: string;
  organization?: string;
  customString?: string;
  /** Undefined when the API did not return it (it is not in the documented filter list). */
  maxSubscriberNum?: number;
  /** Unix seconds. */
  createTime?: number;
  /** Unix seconds of the last message; 0 when none. */
  lastMsgTime?: number;
  subscriberNum?: number;
}

/** An account a user subscribes to, with that user's own subscription fields. */
export interface SubscribedOfficialAccount extends OfficialAccountInfo {
  /** Unix seconds when the user subscribed. */
  subscribeTime?: number;
  /** The subscription's own custom string (not the account's). */
  selfCustomString?: string;
}

/** One subscriber of an official account. */
export interface Subscriber {
  subscriberAccount: string;
  subscribeTime?: number;
  customString?: string;
  msgFlag?: number;
  lastSendMsgTime?: number;
}

export interface CreateResult {
  officialAccountUserId: string;
  /**
   * True when an earlier attempt of this create lost its answer (dropped
   * connection, timeout, 502) and the retry found the id taken (130008):
   * the account most likely exists because of this create. The caller should
   * check owner and name before adopting it.
   */
  maybeCreatedByEarlierAttempt: boolean;
}

export interface ListSubscribedOptions {
  /** Page size, 1..200; default 200. */
  limit?: number;
  /** Start position; default 0. */
  offset?: number;
  /** Account fields to return; default all. */
  fields?: BaseInfoFilterField[];
  /** Subscription fields to return; default all. */
  selfFields?: SelfInfoFilterField[];
}

export interface SubscribedPage {
  accounts: SubscribedOfficialAccount[];
  /** How many accounts the user subscribes to in all. */
  totalCount: number;
  /** True on the last page. */
  complete: boolean;
  /** The offset of the next page (0 when complete). */
  next: number;
}

export interface GetSubscribersOptions {
  /** Page size, 1..200; default 200. */
  limit?: number;
  /** The cursor from the previous page; "" or absent for the first page. */
  next?: string;
}

export interface SubscribersPage {
  subscribers: Subscriber[];
  /** How many subscribers the account has in all. */
  subscriberNum: number;
  /** The cursor for the next page; "" when this was the last. */
  next: string;
}

export interface OfficialAccountsApiOptions {
  /** Milliseconds without a new id after which `get` sends its batch; default DEFAULT_BATCH_WINDOW_MS (15). */
  batchWindowMs?: number;
  /** Milliseconds after its first id by which a batch is sent; default DEFAULT_BATCH_MAX_WAIT_MS (200). */
  batchMaxWaitMs?: number;
}

/** Subscribers per add_subscriber / delete_subscriber call (the limit is undocumented; stay small). */
export const MAX_SUBSCRIBERS_PER_CALL = 100;
/** UserIDs per multiaccount_import call (the vendor's limit). */
export const MAX_ACCOUNTS_PER_IMPORT = 100;

/** Request-level codes after which a multi-id info call is repeated id by id, so one bad id fails alone. */
const SPLIT_ON_CODES = new Set([6017, 20001, 130004, 130007]);
const NOT_FOUND = 130004;
const ID_IN_USE = 130008;

// ---- mapping: domain -> wire ----

/** The wire fields of a profile; absent fields stay absent (they are not changed). */
export function profileToWire(
  profile: OfficialAccountProfile,
): Omit<ModifyOfficialAccountBaseInfoRequest, "Official_Account"> {
  const wire: Omit<ModifyOfficialAccountBaseInfoRequest, "Official_Account"> = {};
  if (profile.name !== undefined) wire.Name = profile.name;
  if (profile.introduction !== undefined) wire.Introduction = profile.introduction;
  if (profile.faceUrl !== undefined) wire.FaceUrl = profile.faceUrl;
  if (profile.organization !== undefined) wire.Organization = profile.organization;
  if (profile.customString !== undefined) wire.CustomString = profile.customString;
  if (profile.maxSubscriberNum !== undefined) wire.MaxSubscriberNum = profile.maxSubscriberNum;
  return wire;
}

// ---- mapping: wire -> domain ----

function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function str(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** An account's wire fields as the domain type; fields the API left out stay undefined. */
export function infoFromWire(item: OfficialAccountBaseInfo, fallbackId?: string): OfficialAccountInfo {
  const info: OfficialAccountInfo = { officialAccountUserId: str(item.Official_Account) || (fallbackId ?? "") };
  const set = <K extends keyof OfficialAccountInfo>(key: K, value: OfficialAccountInfo[K] | undefined) => {
    if (value !== undefined) info[key] = value;
  };
  set("ownerAccount", str(item.Owner_Account));
  set("name", str(item.Name));
  set("introduction", str(item.Introduction));
  set("faceUrl", str(item.FaceUrl));
  set("organization", str(item.Organization));
  set("customString", str(item.CustomString));
  set("maxSubscriberNum", num(item.MaxSubscriberNum));
  set("createTime", num(item.CreateTime));
  set("lastMsgTime", num(item.LastMsgTime));
  set("subscriberNum", num(item.SubscriberNum));
  return info;
}

function subscribedFromWire(item: SubscribedOfficialAccountItem): SubscribedOfficialAccount {
  const account: SubscribedOfficialAccount = infoFromWire(item);
  const subscribeTime = num(item.SelfInfo?.SubscribeTime);
  const selfCustomString = str(item.SelfInfo?.CustomString);
  if (subscribeTime !== undefined) account.subscribeTime = subscribeTime;
  if (selfCustomString !== undefined) account.selfCustomString = selfCustomString;
  return account;
}

function subscriberFromWire(item: SubscriberInfoItem): Subscriber {
  const subscriber: Subscriber = { subscriberAccount: String(item.Subscriber_Account) };
  const subscribeTime = num(item.SubscribeTime);
  const customString = str(item.CustomString);
  const msgFlag = num(item.MsgFlag);
  const lastSendMsgTime = num(item.LastSendMsgTime);
  if (subscribeTime !== undefined) subscriber.subscribeTime = subscribeTime;
  if (customString !== undefined) subscriber.customString = customString;
  if (msgFlag !== undefined) subscriber.msgFlag = msgFlag;
  if (lastSendMsgTime !== undefined) subscriber.lastSendMsgTime = lastSendMsgTime;
  return subscriber;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function pageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_LIMIT_PER_PAGE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT_PER_PAGE) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_LIMIT_PER_PAGE}, got ${String(limit)}`);
  }
  return value;
}

function protocolError(command: string, info: string, subject?: string): ChatApiError {
  return new ChatApiError({ code: PROTOCOL_ERROR_CODE, command, info, subject });
}

/** A read result per id: the account, undefined when it does not exist, or that id's own error. */
export type InfoResult = OfficialAccountInfo | undefined | ChatApiError;

export class OfficialAccountsApi {
  readonly #batcher: ReadBatcher<OfficialAccountInfo | undefined>;

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

  #call<T extends object>(command: string, body: object, options?: CallOptions): Promise<T> {
    return this.client.callOfficialAccount<T>(command, body, options);
  }

  /**
   * Creates an official account. With a caller-chosen id, a create whose
   * answer was lost is retried, and a retry that finds the id taken returns
   * it with `maybeCreatedByEarlierAttempt: true`; a 130008 on the first
   * attempt throws. Without an id, a lost answer is not retried (a retry
   * would create a second account).
   */
  async create(account: NewOfficialAccount): Promise<CreateResult> {
    const command = OfficialAccountCommand.create;
    const requestedId = account.officialAccountUserId || undefined;
    const body: CreateOfficialAccountRequest = {
      Owner_Account: account.ownerAccount,
      ...(requestedId !== undefined ? { OfficialAccountUserID: requestedId } : {}),
      ...profileToWire(account),
      Name: account.name,
    };
    try {
      const response = await this.#call<CreateOfficialAccountResponse>(command, body, {
        retryWhenOutcomeUnknown: requestedId !== undefined,
      });
      const id = str(response.OfficialAccountUserID) || requestedId;
      if (!id) throw protocolError(command, "the answer has no OfficialAccountUserID");
      return { officialAccountUserId: id, maybeCreatedByEarlierAttempt: false };
    } catch (error) {
      if (
        requestedId !== undefined &&
        error instanceof ChatApiError &&
        error.code === ID_IN_USE &&
        error.attempts > 1 &&
        error.possiblyApplied
      ) {
        return { officialAccountUserId: requestedId, maybeCreatedByEarlierAttempt: true };
      }
      throw error;
    }
  }

  /**
   * Reads accounts by id, in calls of up to 50 ids. The map has every
   * requested id: undefined when the account does not exist (130004).
   * Any other per-id error throws.
   */
  async getInfo(ids: string[], fields?: BaseInfoFilterField[]): Promise<Map<string, OfficialAccountInfo | undefined>> {
    const settled = await this.getInfoSettled(ids, fields);
    const out = new Map<string, OfficialAccountInfo | undefined>();
    for (const [id, result] of settled) {
      if (result instanceof ChatApiError) throw result;
      out.set(id, result);
    }
    return out;
  }

  /** Like {@link getInfo}, but a per-id error is returned in that id's slot instead of thrown. */
  async getInfoSettled(ids: string[], fields?: BaseInfoFilterField[]): Promise<Map<string, InfoResult>> {
    const distinct = [...new Set(ids)];
    const parts = await Promise.all(
      chunks(distinct, MAX_IDS_PER_INFO_CALL).map((part) => this.#getInfoChunk(part, fields)),
    );
    const out = new Map<string, InfoResult>();
    for (const part of parts) for (const [id, result] of part) out.set(id, result);
    return out;
  }

  async #getInfoChunk(ids: string[], fields?: BaseInfoFilterField[]): Promise<Map<string, InfoResult>> {
    const command = OfficialAccountCommand.getInfo;
    const body: GetOfficialAccountInfoRequest = {
      OfficialAccountIdList: ids.map((id) => ({ Official_Account: id })),
      ...(fields ? { ResponseFilter: { OfficialAccountBaseInfoFilter: fields } } : {}),
    };
    let response: GetOfficialAccountInfoResponse;
    try {
      response = await this.#call<GetOfficialAccountInfoResponse>(command, body);
    } catch (error) {
      if (!(error instanceof ChatApiError) || !SPLIT_ON_CODES.has(error.code)) throw error;
      if (ids.length === 1) return new Map([[ids[0], error.code === NOT_FOUND ? undefined : error]]);
      // One bad id may have failed the whole request: ask for each id alone.
      const singles = await Promise.all(ids.map((id) => this.#getInfoChunk([id], fields)));
      return new Map(singles.flatMap((single) => [...single]));
    }
    const items = response.OfficialAccountInfoList ?? [];
    const byId = new Map<string, OfficialAccountInfoItem>();
    for (const item of items) {
      const id = str(item.Official_Account);
      if (id) byId.set(id, item);
    }
    const out = new Map<string, InfoResult>();
    ids.forEach((id, index) => {
      // Match by Official_Account; fall back to position for items that carry no id.
      let item = byId.get(id);
      if (!item && items[index] !== undefined && !str(items[index].Official_Account)) item = items[index];
      if (!item) {
        out.set(id, protocolError(command, `the answer has no entry for ${id}`, id));
        return;
      }
      const code = num(item.ErrorCode) ?? 0;
      if (code === NOT_FOUND) out.set(id, undefined);
      else if (code !== 0)
        out.set(id, new ChatApiError({ code, command, info: String(item.ErrorInfo ?? ""), subject: id }));
      else out.set(id, infoFromWire(item, id));
    });
    return out;
  }

  /**
   * Reads one account; calls arriving close together (see `batchWindowMs`
   * and `batchMaxWaitMs`) share get_official_account_info calls of up to 50 ids. Never cached: each
   * call sees data fetched after it was made. Undefined when it does not exist.
   */
  get(id: string): Promise<OfficialAccountInfo | undefined> {
    return this.#batcher.load(id);
  }

  /** Changes profile fields; fields left undefined are not touched. Nothing to change makes no call. */
  async modify(id: string, changes: OfficialAccountProfile): Promise<void> {
    const fields = profileToWire(changes);
    if (Object.keys(fields).length === 0) return;
    const body: ModifyOfficialAccountBaseInfoRequest = { Official_Account: id, ...fields };
    await this.#call(OfficialAccountCommand.modify, body);
  }

  /**
   * Destroys an account. A missing account (130004) is not an error:
   * `existed` is false, unless an earlier attempt of this call lost its
   * answer (that attempt probably destroyed it, so `existed` is true).
   */
  async destroy(id: string): Promise<{ existed: boolean }> {
    try {
      await this.#call(OfficialAccountCommand.destroy, { Official_Account: id });
      return { existed: true };
    } catch (error) {
      if (error instanceof ChatApiError && error.code === NOT_FOUND) return { existed: error.possiblyApplied };
      throw error;
    }
  }

  /** One page of the accounts `subscriberAccount` subscribes to. */
  async listSubscribed(subscriberAccount: string, options: ListSubscribedOptions = {}): Promise<SubscribedPage> {
    const command = OfficialAccountCommand.listSubscribed;
    const filter: NonNullable<GetSubscribedOfficialAccountListRequest["ResponseFilter"]> = {};
    if (options.fields) filter.OfficialAccountBaseInfoFilter = options.fields;
    if (options.selfFields) filter.SelfInfoFilter = options.selfFields;
    const body: GetSubscribedOfficialAccountListRequest = {
      Subscriber_Account: subscriberAccount,
      Limit: pageLimit(options.limit),
      Offset: options.offset ?? 0,
      ...(options.fields || options.selfFields ? { ResponseFilter: filter } : {}),
    };
    const response = await this.#call<GetSubscribedOfficialAccountListResponse>(command, body);
    const items = response.OfficialAccountInfoList ?? [];
    const accounts = items.map((item) => {
      if (!str(item.Official_Account)) throw protocolError(command, "an account in the list has no Official_Account");
      return subscribedFromWire(item);
    });
    const next = num(response.Next) ?? 0;
    const complete =
      response.CompleteFlag !== undefined ? num(response.CompleteFlag) === 1 : accounts.length === 0 || next === 0;
    return { accounts, totalCount: num(response.TotalCount) ?? accounts.length, complete, next };
  }

  /**
   * Every account `subscriberAccount` subscribes to, page by page, following
   * Next until CompleteFlag. Stops early (without error) if a page is empty
   * or Next does not advance, so a misbehaving server cannot loop it forever;
   * an account seen on an earlier page is not yielded twice.
   */
  async *iterateSubscribed(
    subscriberAccount: string,
    options: ListSubscribedOptions = {},
  ): AsyncGenerator<SubscribedOfficialAccount, void, undefined> {
    let offset = options.offset ?? 0;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.listSubscribed(subscriberAccount, { ...options, offset });
      for (const account of page.accounts) {
        if (seen.has(account.officialAccountUserId)) continue;
        seen.add(account.officialAccountUserId);
        yield account;
      }
      if (page.complete || page.accounts.length === 0 || page.next <= offset) return;
      offset = page.next;
    }
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

  /** One page of an account's subscribers. */
  async getSubscribers(id: string, options: GetSubscribersOptions = {}): Promise<SubscribersPage> {
    const response = await this.#call<GetSubscriberInfoResponse>(OfficialAccountCommand.getSubscribers, {
      Official_Account: id,
      Limit: pageLimit(options.limit),
      Next: options.next ?? "",
    });
    const subscribers = (response.SubscriberList ?? []).map(subscriberFromWire);
    return {
      subscribers,
      subscriberNum: num(response.SubscriberNum) ?? subscribers.length,
      next: response.Next === undefined || response.Next === null ? "" : String(response.Next),
    };
  }

  /** Every subscriber of an account, following Next (stops if a page is empty or Next repeats). */
  async listAllSubscribers(id: string, options: Omit<GetSubscribersOptions, "next"> = {}): Promise<Subscriber[]> {
    const all: Subscriber[] = [];
    const seenCursors = new Set<string>();
    let next = "";
    for (;;) {
      const page = await this.getSubscribers(id, { ...options, next });
      all.push(...page.subscribers);
      if (page.next === "" || page.subscribers.length === 0 || seenCursors.has(page.next)) return all;
      seenCursors.add(page.next);
      next = page.next;
    }
  }

  /** Subscribes `accounts` (imported UserIDs) to an official account, in calls of up to 100. */
  async addSubscribers(id: string, accounts: string[]): Promise<void> {
    await this.#changeSubscribers(OfficialAccountCommand.addSubscriber, id, accounts);
  }

  /** Unsubscribes `accounts` from an official account, in calls of up to 100. */
  async deleteSubscribers(id: string, accounts: string[]): Promise<void> {
    await this.#changeSubscribers(OfficialAccountCommand.deleteSubscriber, id, accounts);
  }

  async #changeSubscribers(command: string, id: string, accounts: string[]): Promise<void> {
    for (const part of chunks([...new Set(accounts)], MAX_SUBSCRIBERS_PER_CALL)) {
      const body: SubscriberListRequest = {
        Official_Account: id,
        SubscriberList: part.map((account) => ({ Subscriber_Account: account })),
      };
      const response = await this.#call<SubscriberListResponse>(command, body);
      const failures = (response.ErrorList ?? []).filter((item) => (num(item.ErrorCode) ?? 0) !== 0);
      if (failures.length > 0) {
        const first = failures[0];
        throw new ChatApiError({
          code: num(first.ErrorCode) ?? PARTIAL_FAILURE_ERROR_CODE,
          command,
          subject: String(first.Subscriber_Account),
          info: failures.map((f) => `${f.Subscriber_Account}: ${f.ErrorCode} ${f.ErrorInfo ?? ""}`.trim()).join("; "),
        });
      }
    }
  }

  /** Imports UserIDs (multiaccount_import, up to 100 per call) so they can own or subscribe to accounts. */
  async importAccounts(userIds: string[]): Promise<void> {
    const command = AccountCommand.importMany;
    const failed: string[] = [];
    for (const part of chunks([...new Set(userIds)], MAX_ACCOUNTS_PER_IMPORT)) {
      const response = await this.client.call<MultiAccountImportResponse>(ACCOUNT_SERVICE, command, { Accounts: part });
      failed.push(...(response.FailAccounts ?? []).map(String));
    }
    if (failed.length > 0) {
      throw new ChatApiError({
        code: PARTIAL_FAILURE_ERROR_CODE,
        command,
        info: `these accounts were not imported: ${failed.join(", ")}`,
      });
    }
  }
}
