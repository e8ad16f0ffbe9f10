// Provers: every registered prover with its stake, terms, hardware,
// capacity in use, reputation and the inputs behind it, and an estimated
// annual return for a delegator from its recent rewards; sortable and
// filterable. A prover's page adds its services, unbonding stake, recent
// jobs, rewards and slashes.

import { AnyCodec, Chain, big, percent, prova, who } from '../chain';
import { Column, facts, h, panel, replace, table, TableState } from '../dom';
import type { Entry, History } from '../history';
import type { Ctx } from '../main';
import { CircuitView, loadCircuits, loadProvers, loadRequests, ProverView, RequestView } from '../store';
import { account, badge, blocksText, circuitLabel, entryText, proverLink, requestLink, requestPrice } from '../ui';

/** What a delegator's stake earned lately on a prover, annualized. */
export interface Earnings {
  /** Rewards paid to the prover in the blocks read. */
  rewards: bigint;
  jobs: number;
  /** Taken from its backing by slashes, and collateral it forfeited, in the blocks read. */
  slashed: bigint;
  forfeited: bigint;
  /** Jobs it failed (invalid proofs, missed deadlines) in the blocks read. */
  failures: number;
  /** The estimated annual return of stake delegated to it, as a fraction (0.05 = 5%); undefined without backing. */
  apr?: number;
}

/**
 * A delegator's share of a reward is `(1 − commission) × amount × stake /
 * backing`, so the return per unit of stake over the blocks read is
 * `Σ amount × (1 − commission) / backing`, annualized by the chain's blocks
 * per year. An estimate: it assumes the recent rate of jobs goes on and
 * ignores the dilution of one's own stake.
 */
export function earnings(prover: ProverView, history: History, chain: Chain): Earnings {
  const mine = history.forAccount(prover.address);
  const rewarded = mine.filter((e) => e.section === 'provers' && e.method === 'Rewarded');
  const rewards = rewarded.reduce((sum, e) => sum + big(e.fields.amount), 0n);
  const slashed = mine.filter((e) => e.method === 'Slashed').reduce((sum, e) => sum + big(e.fields.amount), 0n);
  const failed = mine.filter((e) => e.method === 'ProofRejected' || e.method === 'DeadlineMissed');
  const forfeited = failed.reduce((sum, e) => sum + big(e.fields.collateral), 0n);
  const base = { rewards, jobs: rewarded.length, slashed, forfeited, failures: failed.length };
  if (prover.backing === 0n) return base;
  const shared = Number(rewards) * (1 - Number(prover.commission) / 1e9);
  const apr = (shared / Number(prover.backing)) * (chain.blocksPerYear / history.span());
  return { ...base, apr };
}

export function aprText(e: Earnings): string {
  if (e.apr === undefined) return '—';
  if (e.apr === 0) return '0%';
  const pct = e.apr * 100;
  return `${pct >= 0.1 ? pct.toFixed(2) : pct.toPrecision(2)}%`;
}

function hardwareText(p: ProverView): string {
  return `${p.hardware.cpuCores} cores, ${p.hardware.memoryGib} GiB${p.hardware.gpu === 'None' ? '' : `, GPU ${p.hardware.gpu}`}`;
}

function reputationInputs(p: ProverView): string {
  const r = p.reputation;
  return `offered ${r.assigned}, fulfilled ${r.fulfilled}, missed ${r.missed}, invalid ${r.invalid}, declined ${r.declined}, lapsed ${r.lapsed}; good units ${r.goodUnits}, bad units ${r.badUnits}`;
}

