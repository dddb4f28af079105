/**
 * The one route table: URL path -> command handler, built from the shared
 * command table so the client and the emulator cannot drift apart.
 */
import { ALL_COMMAND_PATHS, AccountCommand, OfficialAccountCommand, commandPath } from "../provider/chat/commands";
import { accountImport, multiAccountImport } from "./handlers/accounts";
import type { Handler } from "./handlers/context";
import {
  createOfficialAccount,
  destroyOfficialAccount,
  getOfficialAccountInfo,
  getSubscribedOfficialAccountList,
  modifyOfficialAccountBaseInfo,
} from "./handlers/official-accounts";
import { addSubscriber, deleteSubscriber, getSubscriberInfo } from "./handlers/subscribers";

const HANDLERS: Record<string, Handler> = {
  [OfficialAccountCommand.create]: createOfficialAccount,
  [OfficialAccountCommand.getInfo]: getOfficialAccountInfo,
  [OfficialAccountCommand.listSubscribed]: getSubscribedOfficialAccountList,
  [OfficialAccountCommand.modify]: modifyOfficialAccountBaseInfo,
  [OfficialAccountCommand.destroy]: destroyOfficialAccount,
  [OfficialAccountCommand.getSubscribers]: getSubscriberInfo,
  [OfficialAccountCommand.addSubscriber]: addSubscriber,
  [OfficialAccountCommand.deleteSubscriber]: deleteSubscriber,
  [AccountCommand.importOne]: accountImport,
  [AccountCommand.importMany]: multiAccountImport,
};

export interface Route {
  command: string;
  handle: Handler;
}

function buildRoutes(): ReadonlyMap<string, Route> {
  const routes = new Map<string, Route>();
  for (const { service, command } of ALL_COMMAND_PATHS) {
    const handle = HANDLERS[command];
    // Fail at load time, not on a user's request, if the shared table grows a command we do not serve.
    if (!handle) throw new Error(`emulator has no handler for command ${command}`);
    routes.set(commandPath(service, command), { command, handle });
  }
  return routes;
}

export const ROUTES = buildRoutes();
