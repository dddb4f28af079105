/**
 * The Chat REST commands this project speaks, in one table shared by the
 * client and the emulator's router so the two cannot drift apart.
 */
export const OFFICIAL_ACCOUNT_SERVICE = "official_account_open_http_svc";
export const ACCOUNT_SERVICE = "im_open_login_svc";

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
export type OfficialAccountCommandName = (typeof OfficialAccountCommand)[keyof typeof OfficialAccountCommand];

export const AccountCommand = {
  importOne: "account_import",
  importMany: "multiaccount_import",
} as const;
export type AccountCommandName = (typeof AccountCommand)[keyof typeof AccountCommand];

/** The URL path of a command, e.g. `/v4/official_account_open_http_svc/create_official_account`. */
export function commandPath(service: string, command: string): string {
  return `/v4/${service}/${command}`;
}

/** Every path the client may call, service first: used by the emulator's route table. */
export const ALL_COMMAND_PATHS: ReadonlyArray<{ service: string; command: string }> = [
  ...Object.values(OfficialAccountCommand).map((command) => ({ service: OFFICIAL_ACCOUNT_SERVICE, command })),
  ...Object.values(AccountCommand).map((command) => ({ service: ACCOUNT_SERVICE, command })),
];
