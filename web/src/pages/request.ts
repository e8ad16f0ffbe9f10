// A request's page: what it asked for, where it stands, and its whole
// history from the chain's events (offers, locks, declines, failed attempts
// and their forfeits and slashes, the settlement and its output).

import { AnyCodec, big, percent, prova } from '../chain';
import { facts, h, panel, replace, table } from '../dom';
import type { Entry } from '../history';
import type { Ctx } from '../main';
import { CircuitView, loadCircuits, loadRequest, RequestView } from '../store';
import { account, badge, blocksText, circuitLabel, entryText, mechanismName, proverLink } from '../ui';

/** How far back a request's history is read when it predates the index. */
const MAX_SCAN = 3_000;

export async function requestPage(ctx: Ctx): Promise<void> {
  const { chain, history, main } = ctx;
  let id: bigint;
  try {
    id = BigInt(ctx.args[0] ?? '');
  } catch {
    replace(main, panel('Request', h('p', null, 'No such request number.')));
    return;
  }
  const summary = h('div');
  const timeline = h('div');
  replace(main, panel(h('span', null, `Request #${id} `, h('span', { class: 'muted small' }, 'live')), summary), panel('History', timeline));
  const circuits = await loadCircuits(chain.api);
  let scanned = false;

  const refresh = async (): Promise<void> => {
    const request = await loadRequest(chain.api, id);
    if (!ctx.active()) return;
    if (request && !scanned && request.submittedAt < history.from) {
      // Older than the index: read back to its submission, as far as the node still has the state.
      scanned = true;
      replace(timeline, h('p', { class: 'muted' }, `Reading the events since block ${request.submittedAt}…`));
      // (Beyond the last 256 blocks only when `?history=` says the node is an archive node.)
      const floor = history.lookback > 256 ? history.from - MAX_SCAN : history.best - 250;
      await history.scan(Math.max(request.submittedAt, floor), history.from - 1);
    }
    const partial = request && request.submittedAt < history.from;
    if (!request) {
      replace(summary, h('p', { dataset: { testid: 'request-missing' } }, `Request #${id} is not stored: unknown, or removed a day after it ended.`));
    } else {
      replace(summary, describe(ctx, request, circuits));
    }
    drawTimeline(timeline, history.forRequest(id));
    if (partial) {
      timeline.append(h('p', { class: 'muted small' }, `The node no longer has the state of blocks before #${history.from} (it keeps its last 256 unless it is an archive node), so the history shown starts there.`));
    }
  };
  await refresh();
  ctx.live(refresh);
}

