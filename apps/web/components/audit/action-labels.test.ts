import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_KEYS, auditActionKey } from './action-labels';

const messages = (locale: string) =>
  JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8')) as {
    Audit: { actions: Record<string, string> };
  };

describe('audit action labels', () => {
  it('names the actions the API writes', () => {
    expect(auditActionKey('studios.member.added')).toBe('memberAdded');
    expect(auditActionKey('payments.payment.slip_rejected')).toBe('slipRejected');
    expect(auditActionKey('auth.sign_in.failed')).toBe('signInFailed');
  });

  it('leaves an unknown action to be shown as its code', () => {
    expect(auditActionKey('catalog.item.updated')).toBeNull();
    expect(auditActionKey('studios.member')).toBeNull();
    // Not a property every object has.
    expect(auditActionKey('toString')).toBeNull();
  });

  it.each(['en', 'th'])('has a %s label for every action', (locale) => {
    const labels = messages(locale).Audit.actions;
    for (const key of Object.values(AUDIT_ACTION_KEYS)) expect(labels[key], key).toBeTruthy();
    expect(Object.keys(labels).sort()).toEqual(Object.values(AUDIT_ACTION_KEYS).sort());
  });
});
