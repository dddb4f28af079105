/**
 * An HTTP forwarder in front of the emulator that fails chosen calls: "answer
 * the first create with HTTP 502 without passing it on", or "pass the next
 * four creates on, then drop the connection without an answer". The
 * emulator's own faults are random; this gives a test one exact sequence.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface FailingForwarder {
  /** Base URL to use as tencentchat:endpoint (loopback http). */
  readonly url: string;
  /**
   * Fails the next `count` calls of `command`: "502" answers HTTP 502 without forwarding (the server
   * never sees the call); "drop" forwards the call, then closes the connection without an answer.
   */
  failNext(command: string, count: number, how?: "502" | "drop"): void;
  /** Calls of `command` that were failed so far. */
  failed(command: string): number;
  close(): Promise<void>;
}

export async function startFailingForwarder(target: string): Promise<FailingForwarder> {
  const pending = new Map<string, { count: number; how: "502" | "drop" }>();
  const failedCounts = new Map<string, number>();
  const targetUrl = new URL(target);
  const server = http.createServer((req, res) => {
    const command = new URL(req.url ?? "/", "http://forwarder").pathname.split("/").pop() ?? "";
    const plan = pending.get(command);
    const fail = plan !== undefined && plan.count > 0;
    if (fail) {
      plan.count -= 1;
      failedCounts.set(command, (failedCounts.get(command) ?? 0) + 1);
    }
    if (fail && plan.how === "502") {
      req.resume();
      req.on("end", () => {
        res.writeHead(502, { "Content-Type": "text/html" });
        res.end("<html><body>502 Bad Gateway (test forwarder)</body></html>");
      });
      return;
    }
    const upstream = http.request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: targetUrl.host },
      },
      (answer) => {
        if (fail) {
          // Applied by the emulator; the caller never hears of it.
          answer.resume();
          answer.on("end", () => res.socket?.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failNext(command, count, how = "502") {
      pending.set(command, { count, how });
    },
    failed: (command) => failedCounts.get(command) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
