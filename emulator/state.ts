/**
 * The emulated app's data: imported users, official accounts and
 * subscriptions, kept in memory with the indexes the commands need.
 * Destroyed accounts are removed (with their subscriptions), so their ids
 * answer 130004 and may be created again.
 */
import { countedOnRead, WIRE_FIELDS, type CountedRow, type StoredOutputRow } from "../chat-api/official-account-fields";
import type { AccountWireFields, ProfileWireFields } from "../chat-api/wire-types";

/**
 * One official account as stored and shown: every stored field of the field
 * table under its wire name. The counted fields (`SubscriberNum`) are counted
 * from the subscriptions (ignored when a snapshot is loaded); `LastMsgTime`
 * stays 0 (the emulator sends no messages).
 */
export type AccountSnapshot = Readonly<AccountWireFields>;

/** One subscription as the state shows it, in the API's words. */
export interface SubscriptionSnapshot {
  /** The account subscribed to. */
  readonly Official_Account: string;
  /** The subscribing user. */
  readonly Subscriber_Account: string;
  /** Unix seconds. */
  readonly SubscribeTime: number;
  /** The subscription's own CustomString (add_subscriber), "" when none was given. */
  readonly CustomString: string;
}

/** Everything the emulator keeps, as `GET /__emulator/state` and the state file show it. */
export interface EmulatorStateSnapshot {
  /** The format's version; a file of another version is refused. */
  readonly version: 1;
  /** Imported UserIDs, in import order. */
  readonly users: string[];
  /** Live accounts in creation order (destroyed ones are gone). */
  readonly accounts: AccountSnapshot[];
  /** Subscriptions in the order they were made. */
  readonly subscriptions: SubscriptionSnapshot[];
}

/** One stored account: its wire fields but those counted from the subscriptions on every read (`SubscriberNum`). */
export type AccountRecord = Omit<AccountWireFields, CountedRow["wireName"]>;
/** The stored fields a caller gives an account: all but the outputs the service sets at creation (`CreateTime`, `LastMsgTime`). */
export type AccountInputRecord = Omit<AccountRecord, StoredOutputRow["wireName"]>;

/** One stored subscription, indexed both by account and by user. */
export interface Subscription {
  /** The account subscribed to. */
  readonly account: string;
  /** The subscribing user. */
  readonly user: string;
  /** When it was made, in Unix seconds. */
  readonly time: number;
  /** Its own CustomString. */
  readonly customString: string;
  /** Increasing order of creation; the subscriber pager's cursor. */
  readonly seq: number;
}

/** The profile fields a modify (or a control API patch) may change. */
export type AccountPatch = ProfileWireFields;

/** The emulated app's data and the indexes the commands read it through; every change calls `onChange`. */
export class ChatState {
  private users = new Set<string>();
  private accounts = new Map<string, AccountRecord>();
  private subscribersByAccount = new Map<string, Map<string, Subscription>>();
  private subscriptionsByUser = new Map<string, Map<string, Subscription>>();
  private nextSeq = 1;

  /** Called after every change, so storage can schedule a write. */
  constructor(private readonly onChange: () => void = () => undefined) {}

  /** Whether `user` was imported. */
  hasUser(user: string): boolean {
    return this.users.has(user);
  }

  /** Imports `user` (again is fine). */
  importUser(user: string): void {
    if (this.users.has(user)) return;
    this.users.add(user);
    this.onChange();
  }

  /** The live account `id`, if any. */
  getAccount(id: string): AccountRecord | undefined {
    return this.accounts.get(id);
  }

  /** How many accounts are live (the quota counts these). */
  accountCount(): number {
    return this.accounts.size;
  }

  /** Stores a new account with no subscribers. */
  createAccount(record: AccountRecord): void {
    this.accounts.set(record.Official_Account, { ...record });
    this.subscribersByAccount.set(record.Official_Account, new Map());
    this.onChange();
  }

