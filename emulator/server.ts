/**
 * The HTTP front: resolves the route, counts the call, applies faults,
 * checks the URL and the rate limit, parses the body, runs the handler and
 * writes the envelope. Every answer to /v4/ goes through `finish`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ErrorCode } from "../chat-api/error-codes";
import { CommandFailure } from "./failure";
import { checkQuery } from "./auth";
import { CONTROL_PREFIX, handleControl } from "./control";
import type { EmulatorCore } from "./core";
import type { Outcome } from "./counters";
import { failEnvelope, okEnvelope, writeBadGateway, writeEnvelope, type ResponseBody } from "./envelope";
import type { HandlerContext } from "./handlers/context";
import { MAX_BODY_BYTES } from "./defaults";
import { parseJsonObject, readBody } from "./request";
import { ROUTES } from "./routes";

/** The HTTP server of one emulator, and how to stop its pending calls. */
interface EmulatorServer {
  /** Not listening yet: the caller picks the port and host. */
  readonly server: Server;
  /** Stops handling calls that are still waiting (latency faults) once the server closes. */
  markClosed(): void;
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? "/", "http://emulator.invalid");
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The HTTP server that answers the /v4/ commands and the control API for `core`. */
export function createEmulatorServer(core: EmulatorCore): EmulatorServer {
  const { options, state, faults, limiter, counters } = core;
  let closed = false;
  const ctx: HandlerContext = {
    state,
    accountQuota: options.accountQuota,
    returnMaxSubscriberNum: options.returnMaxSubscriberNum,
    nowSeconds: () => Math.floor(options.clock() / 1000),
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = ROUTES.get(url.pathname);
    if (!route) {
      await readBody(req, MAX_BODY_BYTES);
      writeEnvelope(
        res,
        failEnvelope(ErrorCode.urlParse, `URL parse error: no command at ${url.pathname.slice(0, 200)}`),
      );
      return;
    }
    const command = route.command;
    const started = performance.now();
    counters.call(command);

    const finish = (envelope: ResponseBody, outcome: Outcome): void => {
      counters.outcome(command, outcome);
      options.log(
        `${req.method} ${command} -> ${outcome === "dropped" ? "dropped" : envelope.ErrorCode} ` +
          `(${Math.round(performance.now() - started)} ms)`,
      );
      if (outcome === "dropped") res.socket?.destroy();
      else writeEnvelope(res, envelope);
    };

    const plan = faults.plan(command);
    let body;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch {
      counters.outcome(command, "failed"); // the client went away; there is no one to answer
      return;
    }
    if (plan.delayMs > 0) await sleep(plan.delayMs);
    if (closed) {
      res.socket?.destroy();
      return;
    }
    if (plan.failure?.kind === "http502") {
      counters.outcome(command, "faulted");
      options.log(`${req.method} ${command} -> HTTP 502 (fault)`);
      writeBadGateway(res);
      return;
    }
    if (plan.failure?.kind === "envelope") {
      finish(failEnvelope(plan.failure.code, plan.failure.info), "faulted");
      return;
    }

    let envelope: ResponseBody;
    let outcome: Outcome;
    try {
      if (req.method !== "POST")
        throw new CommandFailure(ErrorCode.urlParse, "URL parse error: REST calls must use HTTP POST");
      checkQuery(url.searchParams, options, Math.floor(options.clock() / 1000));
      if (!limiter.tryAcquire(command)) {
        throw new CommandFailure(
          ErrorCode.frequencyLimit,
          `REST API call frequency exceeds the limit of ${options.rateLimitPerSecond}/s for ${command}`,
        );
      }
      if (!body.ok)
        throw new CommandFailure(ErrorCode.jsonParse, `the request body is larger than ${MAX_BODY_BYTES} bytes`);
      envelope = okEnvelope(route.handle(parseJsonObject(body.bytes), ctx));
      outcome = "ok";
    } catch (error) {
      if (!(error instanceof CommandFailure)) {
        options.log(`internal error in ${command}: ${(error as Error).stack ?? String(error)}`);
        error = new CommandFailure(ErrorCode.internalError, "Internal server error. Please try again.");
      }
      const e = error as CommandFailure;
      envelope = failEnvelope(e.code, e.info);
      outcome = e.code === ErrorCode.frequencyLimit ? "throttled" : "failed";
    }
    finish(envelope, plan.drop ? "dropped" : outcome);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseUrl(req.url);
    if (!url) {
      await readBody(req, MAX_BODY_BYTES);
      writeEnvelope(res, failEnvelope(ErrorCode.urlParse, "URL parse error"));
      return;
    }
    if (url.pathname.startsWith(CONTROL_PREFIX)) await handleControl(core, req, res, url.pathname);
    else await handleApi(req, res, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Last line of defence: a client must never be able to crash the process.
      options.log(`request failed: ${(error as Error)?.message ?? String(error)}`);
      if (!res.headersSent && !res.destroyed)
        writeEnvelope(res, failEnvelope(ErrorCode.internalError, "Internal server error."));
      else res.socket?.destroy();
    });
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  return {
    server,
    markClosed: () => {
      closed = true;
    },
  };
}
