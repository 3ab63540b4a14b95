import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string;
  mail: ParsedMail;
}

/**
 * A real SMTP server for tests (the `smtp-server` package) on a free port: it records what arrives,
 * parsed with mailparser. `refuse` decides per recipient: a 5xx refuses the address, a 4xx defers.
 */
export async function startSmtp(): Promise<{
  url: string;
  received: Received[];
  refuse: (to: string) => { code: number; message: string } | null;
  setRefuse(fn: (to: string) => { code: number; message: string } | null): void;
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  let refuse: (to: string) => { code: number; message: string } | null = () => null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const r = refuse(address.address);
      if (r) return callback(Object.assign(new Error(r.message), { responseCode: r.code }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, mail });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refuse() {
      return refuse;
    },
    setRefuse(fn) {
      refuse = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
