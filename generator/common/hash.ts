// SHA-256 and random names, from node:crypto loaded on first use. Loading node:crypto costs Node 24 about 11 ms
// (it loads argon2, keys, ciphers and streams with it), a fifth of a no-op `generate`, and a no-op run answered
// from its record (cli/no-op-record.ts) hashes nothing: no module imports node:crypto at its top.
import type { Hash } from "node:crypto";

const crypto = () => process.getBuiltinModule("node:crypto");

export const sha256 = (): Hash => crypto().createHash("sha256");

export const randomHex = (bytes: number): string => crypto().randomBytes(bytes).toString("hex");

/** A file's contents, as the manifest lists them and a header stamps them: the first 8 bytes of the SHA-256 as hex
 * (a string of its own, not a slice that keeps the whole digest: one per file listed). */
export const contentHash = (contents: string | Uint8Array): string =>
  sha256().update(contents).digest().toString("hex", 0, 8);
