/**
 * Finds secrets where they must never be: the secret key (and any other
 * secret a test used) as plain text, and UserSigs, recognised by decoding
 * them rather than by shape alone (a UserSig is a zlib stream of JSON with
 * `TLS.*` keys in the vendor's base64), so encrypted config values or
 * hashes that happen to look alike are not reported.
 */
import { constants, inflateSync } from "node:zlib";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

/** zlib streams of the default level start with 0x78 0x9c: "eJ" in base64. A prefix of 64 characters or more decodes. */
const USER_SIG_CANDIDATE = /eJ[A-Za-z0-9*_\-+/=]{16,}/g;

/** True when `text` decodes (even when cut short) to the JSON inside a UserSig. */
export function decodesAsUserSig(text: string): boolean {
  const base64 = text.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "=");
  try {
    const inflated = inflateSync(Buffer.from(base64, "base64"), { finishFlush: constants.Z_SYNC_FLUSH });
    return inflated.toString("latin1").includes("TLS.");
  } catch {
    return false;
  }
}

/** Every problem with `text`, each naming `where`: a secret shown as is, a UserSig, a usersig= value. */
export function findLeaks(where: string, text: string, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  for (const secret of secrets) {
    if (secret && text.includes(secret)) problems.push(`${where} contains a secret (${secret.slice(0, 4)}...)`);
  }
  for (const match of text.matchAll(USER_SIG_CANDIDATE)) {
    if (decodesAsUserSig(match[0])) {
      problems.push(`${where} contains a UserSig (${match[0].slice(0, 12)}... at ${match.index})`);
    }
  }
  for (const match of text.matchAll(/usersig=([^&\s"'<>]*)/gi)) {
    if (match[1] !== "" && match[1] !== "[redacted]" && !match[1].startsWith("%5Bredacted")) {
      problems.push(`${where} contains a usersig= query value`);
    }
  }
  return problems;
}

/** {@link findLeaks} over every regular file under `dir` (skipping node_modules), e.g. a file backend. */
export function findLeaksInDir(dir: string, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      if (entry === "node_modules") continue;
      const full = path.join(folder, entry);
      const stat = statSync(full);
      if (stat.isDirectory()) visit(full);
      else if (stat.isFile() && stat.size < 64 * 1024 * 1024) {
        problems.push(...findLeaks(full, readFileSync(full).toString("latin1"), secrets));
      }
    }
  };
  visit(dir);
  return problems;
}

/**
 * The engine's own verbose-log lines that marshal a provider's Configure
 * inputs: with CLI 3.259 they show a secret key set in stack config in clear
 * (`Marshaling property for RPC[Provider[...].Configure().inputs]: value={...}`).
 */
export const ENGINE_CONFIGURE_MARSHALING = /Marshaling property for RPC\[Provider\[[^\]]*\]\.Configure\(\)\.inputs\]/;

/**
 * {@link findLeaks} over a verbose engine log (`-v=9 --logtostderr --logflow`),
 * line by line. `engineConfigureLeaks: "allowed"` skips the engine's own
 * Configure marshaling lines (a key from stack config passes through the
 * engine); everything else, the plugin's diagnostics and debug lines
 * included, must be clean.
 */
export function findLeaksInEngineLog(
  log: string,
  secrets: readonly string[],
  engineConfigureLeaks: "allowed" | "forbidden",
): string[] {
  const problems: string[] = [];
  for (const [index, line] of log.split("\n").entries()) {
    if (engineConfigureLeaks === "allowed" && ENGINE_CONFIGURE_MARSHALING.test(line)) continue;
    problems.push(...findLeaks(`engine log line ${index + 1}`, line, secrets));
  }
  return problems;
}
