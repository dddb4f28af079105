/**
 * The control API under /__emulator/ (only with `control: true`): read and
 * replace faults, read and reset counters, read and reset state. Plain JSON,
 * not the vendor envelope, and never subject to faults or the rate limit.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorCore } from "./core";
import { writeJson } from "./envelope";
import { MAX_BODY_BYTES } from "./options";
import { readBody } from "./request";

export const CONTROL_PREFIX = "/__emulator/";

type ControlHandler = (core: EmulatorCore, body: unknown) => unknown;

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

function parseBody(bytes: Buffer): unknown {
  const text = bytes.toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ControlError(400, `invalid JSON: ${(error as Error).message}`);
  }
}

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
  const methods = CONTROL_ROUTES[pathname.slice(CONTROL_PREFIX.length)];
  const method = req.method ?? "GET";
  try {
    if (!methods) throw new ControlError(404, `no control endpoint ${pathname}`);
    const handler = methods[method];
    if (!handler) throw new ControlError(405, `${pathname} accepts ${Object.keys(methods).join(", ")}`);
    if (!body.ok) throw new ControlError(413, "request body is larger than 1 MiB");
    writeJson(res, 200, handler(core, parseBody(body.bytes)));
  } catch (error) {
    if (error instanceof ControlError) writeJson(res, error.status, { error: error.message });
    else throw error;
  }
}