  /** Changes the fields `patch` names; nothing when there is no such account. */
  modifyAccount(id: string, patch: AccountPatch): void {
    const record = this.accounts.get(id);
    if (!record) return;
    Object.assign(record, patch);
    this.onChange();
  }

  /** Replaces an account's stored fields (the control API's put), keeping its times and subscriptions. */
  replaceAccount(record: AccountInputRecord): void {
    const existing = this.accounts.get(record.Official_Account);
    if (!existing) return;
    Object.assign(existing, record);
    this.onChange();
  }

  /** Removes the account and its subscriptions. */
  destroyAccount(id: string): void {
    const subscribers = this.subscribersByAccount.get(id);
    for (const user of subscribers?.keys() ?? []) this.subscriptionsByUser.get(user)?.delete(id);
    this.subscribersByAccount.delete(id);
    this.accounts.delete(id);
    this.onChange();
  }

  /** The live account `id` as reads and the state show it: its stored fields and the ones counted now. */
  accountSnapshot(id: string): AccountSnapshot | undefined {
    const record = this.accounts.get(id);
    if (!record) return undefined;
    // What a counted field counts is the subscriptions (countedOnRead).
    const counted = Object.fromEntries(COUNTED_FIELDS.map((field) => [field.wireName, this.subscriberCount(id)]));
    return { ...record, ...counted } as AccountSnapshot;
  }

  /** How many users subscribe to `id` (its SubscriberNum). */
  subscriberCount(id: string): number {
    return this.subscribersByAccount.get(id)?.size ?? 0;
  }

  /** Whether `user` subscribes to `account`. */
  isSubscribed(account: string, user: string): boolean {
    return this.subscribersByAccount.get(account)?.has(user) ?? false;
  }

  /** Adds subscriptions; ones that already exist are left as they are. */
  subscribe(account: string, entries: Array<{ user: string; customString: string }>, time: number): void {
    for (const { user, customString } of entries) this.insertSubscription(account, user, customString, time);
    this.onChange();
  }

  private insertSubscription(account: string, user: string, customString: string, time: number): void {
    const subscribers = this.subscribersByAccount.get(account);
    if (!subscribers || subscribers.has(user)) return;
    const sub: Subscription = { account, user, time, customString, seq: this.nextSeq++ };
    subscribers.set(user, sub);
    let byUser = this.subscriptionsByUser.get(user);
    if (!byUser) {
      byUser = new Map();
      this.subscriptionsByUser.set(user, byUser);
    }
    byUser.set(account, sub);
  }

  /** Removes these users' subscriptions to `account`; users who had none are skipped. */
  unsubscribe(account: string, users: readonly string[]): void {
    for (const user of users) {
      this.subscribersByAccount.get(account)?.delete(user);
      this.subscriptionsByUser.get(user)?.delete(account);
    }
    this.onChange();
  }

  /** Subscribers of one account, oldest subscription first. */
  subscribersOf(account: string): Subscription[] {
    return [...(this.subscribersByAccount.get(account)?.values() ?? [])];
  }

  /** Accounts one user subscribes to, oldest subscription first. */
  subscriptionsOf(user: string): Subscription[] {
    return [...(this.subscriptionsByUser.get(user)?.values() ?? [])];
  }

  /** Clears accounts and subscriptions; imported users too when `all`. */
  reset(all: boolean): void {
    this.accounts.clear();
    this.subscribersByAccount.clear();
    this.subscriptionsByUser.clear();
    if (all) this.users.clear();
    this.onChange();
  }

  /** A copy of everything, as `GET /__emulator/state` and the state file show it. */
  snapshot(): EmulatorStateSnapshot {
    const subscriptions = [...this.subscribersByAccount.values()]
      .flatMap((m) => [...m.values()])
      .sort((a, b) => a.seq - b.seq)
      .map((s) => ({
        Official_Account: s.account,
        Subscriber_Account: s.user,
        SubscribeTime: s.time,
        CustomString: s.customString,
      }));
    return {
      version: 1,
      users: [...this.users],
      accounts: [...this.accounts.keys()].map((id) => this.accountSnapshot(id)!),
      subscriptions,
    };
  }

