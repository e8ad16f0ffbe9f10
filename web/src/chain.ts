// The connection to a Prova node and what every page needs from it: amounts
// in PROVA, account names, chain errors by name and documentation.
// Everything is typed by the node's metadata: no custom type definitions.

import { ApiPromise, WsProvider } from '@polkadot/api';

/** The API, decorated from the node's metadata (pallets and runtime APIs are not in polkadot.js' static typings). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Api = ApiPromise & { query: any; tx: any; call: any; consts: any; events: any };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCodec = any;

export const DEFAULT_RPC = 'ws://127.0.0.1:9944';

/** The node URL: `?rpc=` in the address, else the last one used, else the local dev node. */
export function rpcUrl(): string {
  const fromQuery = new URLSearchParams(location.search).get('rpc');
  if (fromQuery) return fromQuery;
  return localStorage.getItem('prova.rpc') ?? DEFAULT_RPC;
}

/** What pages know about the chain once connected. */
export interface Chain {
  api: Api;
  url: string;
  decimals: number;
  symbol: string;
  /** Whether the node runs a development chain (dev accounts are offered). */
  isDev: boolean;
  /** Target block time in ms. */
  blockMs: number;
  /** Blocks of a year at the target block time. */
  blocksPerYear: number;
}

/** Connects to `url`; rejects after `timeoutMs` instead of retrying forever. */
export async function connect(url: string, timeoutMs = 15_000): Promise<Chain> {
  const provider = new WsProvider(url, 2_000);
  const api = await withTimeout(
    ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true }),
    timeoutMs,
    `no node answered on ${url}`,
  ).catch((error) => {
    provider.disconnect().catch(() => {});
    throw error;
  });
  const [chainType] = await Promise.all([api.rpc.system.chainType()]);
  const blockMs = Number((api.consts as AnyCodec).aura?.slotDuration?.toString() ?? 3000);
  localStorage.setItem('prova.rpc', url);
  return {
    api: api as Api,
    url,
    decimals: api.registry.chainDecimals[0] ?? 12,
    symbol: api.registry.chainTokens[0] ?? 'PROVA',
    isDev: chainType.isDevelopment || chainType.isLocal,
    blockMs,
    blocksPerYear: Math.round((365.25 * 24 * 3600 * 1000) / blockMs),
  };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A codec, number, string or bigint as a bigint. */
export function big(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (value && typeof (value as AnyCodec).toBigInt === 'function') return (value as AnyCodec).toBigInt();
  if (value && typeof (value as AnyCodec).toString === 'function') {
    const text = (value as AnyCodec).toString().replace(/,/g, '');
    return BigInt(text.startsWith('0x') ? text : text || '0');
  }
  return 0n;
}

let decimals = 12;
let symbol = 'PROVA';

/** Sets the token's decimals and symbol for `prova` and `parseAmount`. */
export function setToken(chain: Chain): void {
  decimals = chain.decimals;
  symbol = chain.symbol;
}

/**
 * An amount in planks as `1,234.5 PROVA`: up to 4 decimals, more for small
 * amounts so they do not read as zero (up to all 12).
 */
export function prova(planks: unknown, { unit = true }: { unit?: boolean } = {}): string {
  const value = big(planks);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const one = 10n ** BigInt(decimals);
  const whole = abs / one;
  const fraction = (abs % one).toString().padStart(decimals, '0');
  let shown = 4;
  if (whole === 0n && abs !== 0n) {
    const firstDigit = fraction.search(/[1-9]/);
    shown = Math.min(decimals, Math.max(4, firstDigit + 3));
  }
  const digits = fraction.slice(0, shown).replace(/0+$/, '');
  const text = `${negative ? '-' : ''}${whole.toLocaleString('en-US')}${digits ? `.${digits}` : ''}`;
  return unit ? `${text} ${symbol}` : text;
}

