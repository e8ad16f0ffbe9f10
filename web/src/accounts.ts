// Who signs: accounts of the polkadot.js browser extension (through
// @polkadot/extension-dapp), or, on a development chain, the well-known dev
// accounts (//Alice, //Bob, ...). And how a transaction is sent: its fee
// estimate first, then its result, an error by name and documentation.

import { web3Accounts, web3Enable, web3FromAddress } from '@polkadot/extension-dapp';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { AnyCodec, Api, Chain, ChainError, describeError, errorText, eventFields, knownNames, prova } from './chain';
import { h, replace } from './dom';
import { fieldText } from './ui';

export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** An account that can sign: a dev keypair, or an extension's account. */
export interface Account {
  address: string;
  name: string;
  source: 'dev' | 'extension';
  pair?: KeyringPair;
}

let accounts: Account[] = [];
let selected: string | null = localStorage.getItem('prova.account');
const listeners = new Set<() => void>();

/** Calls `fn` whenever the selected account or the list changes. */
export function onAccountChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed(): void {
  for (const fn of listeners) fn();
}

/** Loads the dev accounts' keys (and their names, for every chain) in the chain's address format. */
export async function loadDevAccounts(chain: Chain): Promise<void> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: chain.api.registry.chainSS58 });
  const dev = DEV_NAMES.map((name) => {
    const pair = keyring.addFromUri(`//${name}`, { name });
    knownNames.set(pair.address, name);
    return { address: pair.address, name, source: 'dev' as const, pair };
  });
  accounts = chain.isDev ? dev : [];
  if (!chain.isDev && selected && !accounts.some((a) => a.address === selected)) selected = null;
  changed();
}

/** Asks the polkadot.js extension for its accounts and adds them. */
export async function connectExtension(chain: Chain): Promise<string> {
  const extensions = await web3Enable('Prova');
  if (extensions.length === 0) return 'No polkadot.js extension found (or access was refused).';
  const injected = await web3Accounts({ ss58Format: chain.api.registry.chainSS58 });
  const fresh = injected
    .filter((a) => !accounts.some((b) => b.address === a.address))
    .map((a) => ({ address: a.address, name: a.meta.name ?? 'extension', source: 'extension' as const }));
  accounts = [...fresh, ...accounts];
  changed();
  return `${injected.length} account(s) from ${extensions.map((e) => e.name).join(', ')}`;
}

export function allAccounts(): Account[] {
  return accounts;
}

/** The account transactions are signed with, if one is chosen. */
export function currentAccount(): Account | null {
  return accounts.find((a) => a.address === selected) ?? null;
}

export function selectAccount(address: string | null): void {
  selected = address;
  if (address) localStorage.setItem('prova.account', address);
  else localStorage.removeItem('prova.account');
  changed();
}

/** The header's account picker: extension accounts, dev accounts, and a button to ask the extension. */
export function renderAccountPicker(el: HTMLElement, chain: Chain): void {
  const draw = (): void => {
    const select = h(
      'select',
      {
        id: 'account',
        'aria-label': 'Account',
        onchange: (e: Event) => selectAccount((e.target as HTMLSelectElement).value || null),
      },
      h('option', { value: '' }, 'no account'),
      accounts.map((a) =>
        h('option', { value: a.address, selected: a.address === selected }, `${a.name}${a.source === 'dev' ? ' (dev)' : ''} ${a.address.slice(0, 6)}…`),
      ),
    );
    const note = h('span', { class: 'muted small' });
    const button = h(
      'button',
      {
        type: 'button',
        title: 'Use the accounts of the polkadot.js browser extension',
        onclick: async () => {
          note.textContent = '…';
          note.textContent = await connectExtension(chain).catch(errorText);
        },
      },
      'Extension',
    );
    replace(el, select, button, note);
  };
  onAccountChange(draw);
  draw();
}

/** A decoded event of a transaction's result. */
export interface EventView {
  section: string;
  method: string;
  fields: Record<string, AnyCodec>;
}

export interface TxResult {
  blockNumber: number;
  blockHash: string;
  events: EventView[];
  error: ChainError | null;
}

/** The fee `account` would pay for `tx`, from the node's `payment_queryInfo`. */
export async function estimateFee(tx: AnyCodec, account: Account): Promise<bigint> {
  const info = await tx.paymentInfo(account.address);
  return info.partialFee.toBigInt();
}

