/**
 * An HTTP forwarder in front of the emulator that fails chosen calls before
 * they reach it: "answer the first create with HTTP 502, pass everything
 * else through". The emulator's own faults are random; this gives a test one
 * exact sequence (a gateway error on an attempt the server never saw, then a
 * retry that finds the id in use).
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface FailingForwarder {
  /** Base URL to use as tencentchat:endpoint (loopback http). */
  readonly url: string;
  /** Fails the next `count` calls of `command` with HTTP 502, without forwarding them. */
  failNext(command: string, count: number): void;
  /** Calls of `command` that were failed so far. */
  failed(command: string): number;
  close(): Promise<void>;
}

export async function startFailingForwarder(target: string): Promise<FailingForwarder> {
  const pending = new Map<string, number>();
  const failedCounts = new Map<string, number>();
  const targetUrl = new URL(target);
  const server = http.createServer((req, res) => {
    const command = new URL(req.url ?? "/", "http://forwarder").pathname.split("/").pop() ?? "";
    const left = pending.get(command) ?? 0;
    if (left > 0) {
      pending.set(command, left - 1);
      failedCounts.set(command, (failedCounts.get(command) ?? 0) + 1);
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
    failNext(command, count) {
      pending.set(command, count);
    },
    failed: (command) => failedCounts.get(command) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
