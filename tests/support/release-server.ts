/**
 * A static file server on 127.0.0.1 (port 0) for a release folder: where the
 * engine downloads the plugin from in tests, through
 * PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES, as it would from the project's releases.
 * It records every path asked for.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";

export interface ReleaseServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request path, with its status, in order. */
  readonly requests: { path: string; status: number }[];
  close(): Promise<void>;
}

export async function serveRelease(dir: string): Promise<ReleaseServer> {
  const requests: { path: string; status: number }[] = [];
  const server = createServer((req, res) => {
    const requested = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = path.join(dir, path.normalize(requested).replace(/^(\.\.[/\\])+/, ""));
    const found = file.startsWith(dir) && existsSync(file) && statSync(file).isFile();
    requests.push({ path: requested, status: found ? 200 : 404 });
    if (!found) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`not in the release: ${requested}\n`);
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