  /** Replaces everything with a snapshot's content (already checked by parseSnapshot). */
  load(snapshot: EmulatorStateSnapshot): void {
    this.users = new Set(snapshot.users);
    this.accounts = new Map();
    this.subscribersByAccount = new Map();
    this.subscriptionsByUser = new Map();
    this.nextSeq = 1;
    for (const account of snapshot.accounts) {
      const record = Object.fromEntries(
        STORED_FIELDS.map((field) => [field.wireName, account[field.wireName as keyof AccountSnapshot]]),
      ) as AccountRecord;
      this.accounts.set(record.Official_Account, record);
      this.subscribersByAccount.set(record.Official_Account, new Map());
    }
    // Loading is not a change: no write is scheduled.
    for (const s of snapshot.subscriptions) {
      this.insertSubscription(s.Official_Account, s.Subscriber_Account, s.CustomString, s.SubscribeTime);
    }
  }
}

/** The stored fields a state file must carry; the counted ones (SubscriberNum) are counted again, never read. */
const STORED_FIELDS = WIRE_FIELDS.filter((field) => !countedOnRead(field));
const COUNTED_FIELDS = WIRE_FIELDS.filter(countedOnRead);

/** Checks a parsed state file; throws an Error saying what is wrong rather than loading half a state. */
export function parseSnapshot(doc: unknown): EmulatorStateSnapshot {
  const fail = (what: string): never => {
    throw new Error(`invalid emulator state: ${what}`);
  };
  if (typeof doc !== "object" || doc === null) return fail("not a JSON object");
  const d = doc as Record<string, unknown>;
  if (d.version !== 1) fail(`unsupported version ${JSON.stringify(d.version)}`);
  if (!Array.isArray(d.users) || !d.users.every((u) => typeof u === "string")) fail("users must be strings");
  if (!Array.isArray(d.accounts)) fail("accounts must be an array");
  if (!Array.isArray(d.subscriptions)) fail("subscriptions must be an array");
  const accounts: AccountSnapshot[] = (d.accounts as unknown[]).map((a, i) => {
    if (typeof a !== "object" || a === null) return fail(`accounts[${i}] is not an object`);
    const r = a as Record<string, unknown>;
    // The counted fields read 0 until load counts the subscriptions.
    const account: Record<string, unknown> = Object.fromEntries(COUNTED_FIELDS.map((field) => [field.wireName, 0]));
    for (const field of STORED_FIELDS) {
      const want = field.type === "string" ? "string" : "number";
      // A field added to the table after the file was written takes its default.
      const value = r[field.wireName] ?? field.default;
      if (typeof value !== want) fail(`accounts[${i}].${field.wireName} must be a ${want}`);
      account[field.wireName] = value;
    }
    return account as AccountSnapshot;
  });
  const ids = new Set(accounts.map((a) => a.Official_Account));
  const subscriptions: SubscriptionSnapshot[] = (d.subscriptions as unknown[]).map((s, i) => {
    if (typeof s !== "object" || s === null) return fail(`subscriptions[${i}] is not an object`);
    const r = s as Record<string, unknown>;
    if (typeof r.Official_Account !== "string" || !ids.has(r.Official_Account)) {
      fail(`subscriptions[${i}].Official_Account names no account`);
    }
    if (typeof r.Subscriber_Account !== "string") fail(`subscriptions[${i}].Subscriber_Account must be a string`);
    if (typeof r.SubscribeTime !== "number") fail(`subscriptions[${i}].SubscribeTime must be a number`);
    return {
      Official_Account: r.Official_Account as string,
      Subscriber_Account: r.Subscriber_Account as string,
      SubscribeTime: r.SubscribeTime as number,
      CustomString: typeof r.CustomString === "string" ? r.CustomString : "",
    };
  });
  return { version: 1, users: d.users as string[], accounts, subscriptions };
}
