import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { CursorStore, ScheduleCursor } from './ports.js';

/** Cursors in one JSON file, replaced atomically (write, then rename) so a crash never leaves half a file. */
export class FileCursorStore implements CursorStore {
  constructor(private readonly file: string) {}

  load(): Record<string, ScheduleCursor> {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, ScheduleCursor>;
    } catch {
      return {};
    }
  }

  save(cursors: Record<string, ScheduleCursor>): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(cursors));
    renameSync(temporary, this.file);
  }
}
