/** Structured JSON logging: one line per event, keys first-class for CloudWatch Logs Insights. */
type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const threshold = ORDER[(process.env.LOG_LEVEL?.toLowerCase() ?? 'info') as Level] ?? ORDER.info;
const service = process.env.SERVICE_NAME ?? 'serverless-scheduler';

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  /** A logger that adds `fields` (request id, tenant, job id, ...) to every line. */
  with(fields: Fields): Logger;
}

function make(context: Fields, write: (line: string, level: Level) => void): Logger {
  const log =
    (level: Level) =>
    (message: string, fields: Fields = {}) => {
      if (ORDER[level] < threshold) return;
      write(
        JSON.stringify({
          level,
          message,
          timestamp: new Date().toISOString(),
          service,
          ...context,
          ...fields,
        }),
        level,
      );
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    with: (fields) => make({ ...context, ...fields }, write),
  };
}

/** The process logger. Payload bodies and secrets are never passed to it. */
export const logger: Logger = make({}, (line, level) => {
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
});
