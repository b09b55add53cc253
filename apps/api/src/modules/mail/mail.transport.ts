import nodemailer, { type Transporter } from 'nodemailer';

const transports = new Map<string, Transporter>();

/** One pooled transport per SMTP URL for the life of the process. */
export function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    // A plain smtp:// URL to this machine (the development and test receivers) needs no TLS.
    const local = url.protocol === 'smtp:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
    transport = nodemailer.createTransport(local ? { host: url.hostname, port: Number(url.port), secure: false, ignoreTLS: true } : smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Closes every transport (tests and shutdown). */
export function closeTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
