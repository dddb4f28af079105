/**
 * Where the state lives between runs: nowhere (memory) or a JSON file.
 * File writes are debounced and serialized, and each one goes to a temp
 * file that is then renamed over the old one, so a reader or a crash never
 * sees half a file.
 */
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { parseSnapshot, type EmulatorStateSnapshot } from "./state";

/** Where the state is kept between runs. */
export interface StateStorage {
  /** The saved state, or undefined when there is none yet. */
  load(): Promise<EmulatorStateSnapshot | undefined>;
  /** Notes a change; `read` is called when the write actually happens. */
  scheduleSave(read: () => EmulatorStateSnapshot): void;
  /** Resolves once every change noted so far is written. */
  flush(): Promise<void>;
}

/** No keeping: the state lives and dies with the process. */
export class MemoryStorage implements StateStorage {
  async load(): Promise<undefined> {
    return undefined;
  }
  scheduleSave(): void {}
  async flush(): Promise<void> {}
}

const DEFAULT_SAVE_DEBOUNCE_MS = 25;

/** A JSON file, written after changes (debounced, one write at a time, atomically by rename). */
export class FileStorage implements StateStorage {
  private read: (() => EmulatorStateSnapshot) | undefined;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  /** Every write runs after the previous one: never two at once. */
  private chain: Promise<void> = Promise.resolve();
  private writes = 0;

  constructor(
    readonly path: string,
    private readonly onError: (error: Error) => void = () => undefined,
    private readonly debounceMs = DEFAULT_SAVE_DEBOUNCE_MS,
  ) {}

  async load(): Promise<EmulatorStateSnapshot | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      return parseSnapshot(JSON.parse(text));
    } catch (error) {
      // Refuse to start rather than overwrite a file we cannot read.
      throw new Error(`cannot load emulator state file ${this.path}: ${(error as Error).message}`);
    }
  }

  scheduleSave(read: () => EmulatorStateSnapshot): void {
    this.read = read;
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueueWrite();
    }, this.debounceMs);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.enqueueWrite();
    await this.chain;
  }

  private enqueueWrite(): void {
    this.chain = this.chain.then(() => this.writeNow());
  }

  private async writeNow(): Promise<void> {
    if (!this.dirty || !this.read) return;
    this.dirty = false;
    // Serialized synchronously, so the file is one consistent moment of the state.
    const text = JSON.stringify(this.read(), null, 2) + "\n";
    const temp = `${this.path}.${process.pid}.${++this.writes}.tmp`;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(temp, "w", 0o600);
      try {
        await handle.writeFile(text, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      this.dirty = true;
      await unlink(temp).catch(() => undefined);
      this.onError(error as Error);
    }
  }
}
