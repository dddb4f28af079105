/**
 * provider/behaviour/official-account/types.ts (the arguments and outputs of both
 * OfficialAccount classes, the native Provider's arguments) is generated from
 * the field and settings tables and committed: it must be what the generator
 * makes today.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { CHAT_SETTINGS, OfficialAccountOutputs } from "../../provider";
import type { ProviderArgs } from "../../provider/native";
import type { OfficialAccountState } from "../../provider/behaviour/official-account/state";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { typescriptTypesText } from "../../scripts/generate-typescript-types";

// Compile-time: the outputs name exactly the fields the provider stores (idSeed is internal, never an output).
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const outputsMatchState: SameKeys<keyof OfficialAccountOutputs, Exclude<keyof OfficialAccountState, "idSeed">> = true;
// And the native Provider takes exactly the settings the provider resolves.
const providerArgsMatchSettings: SameKeys<keyof ProviderArgs, keyof typeof CHAT_SETTINGS> = true;

describe("TypeScript field declarations", () => {
  it("are what `npm run generate` makes from the field table today (run it and commit when this fails)", () => {
    const committed = readFileSync(
      path.join(REPO_ROOT, "provider", "behaviour", "official-account", "types.ts"),
      "utf8",
    );
    expect(
      committed === typescriptTypesText(),
      "provider/behaviour/official-account/types.ts is stale: run `npm run generate` and commit it",
    ).to.equal(true);
    expect(outputsMatchState).to.equal(true);
    expect(providerArgsMatchSettings).to.equal(true);
  });
});
