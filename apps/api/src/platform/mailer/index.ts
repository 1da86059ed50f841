export {
  createMailer,
  getMail,
  type ListMailOptions,
  listMail,
  type Mailer,
  type MailerDeps,
  type MailMessage,
  type MailSummary,
  type OutgoingMail,
} from './mailer.js';
export { formatMoney } from './money.js';
export { MAIL_QUEUE, queueMail, startMailWorker } from './outbox.js';
export {
  type Brand,
  type Locale,
  type MailDocument,
  type MailTemplate,
  type RenderedMail,
  renderMail,
  type TemplateVars,
  type TestMessageVars,
  testMessage,
  type WelcomeVars,
  welcome,
} from './templates.js';
