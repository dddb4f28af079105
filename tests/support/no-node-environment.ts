/**
 * The environment of a user who has no Node.js: a PATH with the system's
 * tools but no `node`, `npm`, `npx` or `corepack` (the system folders are
 * mirrored into a shelf of links without them, since `node` lives in
 * /usr/bin beside python3, go and tar), plus the folders a test adds in front.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from "node:fs";
import * as path from "node:path";

/** What a user without Node.js does not have. */
export const NODE_COMMANDS = ["node", "nodejs", "npm", "npx", "corepack"] as const;
const SYSTEM_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

/** Links every system command except Node's into `dir`; returns `dir`. */
export function nodelessToolShelf(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const systemDir of SYSTEM_DIRS) {
    if (!existsSync(systemDir)) continue;
    for (const name of readdirSync(systemDir)) {
      if ((NODE_COMMANDS as readonly string[]).includes(name) || existsSync(path.join(dir, name))) continue;
      const target = path.join(systemDir, name);
      try {
        if (statSync(target).isFile()) symlinkSync(target, path.join(dir, name));
      } catch {
        // A dangling link in a system folder: nothing to offer.
      }
    }
  }
  return dir;
}

/**
 * A PATH of `front` folders then the shelf. Throws when a front folder brings Node.js back, so a test
 * cannot pass by accident with node reachable.
 */
export function nodelessPath(front: string[], shelf: string): string {
  for (const dir of front) {
    for (const name of NODE_COMMANDS) {
      if (existsSync(path.join(dir, name))) throw new Error(`${dir} holds ${name}: it cannot be on a no-Node PATH`);
    }
  }
  return [...front, shelf].join(path.delimiter);
}

/** What `command -v node` and `command -v npm` answer in `env` (both fail for a user without Node.js). */
export function nodeLookup(env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const result = spawnSync("sh", ["-c", "command -v node; command -v npm; command -v npx"], {
    env,
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