export async function proversPage(ctx: Ctx): Promise<void> {
  const { chain, history, main } = ctx;
  const list = h('div');
  const search = h('input', { type: 'search', placeholder: 'name, address, status, GPU', 'aria-label': 'Filter provers' });
  const activeOnly = h('input', { type: 'checkbox', id: 'active-only' });
  const sort: TableState = { sortBy: 'Backing', descending: true };
  let provers: ProverView[] = [];
  replace(
    main,
    panel(
      h('span', null, 'Provers ', search, ' ', h('label', { class: 'small' }, activeOnly, ' active only')),
      h('p', { class: 'muted small' },
        'Backing is self-bond plus active delegations: elections draw by it and slashes take from it, self-bond first. ',
        `Reputation is (good units + 1) / (good + bad units + lapses/4 + 2), decaying by half every week. Est. APR: a delegator's share of the rewards of the last ${history.span()} blocks, annualized.`),
      list,
    ),
  );

  const draw = (): void => {
    const text = search.value.trim().toLowerCase();
    const rows = provers.filter(
      (p) =>
        (!activeOnly.checked || p.status === 'Active') &&
        (!text || [p.address, who(p.address), p.status, p.hardware.gpu, hardwareText(p)].join(' ').toLowerCase().includes(text)),
    );
    const earned = new Map(rows.map((p) => [p.address, earnings(p, history, chain)]));
    const columns: Column<ProverView>[] = [
      { title: 'Prover', cell: (p) => proverLink(p.address), sort: (p) => who(p.address) },
      { title: 'Status', cell: (p) => badge(p.status), sort: (p) => p.status },
      { title: 'Self-bond', cell: (p) => prova(p.selfBond), sort: (p) => p.selfBond, class: 'num' },
      {
        title: 'Delegated',
        cell: (p) => h('span', null, prova(p.delegated), p.warming ? h('div', { class: 'muted small' }, `+ ${prova(p.warming)} warming up`) : null, h('div', { class: 'muted small' }, `${p.delegators} delegator(s)`)),
        sort: (p) => p.delegated,
        class: 'num',
      },
      { title: 'Backing', cell: (p) => prova(p.backing), sort: (p) => p.backing, class: 'num' },
      {
        title: 'Commission',
        cell: (p) => h('span', null, percent(p.commission), p.pendingCommission ? h('div', { class: 'muted small' }, `→ ${percent(p.pendingCommission.commission)} from #${p.pendingCommission.from}`) : null),
        sort: (p) => p.commission,
        class: 'num',
      },
      { title: 'Ask / unit', cell: (p) => h('span', null, prova(p.ask), p.services.length ? h('div', { class: 'muted small' }, `${p.services.length} service(s)`) : null), sort: (p) => p.ask, class: 'num' },
      { title: 'Hardware', cell: (p) => hardwareText(p), sort: (p) => p.hardware.cpuCores },
      {
        title: 'In use',
        hint: 'work units of the jobs held / capacity',
        cell: (p) => h('span', null, `${p.unitsInUse} / ${p.capacity}`, h('div', { class: 'muted small' }, `${p.inUse} job(s)`)),
        sort: (p) => Number(p.unitsInUse) / Math.max(1, p.capacity),
        class: 'num',
      },
      {
        title: 'Reputation',
        cell: (p) => h('span', { title: reputationInputs(p) }, percent(p.score), h('div', { class: 'muted small' }, `${p.reputation.fulfilled}/${p.reputation.assigned} fulfilled, ${p.reputation.missed + p.reputation.invalid} failed`)),
        sort: (p) => p.score,
        class: 'num',
      },
      { title: 'Est. APR', hint: 'estimated annual return of delegated stake, from recent rewards', cell: (p) => aprText(earned.get(p.address)!), sort: (p) => earned.get(p.address)!.apr ?? -1, class: 'num' },
      { title: 'Earned lately', cell: (p) => h('span', null, prova(earned.get(p.address)!.rewards), h('div', { class: 'muted small' }, `${earned.get(p.address)!.jobs} job(s)`)), sort: (p) => earned.get(p.address)!.rewards, class: 'num' },
      {
        title: 'Slashed lately',
        hint: 'stake slashed and collateral forfeited in the blocks read',
        cell: (p) => {
          const e = earned.get(p.address)!;
          if (!e.failures && !e.slashed) return h('span', { class: 'muted' }, 'none');
          return h('span', { class: 'bad' }, prova(e.slashed), h('div', { class: 'muted small' }, `${e.failures} failed job(s), ${prova(e.forfeited)} collateral`));
        },
        sort: (p) => earned.get(p.address)!.slashed + earned.get(p.address)!.forfeited,
        class: 'num',
      },
      { title: '', cell: (p) => (p.status === 'Leaving' ? '' : h('a', { href: `#/staking?prover=${p.address}`, class: 'button small' }, 'Delegate')) },
    ];
    replace(list, table(columns, rows, sort, { empty: 'No provers registered yet.', testid: 'provers', rowAttrs: (p) => ({ dataset: { prover: who(p.address) } }) }));
  };
  search.addEventListener('input', draw);
  activeOnly.addEventListener('change', draw);

  const refresh = async (): Promise<void> => {
    const fresh = await loadProvers(chain.api);
    if (!ctx.active()) return;
    provers = fresh;
    draw();
  };
  await refresh();
  ctx.live(refresh);
}

/** The jobs of `address` among the stored requests: held, proved, failed or declined. */
function jobsOf(requests: RequestView[], address: string): { request: RequestView; role: string }[] {
  const out: { request: RequestView; role: string }[] = [];
  for (const r of requests) {
    if (r.prover === address) out.push({ request: r, role: r.status === 'Fulfilled' ? 'proved' : r.status.toLowerCase() });
    else if (r.failed.includes(address)) out.push({ request: r, role: 'failed' });
    else if (r.declined.includes(address)) out.push({ request: r, role: 'declined' });
  }
  return out;
}

const SLASHES = new Set(['Slashed', 'ProofRejected', 'DeadlineMissed', 'BidForfeited']);

