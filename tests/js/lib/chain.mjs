// Helpers for talking to a Prova node with polkadot.js: connecting, signing
// and following extrinsics, reading balances and holds, waiting for events.
// Everything is typed by the node's metadata; no custom type definitions.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat } from '@polkadot/util';
import { cryptoWaitReady, encodeAddress } from '@polkadot/util-crypto';

/** 1 PROVA in plank (12 decimals). */
export const UNIT = 10n ** 12n;
export const MILLI_UNIT = UNIT / 1000n;

/** The node under test, from scripts/test-js.sh. */
export function nodeUrl() {
  const url = process.env.PROVA_WS_URL;
  if (!url) throw new Error('PROVA_WS_URL is not set: run scripts/test-js.sh, or set it to a dev node (ws://127.0.0.1:9944)');
  return url;
}

/** Connects to the node; fails rather than retrying forever when it is not there. */
export async function connect() {
  await cryptoWaitReady();
  const provider = new WsProvider(nodeUrl(), false);
  await provider.connect();
  await withTimeout(provider.isReadyOrError, 20_000, `connecting to ${nodeUrl()}`);
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

/** The well-known development accounts, with addresses in the chain's format. */
export function devAccounts(api) {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  return Object.fromEntries(names.map((name) => [name.toLowerCase(), keyring.addFromUri(`//${name}`, { name })]));
}

/** The account `PalletId(id).into_account_truncating()` derives: "modl" ‖ id, zero padded. */
export function palletAccount(api, id) {
  const bytes = u8aConcat(stringToU8a('modl'), stringToU8a(id), new Uint8Array(32));
  return encodeAddress(bytes.subarray(0, 32), api.registry.chainSS58);
}

export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `pallet.Error` (or `Token.FundsUnavailable`, ...) with its docs, from the metadata. */
export function describeError(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
    return { name: `${section}.${name}`, docs: docs.join(' ') };
  }
  const kind = dispatchError.type;
  const inner = dispatchError.value;
  const detail = inner && inner.type ? `.${inner.type}` : '';
  return { name: `${kind}${detail}`, docs: '' };
}

/**
 * Signs `tx` with `signer`, submits it and waits until it is in a block.
 * Returns the block, the extrinsic's own events, the fee it paid (from
 * `transactionPayment.TransactionFeePaid`) and its error, if it failed.
 */
export async function submit(api, signer, tx, { timeoutMs = 45_000 } = {}) {
  let unsubscribe = () => {};
  const included = new Promise((resolve, reject) => {
    tx.signAndSend(signer, (result) => {
      const { status } = result;
      if (status.isInBlock) {
        resolve(result);
      } else if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        reject(new Error(`${tx.method.section}.${tx.method.method} from ${signer.meta.name}: ${status.type}`));
      }
    }).then((unsub) => { unsubscribe = unsub; }, reject);
  });
  try {
    const result = await withTimeout(included, timeoutMs, `${tx.method.section}.${tx.method.method} from ${signer.meta.name}`);
    const blockHash = result.status.asInBlock.toHex();
    const header = await api.rpc.chain.getHeader(blockHash);
    const events = result.events.map(({ event }) => event);
    let fee = 0n;
    for (const event of events) {
      if (api.events.transactionPayment.TransactionFeePaid.is(event)) {
        const { who, actualFee, tip } = event.data;
        if (who.toString() !== signer.address) throw new Error(`fee paid by ${who}, not ${signer.address}`);
        fee += actualFee.toBigInt() + tip.toBigInt();
      }
    }
    return {
      blockHash,
      blockNumber: header.number.toNumber(),
      events,
      fee,
      error: result.dispatchError ? describeError(api, result.dispatchError) : null,
    };
  } finally {
    unsubscribe();
  }
}

/** The events of `result` that are `api.events[section][method]`, as their data. */
export function eventsOf(api, result, section, method) {
  return result.events.filter((event) => api.events[section][method].is(event)).map((event) => event.data);
}

/** Free, reserved, frozen and holds (by `Pallet.Reason`) of `address`, at `blockHash` or the best block. */
export async function balancesOf(api, address, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  const [account, holds] = await Promise.all([at.query.system.account(address), at.query.balances.holds(address)]);
  const byReason = {};
  for (const { id, amount } of holds) {
    byReason[`${id.type}.${id.value.type}`] = amount.toBigInt();
  }
  return {
    free: account.data.free.toBigInt(),
    reserved: account.data.reserved.toBigInt(),
    frozen: account.data.frozen.toBigInt(),
    holds: byReason,
  };
}

/**
 * Waits for the first event, in blocks from `fromBlock` on, for which
 * `predicate(event)` is true; gives up after `maxBlocks` blocks. Every block
 * number is visited once, even when new heads arrive faster than we read.
 */
export async function waitForEvent(api, { fromBlock, maxBlocks, predicate, what }) {
  let next = fromBlock;
  let unsubscribe = () => {};
  let busy = Promise.resolve();
  const found = new Promise((resolve, reject) => {
    const scanTo = async (best) => {
      while (next <= best) {
        if (next >= fromBlock + maxBlocks) {
          reject(new Error(`${what}: not in blocks ${fromBlock}..${fromBlock + maxBlocks - 1}`));
          return;
        }
        const blockHash = (await api.rpc.chain.getBlockHash(next)).toHex();
        const records = await api.query.system.events.at(blockHash);
        for (const { event } of records) {
          if (predicate(event)) {
            resolve({ event, blockHash, blockNumber: next });
            return;
          }
        }
        next += 1;
      }
    };
    api.rpc.chain
      .subscribeNewHeads((header) => {
        busy = busy.then(() => scanTo(header.number.toNumber())).catch(reject);
      })
      .then((unsub) => { unsubscribe = unsub; }, reject);
  });
  try {
    return await found;
  } finally {
    unsubscribe();
  }
}

/** The best block's number. */
export async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}
