/**
 * Reads an executable's format from its headers (what `file(1)` would say),
 * so the archives of platforms that cannot run here are still checked to be
 * what those platforms load: ELF e_machine, Mach-O cputype, PE machine and
 * optional-header magic.
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { ExecutableFormat } from "../../scripts/release/platforms";

const ELF_MACHINES: Record<number, string> = { 0x3e: "x86-64", 0xb7: "aarch64" };
const MACHO_CPU_TYPES: Record<number, string> = { 0x01000007: "x86-64", 0x0100000c: "arm64" };
const MACHO_MAGIC_64 = 0xfeedfacf;
const MACHO_EXECUTE = 2;
const PE_AMD64 = 0x8664;
const PE32_PLUS_MAGIC = 0x20b;

function head(file: string, bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(file, "r");
  try {
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The format of `file` as ExecutableFormat names it, or a description of what it is instead. */
export function executableFormatOf(file: string): ExecutableFormat | string {
  const bytes = head(file, 4096);
  if (bytes.subarray(0, 4).toString("latin1") === "\x7fELF") {
    const is64 = bytes[4] === 2;
    const type = bytes.readUInt16LE(16); // 2 = EXEC, 3 = DYN (position-independent executable)
    const machine = ELF_MACHINES[bytes.readUInt16LE(18)] ?? `machine 0x${bytes.readUInt16LE(18).toString(16)}`;
    return is64 && (type === 2 || type === 3) ? `ELF ${machine}` : `ELF (class ${bytes[4]}, type ${type}) ${machine}`;
  }
  if (bytes.readUInt32LE(0) === MACHO_MAGIC_64) {
    const cpu = MACHO_CPU_TYPES[bytes.readUInt32LE(4)] ?? `cputype 0x${bytes.readUInt32LE(4).toString(16)}`;
    const fileType = bytes.readUInt32LE(12);
    return fileType === MACHO_EXECUTE ? `Mach-O ${cpu}` : `Mach-O ${cpu} (filetype ${fileType}, not an executable)`;
  }
  if (bytes.subarray(0, 2).toString("latin1") === "MZ") {
    const peOffset = bytes.readUInt32LE(0x3c);
    if (bytes.subarray(peOffset, peOffset + 4).toString("latin1") !== "PE\0\0") return "MZ without a PE header";
    const machine = bytes.readUInt16LE(peOffset + 4);
    const optionalMagic = bytes.readUInt16LE(peOffset + 24);
    const kind = optionalMagic === PE32_PLUS_MAGIC ? "PE32+" : `PE (optional header 0x${optionalMagic.toString(16)})`;
    return `${kind} ${machine === PE_AMD64 ? "x86-64" : `machine 0x${machine.toString(16)}`}`;
  }
  return `not an executable (starts with ${bytes.subarray(0, 4).toString("hex")})`;
}
