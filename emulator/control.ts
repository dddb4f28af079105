/**
 * The control API under /__emulator/ (only with `control: true`): read and
 * replace faults, read and reset counters, read and reset state, import users,
 * put or patch an account. Plain JSON, not the vendor envelope, and never
 * subject to faults or the rate limit.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorCore } from "./core";
import { importUsers, patchAccount, putAccount } from "./control-writes";
import { writeJson } from "./envelope";
import { CommandFailure } from "./failure";
import { MAX_BODY_BYTES } from "./defaults";
import { readBody } from "./request";

/** The path every control request starts with, apart from the vendor's /v4/ commands. */
export const CONTROL_PREFIX = "/__emulator/";

type ControlHandler = (core: EmulatorCore, body: unknown, id: string) => unknown;

/** Every control request with what it does: the routes below, `--help` and docs/emulator.md say the same. */
export const CONTROL_API_SUMMARY: ReadonlyArray<readonly [request: string, does: string]> = [
  ["GET /__emulator/faults", "the current fault settings"],
  ["PUT /__emulator/faults", "replace them ({} turns every fault off)"],
  ["GET /__emulator/counters", "calls and outcomes per command"],
  ["POST /__emulator/counters/reset", "zero the counters"],
  ["GET /__emulator/state", "users, accounts and subscriptions"],
  ["POST /__emulator/reset", 'clear accounts, subscriptions and counters ({"all": true}: users too)'],
  ["POST /__emulator/users", 'import users: {"users": ["alice", ...]}'],
  ["PUT /__emulator/accounts/<id>", "create or replace an account behind the provider's back (wire field names)"],
  ["PATCH /__emulator/accounts/<id>", 'change profile fields behind the provider\'s back: {"Introduction": "..."}'],
];

/** `/__emulator/accounts/<id>` with the id URL-encoded (`%40TOA%23_news`). */
const ACCOUNT_PATH = "accounts/";

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const CONTROL_ROUTES: Record<string, Partial<Record<string, ControlHandler>>> = {
  faults: {
    GET: (core) => core.faults.get(),
    PUT: (core, body) => {
      try {
        core.faults.set(body ?? {});
      } catch (error) {
        throw new ControlError(400, (error as Error).message);
      }
      return core.faults.get();
    },
  },
  counters: { GET: (core) => core.counters.snapshot() },
  "counters/reset": {
    POST: (core) => {
      core.counters.reset();
      return core.counters.snapshot();
    },
  },
  state: { GET: (core) => core.state.snapshot() },
  users: { POST: (core, body) => importUsers(core.state, body) },
  [ACCOUNT_PATH]: {
    PUT: (core, body, id) => putAccount(core.state, id, body, Math.floor(core.options.clock() / 1000)),
    PATCH: (core, body, id) => patchAccount(core.state, id, body),
  },
  reset: {
    POST: (core, body) => {
      const all = typeof body === "object" && body !== null && (body as Record<string, unknown>).all === true;
      core.state.reset(all);
      core.counters.reset();
      core.limiter.reset();
      return core.state.snapshot();
    },
  },
};

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ControlError(400, `the account id in the path is not URL-encoded text: ${segment.slice(0, 100)}`);
  }
}

function parseBody(bytes: Buffer): unknown {
  const text = bytes.toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ControlError(400, `invalid JSON: ${(error as Error).message}`);
  }
}

/** Answers one request under {@link CONTROL_PREFIX} (404 for all of them unless `control` is on). */
export async function handleControl(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const body = await readBody(req, MAX_BODY_BYTES);
  if (!core.options.control) {
    writeJson(res, 404, { error: "the control API is off; start the emulator with control: true (CLI: --control)" });
    return;
  }
  const route = pathname.slice(CONTROL_PREFIX.length);
  const isAccount = route.startsWith(ACCOUNT_PATH) && route.length > ACCOUNT_PATH.length;
  const methods = CONTROL_ROUTES[isAccount ? ACCOUNT_PATH : route];
  const method = req.method ?? "GET";
  try {
    if (!methods) throw new ControlError(404, `no control endpoint ${pathname}`);
    const handler = methods[method];
    if (!handler) throw new ControlError(405, `${pathname} accepts ${Object.keys(methods).join(", ")}`);
    if (!body.ok) throw new ControlError(413, "request body is larger than 1 MiB");
    const id = isAccount ? decodePathSegment(route.slice(ACCOUNT_PATH.length)) : "";
    writeJson(res, 200, handler(core, parseBody(body.bytes), id));
  } catch (error) {
    if (error instanceof ControlError) writeJson(res, error.status, { error: error.message });
    else if (error instanceof CommandFailure) writeJson(res, 400, { error: error.info, code: error.code });
    else throw error;
  }
}
