/**
 * The steps every no-Node user test takes after `up`, written once: an
 * account changed behind Pulumi's back (a signed call to the emulator) is
 * caught by a refresh drift check, recorded by refresh, shown by preview and
 * put back by up; then preview expects no changes.
 */
import { expect } from "chai";
import type { AccountSnapshot } from "../../emulator";
import type { NoNodeStack } from "./no-node-stack";

export interface DriftCase {
  readonly id: string;
  /** The program's name for the field, e.g. `introduction`. */
  readonly field: "introduction" | "name";
  /** The emulator's name for it. */
  readonly wireField: keyof AccountSnapshot;
  /** What the program declares. */
  readonly declared: string;
}

export async function expectDriftCaughtAndRepaired(stack: NoNodeStack, drift: DriftCase): Promise<void> {
  const edited = "edited in the console";
  await stack.api.modify(drift.id, { [drift.field]: edited });
  expect((await stack.live(drift.id))?.[drift.wireField]).to.equal(edited);

  const check = await stack.pulumi(["refresh", "--preview-only", "--expect-no-changes"]);
  expect(check.code, `a drift check fails on drift:\n${check.output}`).to.not.equal(0);
  expect(check.output).to.match(new RegExp(`~ .*OfficialAccount .*update \\[diff: ~${drift.field}\\]`));
  await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);

  const preview = await stack.pulumi(["preview", "--expect-no-changes", "--diff"]);
  expect(preview.code, `preview reports the drift:\n${preview.output}`).to.not.equal(0);
  expect(preview.output).to.match(new RegExp(`${drift.field} *: *"${edited}" => "${drift.declared}"`));

  await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
  expect((await stack.live(drift.id))?.[drift.wireField]).to.equal(drift.declared);
  await stack.pulumiOk(["preview", "--expect-no-changes"]);
}
