/**
 * A temporary edit of one chapter's source that is always undone: the original bytes are saved to a backup
 * file before the edit, and put back (with the original modification time, so freshness checks by mtime
 * see the tree as it was) when the edit ends, on an error, on Ctrl-C or a kill signal, and, should the
 * process have been killed outright, by the next `editChapter` call before it edits anything.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface ChapterEdit {
  /** Puts the chapter back as it was; safe to call more than once. */
  restore(): void;
}

interface Backup {
  file: string;
  mtimeMs: number;
  atimeMs: number;
  bytes: string;
}

function backupPath(backupDir: string, file: string): string {
  return join(backupDir, `${basename(file)}.bench-backup.json`);
}

/** Puts back a chapter that a killed run left edited; returns whether there was one. */
export function recoverChapter(backupDir: string, file: string): boolean {
  const path = backupPath(backupDir, file);
  if (!existsSync(path)) return false;
  const backup = JSON.parse(readFileSync(path, "utf8")) as Backup;
  if (backup.file !== file) throw new Error(`${path} is the backup of ${backup.file}, not of ${file}`);
  writeFileSync(file, Buffer.from(backup.bytes, "base64"));
  utimesSync(file, backup.atimeMs / 1000, backup.mtimeMs / 1000);
  rmSync(path);
  return true;
}

/** Appends `text` to `file` until `restore()` (or an exit, error or signal) undoes it. */
export function editChapter(file: string, text: string, backupDir: string): ChapterEdit {
  recoverChapter(backupDir, file);
  const stats = statSync(file);
  const bytes = readFileSync(file);
  const backup: Backup = {
    file,
    mtimeMs: stats.mtimeMs,
    atimeMs: stats.atimeMs,
    bytes: bytes.toString("base64"),
  };
  mkdirSync(dirname(backupPath(backupDir, file)), { recursive: true });
  writeFileSync(backupPath(backupDir, file), JSON.stringify(backup));

  let restored = false;
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.kill(process.pid, signal);
  };
  const restore = () => {
    if (restored) return;
    restored = true;
    recoverChapter(backupDir, file);
    process.off("exit", restore);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("SIGHUP", onSignal);
  };
  process.on("exit", restore);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("SIGHUP", onSignal);
  writeFileSync(file, Buffer.concat([bytes, Buffer.from(text)]));
  return { restore };
}
