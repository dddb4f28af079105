/**
 * `pulumi-resource-tencentchat`: the engine starts it with its own address
 * (and logging flags) and reads the port of our gRPC server from stdout.
 */
import { serve } from "./server";

serve().then(
  ({ port }) => {
    // The engine reads exactly this line.
    process.stdout.write(`${port}\n`);
  },
  (error: unknown) => {
    console.error(`pulumi-resource-tencentchat: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
