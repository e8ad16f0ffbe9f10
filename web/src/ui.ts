// Small pieces the pages share: links to accounts, provers and requests,
// status badges, an event's fields as text.

import { AnyCodec, big, knownNames, prova, who } from './chain';
import { h } from './dom';
import type { Entry } from './history';
import type { CircuitView, RequestView } from './store';

/** An account shown by name, with its full address on hover; linked to its delegator page. */
export function account(address: string | undefined): HTMLElement | string {
  if (!address) return '—';
  return h('a', { href: `#/staking/${address}`, title: address, class: 'account' }, who(address));
}

/** A prover, linked to its page. */
export function proverLink(address: string | undefined): HTMLElement | string {
  if (!address) return '—';
  return h('a', { href: `#/prover/${address}`, title: address, class: 'account' }, who(address));
}

export function requestLink(id: bigint): HTMLElement {
  return h('a', { href: `#/requests/${id}`, dataset: { testid: `request-link-${id}` } }, `#${id}`);
}

const STATUS_CLASS: Record<string, string> = {
  Fulfilled: 'good',
  Expired: 'bad',
  Cancelled: 'muted',
  Queued: 'wait',
  Offered: 'wait',
  Locked: 'busy',
  Claimed: 'busy',
  Bidding: 'wait',
  Dutch: 'wait',
  Racing: 'busy',
  Active: 'good',
  Chilled: 'wait',
  ForceChilled: 'bad',
  Leaving: 'muted',
};

export function badge(status: string): HTMLElement {
  return h('span', { class: `status ${STATUS_CLASS[status] ?? ''}`, dataset: { status } }, status);
}

/** A mechanism's name as requesters know it. */
export function mechanismName(kind: string): string {
  return ({ Election: 'election', SealedBid: 'sealed-bid auction', Dutch: 'Dutch auction', Book: 'order book', Race: 'race' } as Record<string, string>)[kind] ?? kind;
}

/** The circuit's name, linked to nothing (its id on hover). */
export function circuitLabel(circuits: Map<string, CircuitView>, id: string): HTMLElement {
  const circuit = circuits.get(id);
  return h('span', { title: id, class: 'circuit' }, circuit ? circuit.name : `${id.slice(0, 10)}…`);
}

/** What a request costs or cost: the price once locked, else its maximum fee. */
export function requestPrice(r: RequestView): string {
  return r.price !== undefined ? prova(r.price) : `≤ ${prova(r.maxFee)}`;
}

/** One field of an event as text: accounts by name, balances in PROVA, the rest readable. */
export function fieldText(name: string, value: AnyCodec): string {
  const raw: string = value?.toRawType?.() ?? '';
  if (raw === 'AccountId32' || raw === 'AccountId') {
    const address = value.toString();
    return knownNames.get(address) ?? `${address.slice(0, 8)}…`;
  }
  if (raw === 'u128' && /fee|price|amount|bond|collateral|compensated|slashed|refunded|forfeited|deposit|paid|fees|to_?prover|to_?delegators/i.test(name)) {
    return prova(big(value));
  }
  if (raw === 'Option<u128>' || /^Option<.*Balance/.test(raw)) return value.isSome ? fieldText(name, value.unwrap()) : 'none';
  if (/^Vec<\(AccountId32, ?u128\)>$/.test(raw)) {
    return [...value].map((pair: AnyCodec) => `${fieldText('account', pair[0])} ${prova(big(pair[1]))}`).join(', ') || 'nobody';
  }
  if (raw === 'Perbill') return `${(Number(big(value)) / 1e7).toFixed(2)}%`;
  return humanText(value?.toHuman?.());
}

/** A decoded value's human form as compact text: `mechanism: Election, latency: none`. */
function humanText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return knownNames.get(value) ?? value;
  if (Array.isArray(value)) return `[${value.map(humanText).join(', ')}]`;
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (v === null && Object.keys(value as object).length === 1 ? k : `${k}: ${humanText(v)}`))
      .join(', ');
  }
  return String(value);
}

/** An event's fields as `name: value` text, leaving out `skip`. */
export function entryText(entry: Entry, skip: string[] = []): string {
  return Object.entries(entry.fields)
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k}: ${fieldText(k, v)}`)
    .join(', ');
}

/** `n blocks (≈ t)` */
export function blocksText(blocks: number, blockMs: number): string {
  const seconds = (blocks * blockMs) / 1000;
  return `${blocks} block${blocks === 1 ? '' : 's'} (${seconds < 120 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`})`;
}
