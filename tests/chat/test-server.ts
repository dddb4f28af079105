/**
 * Small node:http servers on port 0 for the client suites' transport cases
 * the emulator cannot express (a chosen status, body or stall), a recording
 * proxy in front of the emulator, and the API's JSON envelope they answer with.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request a test server received, as the client sent it. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A running test server: its base URL, what it received so far, and how to stop it. */
export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A test server's answer: a status (200 when left out) and a body. */
export interface Answer {
  status?: number;
  body: string;
}

/** How a test server answers a request: an {@link Answer}, or undefined once it wrote the response itself. */
export type Responder = (
  request: RecordedRequest,
  res: http.ServerResponse,
) => Promise<Answer | undefined> | Answer | undefined;

/**
 * A node:http server on port 0 that records every request and answers with
 * `respond` (which may also write the response itself and return undefined).
 */
export async function startTestServer(respond: Responder): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: new URL(req.url ?? "/", "http://test.invalid"),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      Promise.resolve(respond(recorded, res))
        .then((answer) => {
          if (!answer || res.headersSent || res.destroyed) return;
          res.writeHead(answer.status ?? 200, { "Content-Type": "application/json" });
          res.end(answer.body);
        })
        .catch(() => res.socket?.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Runs `use` against a fresh {@link startTestServer} server, and closes the server afterwards whatever happens. */
export async function withTestServer<T>(respond: Responder, use: (server: TestServer) => Promise<T>): Promise<T> {
  const server = await startTestServer(respond);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

/** A test server that forwards every request to `target` and records it (to see what the client sent). */
export function startRecordingProxy(target: string): Promise<TestServer> {
  return startTestServer(async (request) => {
    const upstream = await fetch(`${target}${request.url.pathname}${request.url.search}`, {
      method: request.method,
      headers: { "Content-Type": "application/json" },
      body: request.body,
    });
    return { status: upstream.status, body: await upstream.text() };
  });
}

/** A JSON envelope as the API writes it. */
export function envelope(code: number, info = "", extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ActionStatus: code === 0 ? "OK" : "FAIL", ErrorCode: code, ErrorInfo: info, ...extra });
}
