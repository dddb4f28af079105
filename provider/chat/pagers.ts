/**
 * The two pagers, followed to the end: the accounts a user subscribes to
 * (Offset/Next/CompleteFlag) and an account's subscribers (an opaque Next
 * cursor). Both stop early, without error, when a page is empty or the
 * cursor does not move, so a misbehaving server cannot loop them forever.
 */
import type {
  GetSubscribersOptions,
  ListSubscribedOptions,
  SubscribedOfficialAccount,
  SubscribedPage,
  Subscriber,
  SubscribersPage,
} from "./account-types";

/** Fetches one page of the accounts a user subscribes to. */
type SubscribedPageSource = (subscriberAccount: string, options: ListSubscribedOptions) => Promise<SubscribedPage>;
/** Fetches one page of an account's subscribers. */
type SubscribersPageSource = (id: string, options: GetSubscribersOptions) => Promise<SubscribersPage>;

/**
 * Every account `subscriberAccount` subscribes to, page by page, following
 * Next until CompleteFlag; an account seen on an earlier page is not yielded twice.
 */
export async function* iterateSubscribed(
  page: SubscribedPageSource,
  subscriberAccount: string,
  options: ListSubscribedOptions = {},
): AsyncGenerator<SubscribedOfficialAccount, void, undefined> {
  let offset = options.offset ?? 0;
  const seen = new Set<string>();
  for (;;) {
    const current = await page(subscriberAccount, { ...options, offset });
    for (const account of current.accounts) {
      if (seen.has(account.officialAccountUserId)) continue;
      seen.add(account.officialAccountUserId);
      yield account;
    }
    if (current.complete || current.accounts.length === 0 || current.next <= offset) return;
    offset = current.next;
  }
}

/** Every subscriber of an account, following the Next cursor (stops if a page is empty or a cursor repeats). */
export async function listAllSubscribers(
  page: SubscribersPageSource,
  id: string,
  options: Omit<GetSubscribersOptions, "next"> = {},
): Promise<Subscriber[]> {
  const all: Subscriber[] = [];
  const seenCursors = new Set<string>();
  let next = "";
  for (;;) {
    const current = await page(id, { ...options, next });
    all.push(...current.subscribers);
    if (current.next === "" || current.subscribers.length === 0 || seenCursors.has(current.next)) return all;
    seenCursors.add(current.next);
    next = current.next;
  }
}
