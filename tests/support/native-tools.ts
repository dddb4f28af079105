/**
 * What the native front door's end-to-end tests share: the YAML language
 * host (scripts/ensure-language-host.sh), running a stack with it on PATH,
 * and the checks every native stack must pass (no code in state, no secret).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { expect } from "chai";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { startChatStack, type ChatStack } from "./chat-stack";

let yamlHostDir: string | undefined;

/** The folder holding pulumi-language-yaml (built and cached once when none is on PATH). */
export function yamlLanguageHostDir(): string {
  if (!yamlHostDir) {
    const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-language-host.sh"), "yaml"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    yamlHostDir = out.trim().split("\n").pop()!;
  }
  return yamlHostDir;
}

/** Runs `body` with `dir` first on this process's PATH (sandboxes made inside inherit it). */
export async function withPathPrefix<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = `${dir}${path.delimiter}${saved ?? ""}`;
  try {
    return await body();
  } finally {
    process.env.PATH = saved;
  }
}

/** {@link startChatStack} for a YAML program: the YAML language host is on PATH while the stack is set up. */
export function startYamlChatStack(label: string, options: Parameters<typeof startChatStack>[1]): Promise<ChatStack> {
  return withPathPrefix(yamlLanguageHostDir(), () => startChatStack(label, options));
}

/** The stack's exported state, as text and parsed. */
export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly provider?: string;
}

export async function exportedState(stack: ChatStack): Promise<{ text: string; resources: StateResource[] }> {
  const text = (await stack.pulumiOk(["stack", "export"])).stdout;
  return { text, resources: (JSON.parse(text).deployment.resources ?? []) as StateResource[] };
}

/** A native stack's state holds no serialized provider, no code, and no secret in clear. */
export function expectNativeState(text: string, secrets: readonly string[]): void {
  expect(text, "native state holds no serialized provider").not.to.include("__provider");
  expect(text, "native state holds no code").not.to.match(/exports\.handler|function\s*\(|=>\s*\{/);
  for (const secret of secrets) expect(text.includes(secret), "a secret key in clear in state").to.equal(false);
  expect(text, "no UserSig in state").not.to.match(/usersig=/i);
}
