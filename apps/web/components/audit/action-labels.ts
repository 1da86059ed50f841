/**
 * The audit actions the API writes (audit README: identity, API keys, payments and the studio events it
 * records), each with its message key under `Audit.actions`. Keys are camelCase because next-intl reads
 * a dot in a key as nesting. An action not listed (a newer API, another module) shows as its code.
 */
export const AUDIT_ACTION_KEYS: Readonly<Record<string, string>> = {
  'auth.sign_in.succeeded': 'signInSucceeded',
  'auth.sign_in.failed': 'signInFailed',
  'auth.sign_in.second_factor_required': 'signInSecondFactor',
  'platform.user.banned': 'userBanned',
  'platform.user.unbanned': 'userUnbanned',
  'identity.account.deleted': 'accountDeleted',
  'api_key.created': 'apiKeyCreated',
  'api_key.revoked': 'apiKeyRevoked',
  'api_key.used': 'apiKeyUsed',
  'payments.payment.refunded': 'paymentRefunded',
  'payments.payment.marked_paid': 'paymentMarkedPaid',
  'payments.payment.slip_rejected': 'slipRejected',
  'payments.plan.instalment_charged': 'instalmentCharged',
  'payments.plan.cancelled': 'planCancelled',
  'payments.settings.updated': 'paymentSettingsUpdated',
  'payments.wallet.adjusted': 'walletAdjusted',
  'payments.billing.manual_plan_set': 'manualPlanSet',
  'payments.billing.invoice_raised': 'invoiceRaised',
  'payments.billing.invoice_marked_paid': 'invoiceMarkedPaid',
  'payments.billing.invoice_voided': 'invoiceVoided',
  'studios.member.added': 'memberAdded',
  'studios.member.removed': 'memberRemoved',
  'studios.member.role_changed': 'memberRoleChanged',
  'studios.invitation.created': 'invitationCreated',
  'studios.invitation.revoked': 'invitationRevoked',
  'studios.client.updated': 'clientUpdated',
};

/** The message key (under `Audit.actions`) of an action code, or null to show the code itself. */
export function auditActionKey(action: string): string | null {
  return Object.hasOwn(AUDIT_ACTION_KEYS, action) ? (AUDIT_ACTION_KEYS[action] ?? null) : null;
}
