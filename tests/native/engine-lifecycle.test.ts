/**
 * The plugin's command line as the engine writes it (`[--logtostderr]
 * [-v=N] [--tracing URL] <engine address>`) and as a developer writes it for
 * attach mode (`--port N`).
 */
import { expect } from "chai";
import { parsePluginArguments } from "../../provider/native/engine-lifecycle";

describe("native provider: the plugin's command line", () => {
  it("reads the engine address after the logging and tracing flags the engine passes on", () => {
    expect(
      parsePluginArguments(["--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:1/trace", "127.0.0.1:41234"]),
    ).to.deep.equal({ port: undefined, verbose: true, engineAddress: "127.0.0.1:41234" });
    expect(parsePluginArguments(["127.0.0.1:41234"])).to.deep.equal({
      port: undefined,
      verbose: false,
      engineAddress: "127.0.0.1:41234",
    });
  });

  it("takes a fixed --port for attach mode, and names a malformed one", () => {
    expect(parsePluginArguments(["--port", "50051"])).to.include({ port: 50051, engineAddress: undefined });
    expect(parsePluginArguments(["--port=0"])).to.include({ port: 0 });
    expect(() => parsePluginArguments(["--port", "http"])).to.throw(
      '--port must be a TCP port number (0 to 65535); got "http".',
    );
  });

  it("ignores flags it has no use for, so a newer engine still starts it", () => {
    expect(parsePluginArguments(["--some-new-flag", "127.0.0.1:1"])).to.include({ engineAddress: "127.0.0.1:1" });
  });
});
