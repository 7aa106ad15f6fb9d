// A local HTTP server on 127.0.0.1 (random port) for the download tests: it serves files well,
// truncated, corrupted, slowly or not at all, and counts what it sent. No test reaches the network.
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** How the server answers one path. */
export type Behaviour =
  | { readonly kind: "good"; readonly body: Uint8Array; readonly delayMs?: number }
  /** Announces the full length, sends the first `fraction`, then cuts the connection. */
  | { readonly kind: "cut"; readonly body: Uint8Array; readonly fraction: number }
  /** Announces the full length, sends the first half, then sends nothing more (until closed). */
  | { readonly kind: "stall-half"; readonly body: Uint8Array }
  /** Sends the status line and headers, then nothing. */
  | { readonly kind: "stall"; readonly body: Uint8Array }
  | { readonly kind: "status"; readonly status: number };

export interface FileServer {
  /** `http://127.0.0.1:<port>/<prefix>/` — a mirror base URL. */
  readonly base: (prefix: string) => string;
  /** Requests per path, and complete bodies sent per path. */
  readonly requests: Map<string, number>;
  readonly completed: Map<string, number>;
  /** Resolves with the path when a "stall-half" response has sent its half. */
  readonly stalled: () => Promise<string>;
  readonly close: () => Promise<void>;
}

export async function startFileServer(routes: Record<string, Behaviour>): Promise<FileServer> {
  const requests = new Map<string, number>();
  const completed = new Map<string, number>();
  const sockets = new Set<Socket>();
  const stallWaiters: Array<(path: string) => void> = [];
  const stalledPaths: string[] = [];
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    bump(requests, path);
    const route = routes[path] ?? { kind: "status", status: 404 };
    serve(
      route,
      res,
      () => bump(completed, path),
      () => {
        stalledPaths.push(path);
        for (const w of stallWaiters.splice(0)) w(path);
      },
    );
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    base: (prefix) => `http://127.0.0.1:${port}/${prefix}/`,
    requests,
    completed,
    stalled: () =>
      stalledPaths.length > 0
        ? Promise.resolve(stalledPaths.shift()!)
        : new Promise((resolve) => stallWaiters.push(resolve)),
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

function serve(route: Behaviour, res: ServerResponse, done: () => void, stalled: () => void) {
  if (route.kind === "status") {
    res.writeHead(route.status, { "content-type": "text/plain" });
    res.end(`status ${route.status}`);
    return;
  }
  const { body } = route;
  res.writeHead(200, {
    "content-type": "application/octet-stream",
    "content-length": String(body.length),
  });
  switch (route.kind) {
    case "good": {
      const send = () => res.end(body, done);
      if (route.delayMs === undefined) send();
      else setTimeout(send, route.delayMs);
      return;
    }
    case "cut":
      res.write(body.subarray(0, Math.floor(body.length * route.fraction)), () =>
        res.socket?.destroy(),
      );
      return;
    case "stall-half":
      res.write(body.subarray(0, Math.floor(body.length / 2)), stalled);
      return;
    case "stall":
      res.flushHeaders();
      return;
  }
}