/** Signs and sends `tx` from `account`; resolves once it is in a block, with its events and error. */
export async function signAndSend(api: Api, tx: AnyCodec, account: Account, onStatus: (text: string) => void): Promise<TxResult> {
  const signer = account.pair ?? account.address;
  const options = account.source === 'extension' ? { signer: (await web3FromAddress(account.address)).signer } : {};
  return new Promise<TxResult>((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    let done = false;
    const timer = setTimeout(() => finish(() => reject(new Error('no block included the transaction within 90 s'))), 90_000);
    const finish = (then: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe?.();
      then();
    };
    tx.signAndSend(signer, options, (result: AnyCodec) => {
      const { status } = result;
      if (status.isReady || status.isBroadcast) onStatus('in the transaction pool…');
      if (status.isInBlock) {
        const blockHash = status.asInBlock.toHex();
        api.rpc.chain
          .getHeader(blockHash)
          .then((header) =>
            finish(() =>
              resolve({
                blockHash,
                blockNumber: header.number.toNumber(),
                events: result.events.map(({ event }: AnyCodec) => ({ section: event.section, method: event.method, fields: eventFields(event) })),
                error: result.dispatchError ? describeError(api, result.dispatchError) : null,
              }),
            ),
          )
          .catch((error: unknown) => finish(() => reject(error)));
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        finish(() => reject(new Error(`the transaction was ${status.type.toLowerCase()}`)));
      }
    })
      .then((unsub: () => void) => {
        unsubscribe = unsub;
        if (done) unsub();
      })
      .catch((error: unknown) => finish(() => reject(error)));
  });
}

/** The events worth showing after a transaction (fees and system bookkeeping left out). */
function shownEvents(result: TxResult): EventView[] {
  return result.events.filter((e) => !['system', 'transactionPayment', 'balances'].includes(e.section));
}

/**
 * A transaction's whole flow in a small panel: a button; then its fee
 * estimate and a confirmation; then its progress; then its result, events or
 * the chain's error by name and documentation.
 */
export function txFlow(
  chain: Chain,
  options: {
    label: string;
    /** Builds the call from the form; throws to refuse with a message. */
    build: () => AnyCodec;
    /** What the call does, shown beside the fee. */
    describe?: () => string;
    onResult?: (result: TxResult) => void;
    testid?: string;
    primary?: boolean;
  },
): HTMLElement {
  const box = h('div', { class: 'tx', dataset: { testid: options.testid ?? 'tx' } });
  const output = h('div', { class: 'tx-output' });
  const start = h(
    'button',
    {
      type: 'button',
      class: options.primary === false ? '' : 'primary',
      onclick: () => {
        void review();
      },
    },
    options.label,
  );
  box.append(start, output);

  const show = (...children: (Node | string)[]): void => replace(output, ...children);

  async function review(): Promise<void> {
    const account = currentAccount();
    if (!account) {
      show(h('div', { class: 'tx-result error', dataset: { testid: 'tx-result' } }, 'Choose an account first (top right).'));
      return;
    }
    let tx: AnyCodec;
    try {
      tx = options.build();
    } catch (error) {
      show(h('div', { class: 'tx-result error', dataset: { testid: 'tx-result' } }, errorText(error)));
      return;
    }
    show(h('span', { class: 'muted' }, 'estimating the fee…'));
    let fee: bigint;
    try {
      fee = await estimateFee(tx, account);
    } catch (error) {
      show(h('div', { class: 'tx-result error', dataset: { testid: 'tx-result' } }, `Cannot estimate the fee: ${errorText(error)}`));
      return;
    }
    const call = `${tx.method.section}.${tx.method.method}`;
    show(
      h(
        'div',
        { class: 'tx-confirm', dataset: { testid: 'tx-confirm' } },
        h('div', null, h('code', null, call), options.describe ? ` ${options.describe()}` : ''),
        h('div', null, 'From ', h('b', null, account.name), '. Estimated fee: ', h('b', { dataset: { testid: 'fee' } }, prova(fee)), '.'),
        h('button', { type: 'button', class: 'primary', dataset: { testid: 'confirm' }, onclick: () => void send(tx, account) }, 'Sign and submit'),
        ' ',
        h('button', { type: 'button', onclick: () => show() }, 'Cancel'),
      ),
    );
  }

  async function send(tx: AnyCodec, account: Account): Promise<void> {
    const progress = h('span', { class: 'muted' }, 'signing…');
    show(progress);
    start.disabled = true;
    try {
      const result = await signAndSend(chain.api, tx, account, (text) => (progress.textContent = text));
      show(renderResult(result));
      options.onResult?.(result);
    } catch (error) {
      show(h('div', { class: 'tx-result error', dataset: { testid: 'tx-result' } }, `Not included: ${errorText(error)}`));
    } finally {
      start.disabled = false;
    }
  }

  return box;
}

/** A transaction's result: the error by name and docs, or its events. */
export function renderResult(result: TxResult): HTMLElement {
  const where = h('a', { href: `#/market`, class: 'muted' }, `block #${result.blockNumber}`);
  if (result.error) {
    return h(
      'div',
      { class: 'tx-result error', dataset: { testid: 'tx-result', error: result.error.name } },
      h('div', null, 'Failed in ', where, ': ', h('b', { class: 'error-name' }, result.error.name)),
      result.error.docs ? h('div', { class: 'error-docs' }, result.error.docs) : null,
    );
  }
  return h(
    'div',
    { class: 'tx-result ok', dataset: { testid: 'tx-result' } },
    h('div', null, 'Included in ', where, '.'),
    h(
      'ul',
      { class: 'events' },
      shownEvents(result).map((e) =>
        h(
          'li',
          null,
          h('code', null, `${e.section}.${e.method}`),
          ' ',
          Object.entries(e.fields)
            .map(([k, v]) => `${k}: ${fieldText(k, v)}`)
            .join(', '),
        ),
      ),
    ),
  );
}
