/** The command line was wrong (unknown command or flag, missing argument, unreadable file): exit code 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
