// Market: live blocks, open and recent requests, and charts of requests per
// block, price per work unit and latency. Requests come from storage (open
// ones and those ended within the retention period, a day), blocks from the
// event index.

import { latencyDistribution, pricePerUnit, requestsPerBlock } from '../charts';
import { AnyCodec, prova, who } from '../chain';
import { h, panel, replace, table, TableState } from '../dom';
import type { Ctx } from '../main';
import { CircuitView, RequestView, isOpen, latencyBlocks, loadCircuits, loadRequests } from '../store';
import { account, badge, blocksText, circuitLabel, mechanismName, proverLink, requestLink, requestPrice } from '../ui';

export async function marketPage(ctx: Ctx): Promise<void> {
  const { chain, history, main } = ctx;
  const stats = h('div', { class: 'stats', dataset: { testid: 'market-stats' } });
  const blocks = h('div');
  const charts = h('div', { class: 'charts' });
  const requests = h('div');
  const mechanisms = h('div');
  const filter = h('select', { 'aria-label': 'Show', dataset: { testid: 'request-filter' } },
    h('option', { value: 'all' }, 'all requests'),
    h('option', { value: 'open' }, 'open'),
    h('option', { value: 'ended' }, 'ended'),
  );
  const search = h('input', { type: 'search', placeholder: 'circuit, account or status', 'aria-label': 'Filter requests' });
  const sort: TableState = { sortBy: 'Request', descending: true };
  let circuits = new Map<string, CircuitView>();
  let all: RequestView[] = [];

  replace(
    main,
    stats,
    h('div', { class: 'grid-2' }, panel('Live blocks', blocks), panel('Mechanisms', mechanisms)),
    charts,
    panel(h('span', null, 'Requests ', filter, ' ', search), requests),
  );

  const drawRequests = (): void => {
    const mode = filter.value;
    const text = search.value.trim().toLowerCase();
    const rows = all.filter((r) => {
      if (mode === 'open' && !isOpen(r)) return false;
      if (mode === 'ended' && isOpen(r)) return false;
      if (!text) return true;
      const hay = [circuits.get(r.circuit)?.name ?? r.circuit, r.requester, who(r.requester), r.prover ?? '', r.prover ? who(r.prover) : '',
        r.status, mechanismName(r.mechanism)].join(' ').toLowerCase();
      return hay.includes(text);
    });
    replace(
      requests,
      table(
        [
          { title: 'Request', cell: (r) => requestLink(r.id), sort: (r) => r.id },
          { title: 'Circuit', cell: (r) => circuitLabel(circuits, r.circuit), sort: (r) => circuits.get(r.circuit)?.name ?? r.circuit },
          { title: 'Requester', cell: (r) => account(r.requester) },
          { title: 'Mechanism', cell: (r) => mechanismName(r.mechanism) + (r.settlement === 'Aggregated' ? ', aggregated' : ''), sort: (r) => r.mechanism },
          { title: 'Price', cell: (r) => requestPrice(r), sort: (r) => r.price ?? r.maxFee, class: 'num' },
          { title: 'Status', cell: (r) => h('span', null, badge(r.status), r.prover ? [' ', proverLink(r.prover)] : null), sort: (r) => r.status },
          { title: 'Submitted', cell: (r) => `#${r.submittedAt}`, sort: (r) => r.submittedAt, class: 'num' },
          {
            title: 'Latency',
            hint: 'blocks from submission to settlement',
            cell: (r) => {
              const latency = latencyBlocks(r);
              if (latency !== undefined) return blocksText(latency, chain.blockMs);
              return isOpen(r) ? h('span', { class: 'muted' }, `waiting ${history.best - r.submittedAt}`) : '—';
            },
            sort: (r) => latencyBlocks(r) ?? Number.MAX_SAFE_INTEGER,
            class: 'num',
          },
        ],
        rows,
        sort,
        { empty: 'No requests stored yet.', testid: 'requests', rowAttrs: (r) => ({ dataset: { request: String(r.id), status: r.status } }) },
      ),
    );
  };
  filter.addEventListener('change', drawRequests);
  search.addEventListener('input', drawRequests);

  const refresh = async (): Promise<void> => {
    const [requestList, circuitMap, proverCount, openCount, mechanismStats, book] = await Promise.all([
      loadRequests(chain.api),
      loadCircuits(chain.api),
      chain.api.query.provers.counterForProvers(),
      chain.api.query.market.openRequests(),
      chain.api.query.market.stats.entries(),
      chain.api.query.market.book(),
    ]);
    if (!ctx.active()) return;
    all = requestList;
    circuits = circuitMap;
    const fulfilled = all.filter((r) => r.status === 'Fulfilled');
    const latencies = fulfilled.map((r) => latencyBlocks(r)!);
    replace(
      stats,
      stat('Best block', `#${history.best.toLocaleString('en-US')}`, 'best-block'),
      stat('Finalized', `#${history.finalized.toLocaleString('en-US')}`),
      stat('Provers', String(proverCount.toNumber()), 'prover-count'),
      stat('Open requests', String(openCount.toNumber()), 'open-count'),
      stat('Settled (stored)', String(fulfilled.length), 'settled-count'),
      stat('Listed circuits', String(circuits.size)),
    );
    replace(
      blocks,
      table(
        [
          { title: 'Block', cell: (b) => `#${b.number}` },
          { title: 'Hash', cell: (b) => h('code', { title: b.hash }, `${b.hash.slice(0, 10)}…`) },
          { title: 'Time', cell: (b) => new Date(b.time).toLocaleTimeString() },
          { title: 'Extrinsics', cell: (b) => b.extrinsics, class: 'num' },
          { title: 'Market events', cell: (b) => b.market, class: 'num' },
        ],
        history.latestBlocks(6),
        {},
        { testid: 'blocks' },
      ),
    );
    replace(
      mechanisms,
      table(
        [
          { title: 'Mechanism', cell: (m: AnyCodec) => mechanismName(m.kind) },
          { title: 'Settled', cell: (m: AnyCodec) => String(m.stats.settled), class: 'num' },
          { title: 'Mean price / unit', cell: (m: AnyCodec) => prova(m.stats.pricePerUnit), class: 'num' },
          { title: 'Mean latency', cell: (m: AnyCodec) => blocksText(Number(m.stats.latencyBlocks.toString()), chain.blockMs), class: 'num' },
        ],
        mechanismStats.map(([key, value]: [AnyCodec, AnyCodec]) => ({ kind: key.args[0].type, stats: value.unwrap() })),
        {},
        { empty: 'No request settled yet.', testid: 'mechanisms' },
      ),
      h('p', { class: 'muted small' },
        `Running means over each mechanism's settlements (each new one weighs 1/8). Order book: ${book.length} standing ask(s)`,
        book.length ? `, best ${prova(book[0].price)} per unit by ${who(book[0].prover.toString())}` : '',
        '. ', h('a', { href: '#/request' }, 'Request a proof'), ' or pick a request below for its history.'),
    );
    const from = Math.max(1, history.best - 119);
    replace(
      charts,
      requestsPerBlock(all.filter((r) => r.submittedAt >= from).map((r) => r.submittedAt), from, history.best),
      pricePerUnit(
        fulfilled.map((r) => ({
          block: r.endedAt!,
          price: Number(r.price ?? 0n) / 10 ** chain.decimals / Number(circuits.get(r.circuit)?.workUnits ?? 1n),
        })),
      ),
      latencyDistribution(latencies, chain.blockMs),
    );
    drawRequests();
  };
  await refresh();
  ctx.live(refresh);
}

function stat(label: string, value: string, testid?: string): HTMLElement {
  return h('div', { class: 'stat', dataset: testid ? { testid } : undefined }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label));
}
