/**
 * The command table: every Chat REST command this project speaks, with its
 * service. The client's calls and the emulator's router are both built from
 * it (and typed by `CommandWire` in wire-types.ts), so they cannot drift apart.
 */

/** The service of the official-account commands. */
const OFFICIAL_ACCOUNT_SERVICE = "official_account_open_http_svc";
/** The service of the commands that import Chat users (the vendor's account management). */
const USER_IMPORT_SERVICE = "im_open_login_svc";

/** The official-account commands, by what they do; the values are the vendor's command names. */
export const OfficialAccountCommand = {
  create: "create_official_account",
  getInfo: "get_official_account_info",
  listSubscribed: "get_subscribed_official_account_list",
  modify: "modify_official_account_base_info",
  destroy: "destroy_official_account",
  getSubscribers: "get_subscriber_info",
  addSubscriber: "add_subscriber",
  deleteSubscriber: "delete_subscriber",
} as const;
/** The vendor's name of an official-account command. */
type OfficialAccountCommandName = (typeof OfficialAccountCommand)[keyof typeof OfficialAccountCommand];

/** The commands that import Chat users (the vendor's "accounts"), by what they do; the values are the vendor's command names. */
export const UserImportCommand = {
  importOne: "account_import",
  importMany: "multiaccount_import",
} as const;
/** The vendor's name of a user-import command. */
type UserImportCommandName = (typeof UserImportCommand)[keyof typeof UserImportCommand];

/** Every command name; a table keyed by this type must cover every command. */
export type CommandName = OfficialAccountCommandName | UserImportCommandName;

/** The service each command belongs to. */
export function serviceOf(command: CommandName): string {
  return (Object.values(UserImportCommand) as string[]).includes(command)
    ? USER_IMPORT_SERVICE
    : OFFICIAL_ACCOUNT_SERVICE;
}

/** The URL path of a command, e.g. `/v4/official_account_open_http_svc/create_official_account`. */
export function commandPath(command: CommandName): string {
  return `/v4/${serviceOf(command)}/${command}`;
}

/** Every command, official-account commands first. */
export const ALL_COMMANDS: readonly CommandName[] = [
  ...Object.values(OfficialAccountCommand),
  ...Object.values(UserImportCommand),
];
