const colors = [36, 35, 33, 32, 34, 91, 96];
const assigned = new Map<string, number>();

/** A line logger with a coloured, fixed-width prefix per service, like docker compose. */
export function logger(service: string) {
  const color = assigned.get(service) ?? colors[assigned.size % colors.length];
  assigned.set(service, color);
  const prefix = process.stdout.isTTY ? `\x1b[${color}m${service.padEnd(9)}|\x1b[0m` : `${service.padEnd(9)}|`;
  const write = (text: string) => {
    for (const line of text.split("\n")) if (line.trim()) process.stdout.write(`${prefix} ${line.trimEnd()}\n`);
  };
  return { info: write, error: write };
}

export type Logger = ReturnType<typeof logger>;
