import { md5Hex } from "./md5.js";

/**
 * A digest as lowercase hex, without Node: sha256 through `crypto.subtle` (Web Crypto, in every
 * browser and in Node ≥ 20), md5 in plain TypeScript (Web Crypto has none; KMNIST publishes only
 * md5).
 */
export async function digestHex(algorithm: "sha256" | "md5", bytes: Uint8Array): Promise<string> {
  if (algorithm === "md5") return md5Hex(bytes);
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
