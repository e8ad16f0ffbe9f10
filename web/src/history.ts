// Live blocks and the market's and registry's events of recent blocks.
//
// The chain keeps a request's current state (and an ended one's outcome for
// a day) but not its history, nor a prover's past rewards and slashes: those
// are events. This index reads the events of the last `lookback` blocks when
// the page opens, then of every new block, and answers "what happened to
// request 7" and "what did Bob earn lately" from them. Older history of a
// request is read on demand (`scan`).

import { AnyCodec, Chain, eventFields } from './chain';

/** A block as the market page lists it. */
export interface BlockView {
  number: number;
  hash: string;
  /** Its timestamp, ms since the epoch. */
  time: number;
  extrinsics: number;
  events: number;
  /** Events of the market and the prover registry. */
  market: number;
}

/** An event of the `market` or `provers` pallet. */
export interface Entry {
  block: number;
  time: number;
  section: string;
  method: string;
  fields: Record<string, AnyCodec>;
}

const PALLETS = new Set(['market', 'provers', 'verifier']);
const ACCOUNT_FIELDS = ['prover', 'racer', 'bidder', 'winner', 'aggregator', 'delegator', 'staker', 'requester'];

export class History {
  readonly blocks = new Map<number, BlockView>();
  private readonly entriesByBlock = new Map<number, Entry[]>();
  /** The first block indexed: events from here to `best` are known. */
  from = 0;
  best = 0;
  finalized = 0;
  private next = 0;
  private busy: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private unsubscribes: (() => void)[] = [];

  constructor(
    private readonly chain: Chain,
    readonly lookback: number,
  ) {}

  /** Indexes the last `lookback` blocks and follows new ones (best and finalized heads). */
  async start(): Promise<void> {
    const { api } = this.chain;
    const header = await api.rpc.chain.getHeader();
    this.best = header.number.toNumber();
    this.next = this.best + 1;
    await this.scan(Math.max(1, this.best - this.lookback + 1), this.best);
    this.unsubscribes.push(
      await api.rpc.chain.subscribeNewHeads((head) => {
        const number = head.number.toNumber();
        this.busy = this.busy.then(() => this.follow(number)).catch((error) => console.error('indexing blocks', error));
      }),
      await api.rpc.chain.subscribeFinalizedHeads((head) => {
        this.finalized = head.number.toNumber();
        this.notify();
      }),
    );
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
  }

  /** Calls `fn` after each new block is indexed. */
  onUpdate(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private notify(): void {
    for (const fn of this.listeners) {
      try {
        fn();
      } catch (error) {
        console.error(error);
      }
    }
  }

  private async follow(best: number): Promise<void> {
    if (best < this.next) return;
    await this.scan(this.next, best);
    this.next = best + 1;
    this.best = Math.max(this.best, best);
    this.notify();
  }

  /**
   * Indexes blocks `from..=to` not indexed yet, newest first, a few at a
   * time. A node keeps the state (and so the events) of its last 256 blocks
   * only, unless it is an archive node (`--state-pruning archive`): the scan
   * stops at the first block whose state is gone, and `from` says where the
   * index starts.
   */
  async scan(from: number, to: number): Promise<void> {
    const missing: number[] = [];
    for (let n = to; n >= Math.max(1, from); n -= 1) if (!this.blocks.has(n)) missing.push(n);
    for (let i = 0; i < missing.length; i += 12) {
      const chunk = missing.slice(i, i + 12);
      const results = await Promise.allSettled(chunk.map((n) => this.index(n)));
      const lost = chunk.filter((_, j) => results[j].status === 'rejected');
      if (lost.length) {
        this.from = Math.max(this.from, Math.max(...lost) + 1);
        return;
      }
    }
    if (missing.length) this.from = Math.min(this.from || Number.MAX_SAFE_INTEGER, Math.max(1, from));
  }

  private async index(number: number): Promise<void> {
    const { api } = this.chain;
    const hash = (await api.rpc.chain.getBlockHash(number)).toHex();
    const [records, now] = await Promise.all([api.query.system.events.at(hash), api.query.timestamp.now.at(hash)]);
    const time = Number(now.toString());
    const extrinsics = new Set<number>();
    const entries: Entry[] = [];
    for (const { phase, event } of records as AnyCodec[]) {
      if (phase.isApplyExtrinsic) extrinsics.add(phase.asApplyExtrinsic.toNumber());
      if (PALLETS.has(event.section)) {
        entries.push({ block: number, time, section: event.section, method: event.method, fields: eventFields(event) });
      }
    }
    this.blocks.set(number, { number, hash, time, extrinsics: extrinsics.size, events: records.length, market: entries.length });
    this.entriesByBlock.set(number, entries);
  }

  /** Every indexed entry, oldest first. */
  entries(): Entry[] {
    return [...this.entriesByBlock.keys()].sort((a, b) => a - b).flatMap((n) => this.entriesByBlock.get(n) ?? []);
  }

  /** The events about request `id`, oldest first. */
  forRequest(id: bigint): Entry[] {
    return this.entries().filter((e) => {
      const { request, requests } = e.fields;
      if (request !== undefined && request.toBigInt?.() === id) return true;
      return requests !== undefined && [...requests].some((r: AnyCodec) => r.toBigInt() === id);
    });
  }

  /** The events naming `address` as prover, racer, bidder, delegator ..., oldest first. */
  forAccount(address: string): Entry[] {
    return this.entries().filter(
      (e) =>
        ACCOUNT_FIELDS.some((f) => e.fields[f]?.toString() === address) ||
        (e.fields.paid && [...e.fields.paid].some((p: AnyCodec) => p[0].toString() === address)),
    );
  }

  /** The last `count` blocks, newest first. */
  latestBlocks(count: number): BlockView[] {
    const out: BlockView[] = [];
    for (let n = this.best; n >= 1 && out.length < count; n -= 1) {
      const block = this.blocks.get(n);
      if (block) out.push(block);
    }
    return out;
  }

  /** Blocks indexed, counting from the first. */
  span(): number {
    return Math.max(1, this.best - this.from + 1);
  }
}
