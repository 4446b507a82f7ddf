/**
 * The owner (负责人) of a customer, as a manager picks one: the active colleagues who work with
 * customers (their scopes include customers.view_own or customers.view_all), or nobody — the
 * customer then waits in the pool (公海) until someone is assigned.
 */

import { CUSTOMER_OWNERS } from '../api/accounts.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { field } from './form.js';

const CUSTOMER_SCOPES = ['customers.view_own', 'customers.view_all'];

/** Colleagues a customer may be given to. The users query shows a manager every colleague. */
export async function loadOwners() {
  const { users } = await gql(CUSTOMER_OWNERS);
  return users.items.filter((user) => user.scopes.some((scope) => CUSTOMER_SCOPES.includes(scope)));
}

/** A select of `owners` with "nobody (pool)" first; `current` ({id, name}) is kept if missing. */
export function ownerField(owners, current = null, { name = 'ownerId', label = t('customer.owner') } = {}) {
  const options = [{ value: '', label: t('customer.owner_pool') }, ...owners.map((user) => ({ value: user.id, label: user.fullName || user.email }))];
  if (current && !owners.some((user) => user.id === current.id)) options.push({ value: current.id, label: current.name });
  return field({ name, label, value: current?.id || '', options });
}