/** `"12.5"` (PROVA) as planks; throws on anything but a non-negative decimal. */
export function parseAmount(text: string): bigint {
  const clean = text.trim().replace(/,/g, '').replace(new RegExp(`\\s*${symbol}$`, 'i'), '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(clean);
  if (!match || clean === '' || clean === '.') throw new Error(`"${text}" is not an amount of ${symbol}`);
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > decimals) throw new Error(`${symbol} has ${decimals} decimals at most`);
  return BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** A Perbill (parts per billion) as a percentage. */
export function percent(parts: unknown, digits = 1): string {
  return `${(Number(big(parts)) / 1e7).toFixed(digits)}%`;
}

/** The well-known development accounts' names, by address (filled in by accounts.ts). */
export const knownNames = new Map<string, string>();

/** An account as its dev name (Bob) or a shortened address. */
export function who(address: unknown): string {
  const text = String(address);
  return knownNames.get(text) ?? `${text.slice(0, 6)}…${text.slice(-4)}`;
}

/** A circuit's short name, as `prova-prover circuits list` names it: family-degree (poseidon_chain-12). */
export function circuitName(descriptor: string, degreeBits?: number): string {
  const family = descriptor.split('/')[0] || 'circuit';
  return degreeBits === undefined ? family : `${family}-${degreeBits}`;
}

/** Blocks as a duration at the chain's block time (`~2 min`). */
export function blocksToTime(blocks: number, blockMs: number): string {
  const seconds = (blocks * blockMs) / 1000;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  const trim = (x: number) => x.toFixed(1).replace(/\.0$/, '');
  if (seconds < 2 * 86400) return `${trim(seconds / 3600)} h`;
  return `${trim(seconds / 86400)} days`;
}

// Documentation of the dispatch errors outside pallets: the runtime's
// metadata carries their names but not their docs (sp_runtime's, abridged).
const SYSTEM_ERROR_DOCS: Record<string, string> = {
  Other: 'Some error occurred.',
  CannotLookup: 'Failed to lookup some data.',
  BadOrigin: 'A bad origin: the call needs another account or root.',
  ConsumerRemaining: 'At least one consumer is remaining so the account cannot be destroyed.',
  NoProviders: 'There are no providers so the account cannot be created.',
  TooManyConsumers: 'There are too many consumers so the account cannot be created.',
  Exhausted: 'Resources exhausted, e.g. attempt to read/write data which is too large to manipulate.',
  Corruption: 'The state is corrupt; this is generally not going to fix itself.',
  Unavailable: 'Some resource (e.g. a preimage) is unavailable right now.',
  RootNotAllowed: 'Root origin is not allowed.',
  Trie: 'An error with tries.',
  'Token.FundsUnavailable': 'Funds are unavailable: the account has too little free balance.',
  'Token.OnlyProvider': 'Some part of the balance gives the only provider reference to the account and thus cannot be (re)moved.',
  'Token.BelowMinimum': 'Account cannot exist with the funds that would be given.',
  'Token.CannotCreate': 'Account cannot be created.',
  'Token.UnknownAsset': 'The asset in question is unknown.',
  'Token.Frozen': 'Funds exist but are frozen.',
  'Token.Unsupported': 'Operation is not supported by the asset.',
  'Token.CannotCreateHold': 'Account cannot be created for recording amount on hold.',
  'Token.NotExpendable': 'Withdrawal would cause unwanted loss of account.',
  'Token.Blocked': 'Account cannot receive the assets.',
  'Arithmetic.Underflow': 'An underflow would occur.',
  'Arithmetic.Overflow': 'An overflow would occur.',
  'Arithmetic.DivisionByZero': 'Division by zero.',
  'Transactional.LimitReached': 'Too many transactional layers have been spawned.',
  'Transactional.NoLayer': 'A transactional layer was expected, but does not exist.',
};

/** A chain error by name and documentation: `market.FeeBelowCheapestAsk` and its docs. */
export interface ChainError {
  name: string;
  docs: string;
}

/** Names a `DispatchError` from the metadata (`api.registry.findMetaError`), never as a hex code. */
export function describeError(api: Api, dispatchError: AnyCodec): ChainError {
  if (dispatchError.isModule) {
    const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
    return { name: `${section}.${name}`, docs: docs.join(' ').trim() };
  }
  const kind: string = dispatchError.type;
  const inner = dispatchError.value;
  const name = inner && typeof inner.type === 'string' ? `${kind}.${inner.type}` : kind;
  const fromMetadata = variantDocs(api, kind, inner?.type);
  return { name, docs: fromMetadata || SYSTEM_ERROR_DOCS[name] || SYSTEM_ERROR_DOCS[kind] || '' };
}

/** The docs of a DispatchError variant (or of its inner error's), if the metadata carries them. */
function variantDocs(api: Api, kind: string, inner?: string): string {
  const lookup = api.registry.lookup;
  const find = (path: string) => lookup.types.find((t) => t.type.path.join('::') === path);
  const variants = (id: AnyCodec) => (id?.type.def.isVariant ? id.type.def.asVariant.variants : []);
  const outer = variants(find('sp_runtime::DispatchError')).find((v: AnyCodec) => v.name.toString() === kind);
  if (!outer) return '';
  if (inner && outer.fields.length === 1) {
    const innerType = lookup.getSiType(outer.fields[0].type);
    const variant = innerType.def.isVariant ? innerType.def.asVariant.variants.find((v) => v.name.toString() === inner) : undefined;
    return variant ? variant.docs.join(' ').trim() : '';
  }
  return outer.docs.join(' ').trim();
}

/** An event's fields by name (codecs). */
export function eventFields(event: AnyCodec): Record<string, AnyCodec> {
  const names: string[] = event.data.names ?? event.meta.fields.map((f: AnyCodec) => f.name.toString());
  return Object.fromEntries(names.map((name, i) => [name, event.data[i]]));
}

/** A thrown error as text; RPC and transaction-pool errors keep their message (`1010: Invalid Transaction: …`). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
