/**
 * A local HTTP proxy that only counts: point HTTP(S)_PROXY at it, and any
 * request the provider sends to a non-loopback host lands here (and is
 * answered 502, as a proxy that cannot reach the host would) instead of
 * leaving the machine. A test asserts how many connections it saw.
 */
import * as net from "node:net";

export interface ProxyTrap {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** The first line of every request seen ("POST http://host/path?... HTTP/1.1"), query strings cut off. */
  requestLines(): string[];
  /** Environment variables that route every non-loopback HTTP(S) request through the trap. */
  env(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startProxyTrap(): Promise<ProxyTrap> {
  let connections = 0;
  const lines: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let head = "";
    socket.on("data", (chunk: Buffer) => {
      if (head.includes("\r\n")) return;
      head += chunk.toString("latin1");
      const end = head.indexOf("\r\n");
      if (end < 0) return;
      // The query string carries a UserSig: keep only what the test needs to see.
      lines.push(head.slice(0, end).replace(/\?\S*/, "?..."));
      socket.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url,
    connections: () => connections,
    requestLines: () => [...lines],
    env: () => ({
      HTTP_PROXY: url,
      HTTPS_PROXY: url,
      http_proxy: url,
      https_proxy: url,
      // The engine, the program and the plugins talk gRPC over loopback: never through the trap.
      NO_PROXY: "127.0.0.1,localhost,::1",
      no_proxy: "127.0.0.1,localhost,::1",
      ALL_PROXY: "",
      all_proxy: "",
    }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