export async function proverPage(ctx: Ctx): Promise<void> {
  const { chain, history, main } = ctx;
  const address = ctx.args[0] ?? '';
  const summary = h('div');
  const jobs = h('div');
  const events = h('div');
  replace(
    main,
    panel(h('span', null, 'Prover ', h('span', { title: address }, who(address)), ' ', h('a', { href: `#/staking?prover=${address}`, class: 'button small' }, 'Delegate')), summary),
    panel('Recent jobs', jobs),
    panel(`Rewards, slashes and other events (last ${history.span()} blocks)`, events),
  );
  const refresh = async (): Promise<void> => {
    const [provers, requests, circuits] = await Promise.all([loadProvers(chain.api), loadRequests(chain.api), loadCircuits(chain.api)]);
    if (!ctx.active()) return;
    const p = provers.find((x) => x.address === address);
    if (!p) {
      replace(summary, h('p', null, `${address} is not a registered prover.`));
    } else {
      const e = earnings(p, history, chain);
      replace(
        summary,
        h(
          'div',
          { class: 'grid-2' },
          facts([
            ['Account', account(p.address)],
            ['Status', badge(p.status)],
            ['Self-bond', prova(p.selfBond)],
            ['Delegated', `${prova(p.delegated)} from ${p.delegators} delegator(s)${p.warming ? `, ${prova(p.warming)} warming up` : ''}`],
            ['Backing', prova(p.backing)],
            ['Commission', `${percent(p.commission)}${p.pendingCommission ? `, rising to ${percent(p.pendingCommission.commission)} from block #${p.pendingCommission.from}` : ''}`],
            ['Ask', `${prova(p.ask)} per work unit`],
            ['Hardware', hardwareText(p)],
            ['Capacity', `${p.unitsInUse} of ${p.capacity} work units in use (${p.inUse} job(s))`],
          ]),
          facts([
            ['Reputation', h('b', null, percent(p.score))],
            ['Offered', String(p.reputation.assigned)],
            ['Fulfilled', String(p.reputation.fulfilled)],
            ['Missed deadlines', String(p.reputation.missed)],
            ['Invalid proofs', String(p.reputation.invalid)],
            ['Declined / lapsed', `${p.reputation.declined} / ${p.reputation.lapsed}`],
            ['Good / bad work units', `${p.reputation.goodUnits} / ${p.reputation.badUnits} (decaying)`],
            ['Earned lately', `${prova(e.rewards)} for ${e.jobs} job(s) in ${blocksText(history.span(), chain.blockMs)}`],
            ['Est. APR for delegators', aprText(e)],
            ['Slashed lately', e.failures || e.slashed ? `${prova(e.slashed)} of stake, ${prova(e.forfeited)} of collateral, ${e.failures} failed job(s)` : 'nothing'],
            ['Services', p.services.length ? h('ul', { class: 'plain' }, p.services.map((s: AnyCodec) => h('li', null, serviceText(s, circuits)))) : 'every circuit at its ask'],
            ['Self-bond unbonding', p.unbonding.length ? p.unbonding.map((c) => `${prova(c.amount)} at #${c.unlockAt}`).join(', ') : undefined],
          ]),
        ),
      );
    }
    replace(
      jobs,
      table(
        [
          { title: 'Request', cell: (j) => requestLink(j.request.id), sort: (j) => j.request.id },
          { title: 'Circuit', cell: (j) => circuitLabel(circuits, j.request.circuit) },
          { title: 'Role', cell: (j) => j.role, sort: (j) => j.role },
          { title: 'Status', cell: (j) => badge(j.request.status) },
          { title: 'Price', cell: (j) => requestPrice(j.request), class: 'num' },
          { title: 'Submitted', cell: (j) => `#${j.request.submittedAt}`, sort: (j) => j.request.submittedAt, class: 'num' },
        ],
        jobsOf(requests, address),
        { sortBy: 'Request', descending: true },
        { empty: 'No stored request involves this prover.', testid: 'prover-jobs' },
      ),
    );
    const mine: Entry[] = history.forAccount(address).reverse().slice(0, 100);
    replace(
      events,
      table(
        [
          { title: 'Block', cell: (e) => `#${e.block}` },
          { title: 'Event', cell: (e) => h('code', { class: SLASHES.has(e.method) ? 'bad' : '' }, `${e.section}.${e.method}`) },
          { title: 'Details', cell: (e) => entryText(e, ['prover']) },
        ],
        mine,
        {},
        { empty: 'Nothing in the blocks read.', testid: 'prover-events' },
      ),
    );
  };
  await refresh();
  ctx.live(refresh);
}

function serviceText(s: AnyCodec, circuits: Map<string, CircuitView>): string {
  const scope = s.scope;
  let what: string;
  if (scope.isCircuit) what = circuits.get(scope.asCircuit.toHex())?.name ?? `circuit ${scope.asCircuit.toHex().slice(0, 10)}…`;
  else if (scope.isFamily) what = `${new TextDecoder().decode(scope.asFamily.name.toU8a(true))} up to 2^${scope.asFamily.maxDegreeBits}`;
  else what = `any circuit up to 2^${scope.asAny.maxDegreeBits}`;
  return `${what}: ${prova(s.ask)} per unit, ${s.blocksPerThousandUnits} blocks per 1000 units`;
}
