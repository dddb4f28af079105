/** Placeholder until the OfficialAccount resource lands: proves the set-up. */
import { pulumiBinDir } from "./pulumi-runner";

console.log(`Pulumi toolchain ready in ${pulumiBinDir()}`);