function describe(ctx: Ctx, r: RequestView, circuits: Map<string, CircuitView>): HTMLElement {
  const { chain, history } = ctx;
  const s = r.statusFields;
  const num = (v: AnyCodec) => (v === undefined ? undefined : Number(v.toString()));
  const raw = r.raw;
  const reqs = raw.requirements;
  const mechanism = raw.terms.mechanism;
  const latency = raw.terms.latency;
  const circuit = circuits.get(r.circuit);
  const where: [string, ReturnType<typeof h> | string | undefined][] = [];
  switch (r.status) {
    case 'Queued':
      where.push(['Queued since', `block #${num(s.since)}`]);
      break;
    case 'Offered':
      where.push(['Offered to', proverLink(r.prover)], ['At', prova(r.price)], ['Lock by', `block #${num(s.lockBy)}`], ['Among', `${num(s.candidates)} eligible prover(s)`]);
      break;
    case 'Locked':
      where.push(['Locked by', proverLink(r.prover)], ['At', prova(r.price)], ['Collateral', prova(s.collateral)], ['Locked in', `block #${num(s.lockedAt)}`], ['Proof due before', `block #${num(s.deadline)} (${Math.max(0, num(s.deadline)! - history.best)} blocks left)`]);
      break;
    case 'Claimed':
      where.push(['Claimed by', proverLink(r.prover)], ['At', prova(r.price)], ['Due', `block #${num(s.due)}${s.fallback.isTrue ? ' (fallback: the prover submits it)' : ' (an aggregator batches it)'}`]);
      break;
    case 'Fulfilled':
      where.push(['Proved by', proverLink(r.prover)], ['Paid', prova(r.price)], ['Settled in', `block #${r.endedAt}`], ['Latency', blocksText(r.endedAt! - r.submittedAt, chain.blockMs)]);
      break;
    case 'Expired':
    case 'Cancelled':
      where.push([`${r.status} in`, `block #${r.endedAt}`]);
      break;
    case 'Bidding':
      where.push(['Bids until', `block #${num(s.bidsUntil)}`], ['Reveals until', `block #${num(s.revealUntil)}`], ['Bids', String(num(s.bids))]);
      break;
    case 'Dutch':
      where.push(['Ramp since', `block #${num(s.since)}`], ['Closes', `block #${num(s.closes)}`]);
      break;
    case 'Racing':
      where.push(['Racers joined', String(num(s.joined))], ['Join until', `block #${num(s.joinUntil)}`], ['Settles at', `block #${num(s.settlesAt)}`]);
      break;
  }
  const mechanismText = (() => {
    const kind = mechanism.type as string;
    const v = mechanism.value;
    if (kind === 'SealedBid') return `${mechanismName(kind)}: ${v.bidBlocks} bid + ${v.revealBlocks} reveal blocks, then ${v.fallback.type.toLowerCase()}`;
    if (kind === 'Dutch') return `${mechanismName(kind)}: from ${prova(v.floor)} per unit over ${v.rampBlocks} blocks`;
    if (kind === 'Race') return `${mechanismName(kind)}: ${v.racers} racers${v.open.isTrue ? ', open' : ''}`;
    if (kind === 'Book') return `${mechanismName(kind)}, else ${v.fallback.type.toLowerCase()}`;
    return mechanismName(kind);
  })();
  return h(
    'div',
    { class: 'grid-2' },
    facts([
      ['Status', h('span', { dataset: { testid: 'request-status' } }, badge(r.status))],
      ...where,
      [
        'Output',
        r.output
          ? h('code', { class: 'output', dataset: { testid: 'request-output' } }, r.output.join(', '))
          : r.status === 'Fulfilled' ? '—' : h('span', { class: 'muted' }, 'once proved'),
      ],
    ]),
    facts([
      ['Circuit', h('span', null, circuitLabel(circuits, r.circuit), circuit ? ` (${circuit.workUnits} work unit${circuit.workUnits === 1n ? '' : 's'})` : '')],
      ['Requester', account(r.requester)],
      ['Submitted in', `block #${r.submittedAt}`],
      ['Max fee', prova(r.maxFee)],
      ['Deposit', prova(r.deposit)],
      ['Deadline', `${blocksText(r.deadlineBlocks, chain.blockMs)} from the lock`],
      ['Mechanism', mechanismText],
      ['Latency guarantee', latency.isSome ? `${latency.unwrap().targetBlocks} blocks, floor ${percent(latency.unwrap().floor)}` : undefined],
      ['Settlement', r.settlement === 'Aggregated' ? 'aggregated (batched by an aggregator)' : 'direct (its proof verified on chain)'],
      [
        'Requirements',
        `${reqs.hardware.cpuCores} cores, ${reqs.hardware.memoryGib} GiB, GPU ${reqs.hardware.gpu.type}; backing ≥ ${prova(reqs.minStake)}; reputation ≥ ${percent(reqs.minReputation)}`,
      ],
      ['Input', r.inputBytes ? `${r.inputBytes / 8} field elements` : h('span', { class: 'muted' }, 'cleared once ended')],
      ['Failed attempts', r.failed.length ? h('span', null, r.failed.map((p, i) => [i ? ', ' : '', proverLink(p)])) : undefined],
      ['Declined by', r.declined.length ? h('span', null, r.declined.map((p, i) => [i ? ', ' : '', proverLink(p)])) : undefined],
      ['Compensated', r.compensated > 0n ? prova(big(r.compensated)) : undefined],
    ]),
  );
}

const EXPLAIN: Record<string, string> = {
  RequestSubmitted: 'submitted; fee and deposit held',
  RequestRouted: 'the router chose its mechanism',
  RequestOffered: 'offered to an elected prover',
  RequestLocked: 'locked: collateral held, deadline running',
  OfferDeclined: 'the offered prover did not take it',
  RequestFulfilled: 'a valid proof arrived: prover paid, the rest refunded',
  ProofRejected: 'an invalid proof: collateral forfeited, backing slashed',
  DeadlineMissed: 'the deadline passed: collateral forfeited',
  RequestExpired: 'given up; fee refunded',
  RequestCancelled: 'cancelled by its requester',
  ProofClaimed: 'the proof was claimed for an aggregator',
  ClaimFellBack: 'no batch took the claim: the prover submits it itself',
  BatchSettled: 'settled in an aggregator’s batch',
  BidCommitted: 'a sealed bid',
  BidRevealed: 'a bid revealed',
  AuctionSettled: 'the auction ended',
  RaceOpened: 'a proof race opened',
  RaceJoined: 'a racer joined',
  RaceSettled: 'the race settled',
  AskMatched: 'matched with a standing ask',
};

function drawTimeline(el: HTMLElement, entries: Entry[]): void {
  replace(
    el,
    table(
      [
        { title: 'Block', cell: (e) => `#${e.block}` },
        { title: 'Time', cell: (e) => new Date(e.time).toLocaleTimeString() },
        { title: 'Event', cell: (e) => h('span', null, h('code', null, `${e.section}.${e.method}`), h('div', { class: 'muted small' }, EXPLAIN[e.method] ?? '')) },
        { title: 'Details', cell: (e) => entryText(e, ['request']) },
      ],
      entries,
      {},
      { empty: 'No events of this request in the blocks read.', testid: 'timeline', rowAttrs: (e) => ({ dataset: { event: `${e.section}.${e.method}` } }) },
    ),
  );
}
