/**
 * Generated official-account ids. The id is derived from the project, stack,
 * logical name and owner, so a create retried after a lost response or a
 * killed run finds its own earlier account (130008 -> adopt) instead of
 * leaving an orphan, two stacks never collide, and a new owner (a
 * replacement, created before the old account is deleted) gets a new id.
 */
import { createHash } from "node:crypto";
import { OFFICIAL_ACCOUNT_ID_MAX_BYTES, OFFICIAL_ACCOUNT_ID_PREFIX } from "../../../chat-api/official-account-fields";

const HASH_CHARS = 12;

/** `@TOA#_<logical-name-slug>_<12 hex>`, at most OFFICIAL_ACCOUNT_ID_MAX_BYTES bytes. */
export function generateOfficialAccountId(idSeed: string, ownerAccount: string): string {
  const logicalName = idSeed.split("/").pop() ?? "account";
  const room = OFFICIAL_ACCOUNT_ID_MAX_BYTES - OFFICIAL_ACCOUNT_ID_PREFIX.length - 1 - HASH_CHARS;
  const slug =
    logicalName
      .replace(/[^A-Za-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, room) || "account";
  const hash = createHash("sha256").update(`${idSeed}\n${ownerAccount}`).digest("hex").slice(0, HASH_CHARS);
  return `${OFFICIAL_ACCOUNT_ID_PREFIX}${slug}_${hash}`;
}
