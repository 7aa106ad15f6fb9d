/**
 * Resolves on a fresh macrotask, so a page can paint and handle input between training steps:
 * `scheduler.yield()` where the browser has it, `setImmediate` in Node, else a message channel
 * (`setTimeout(0)` is clamped to 4 ms once nested).
 */
export function nextTask(): Promise<void> {
  const g = globalThis as {
    scheduler?: { yield?: () => Promise<void> };
    setImmediate?: (fn: () => void) => unknown;
    MessageChannel?: typeof MessageChannel;
  };
  if (typeof g.scheduler?.yield === "function") return g.scheduler.yield();
  if (typeof g.setImmediate === "function") {
    const schedule = g.setImmediate;
    return new Promise((resolve) => schedule(resolve));
  }
  if (typeof g.MessageChannel === "function") {
    const channel = new g.MessageChannel();
    return new Promise((resolve) => {
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
