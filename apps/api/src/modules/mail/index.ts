/**
 * Outgoing mail: a transactional outbox (mail_outbox) sent over SMTP by the mail:send job. Not a GraphQL
 * module: other modules queue their messages through this face.
 */
export { appLink, queueAccountMail, queueMail, sendQueuedMail, type MailMessage } from './mail.service';
export { closeTransports } from './mail.transport';
export { MailReceiver, type ReceivedMail } from './mail.receiver';
export { escapeHtml, mailHtml } from './mail.html';
