/**
 * The one route table: URL path -> command handler, built from the shared
 * command table. The handler table is keyed by the command-name type, so a
 * command without a handler (or a handler answering the wrong shape) does
 * not compile.
 */
import { ALL_COMMANDS, commandPath, type CommandName } from "../chat-api/commands";
import { accountImport, multiAccountImport } from "./handlers/user-import";
import type { Handler } from "./handlers/context";
import {
  createOfficialAccount,
  destroyOfficialAccount,
  getOfficialAccountInfo,
  getSubscribedOfficialAccountList,
  modifyOfficialAccountBaseInfo,
} from "./handlers/official-accounts";
import { addSubscriber, deleteSubscriber, getSubscriberInfo } from "./handlers/subscribers";

const HANDLERS: { readonly [C in CommandName]: Handler<C> } = {
  create_official_account: createOfficialAccount,
  get_official_account_info: getOfficialAccountInfo,
  get_subscribed_official_account_list: getSubscribedOfficialAccountList,
  modify_official_account_base_info: modifyOfficialAccountBaseInfo,
  destroy_official_account: destroyOfficialAccount,
  get_subscriber_info: getSubscriberInfo,
  add_subscriber: addSubscriber,
  delete_subscriber: deleteSubscriber,
  account_import: accountImport,
  multiaccount_import: multiAccountImport,
};

/** One command's route. */
interface Route {
  readonly command: CommandName;
  readonly handle: Handler<CommandName>;
}

/** URL path -> route, for every command of the command table. */
export const ROUTES: ReadonlyMap<string, Route> = new Map(
  ALL_COMMANDS.map((command) => [commandPath(command), { command, handle: HANDLERS[command] as Handler<CommandName> }]),
);
