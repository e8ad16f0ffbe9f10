// Requesting: pick a listed circuit, enter its input, see the quote (the
// cheapest qualifying ask, and every mechanism's expected price and latency),
// submit, and watch the request settle and its output arrive.

import { currentAccount, onAccountChange, txFlow } from '../accounts';
import { AnyCodec, big, blocksToTime, parseAmount, prova, who } from '../chain';
import { facts, h, panel, replace, table } from '../dom';
import type { Ctx } from '../main';
import { CircuitView, loadCircuits, loadRequest, loadRequests, NO_REQUIREMENTS, RequestView } from '../store';
import { account, badge, blocksText, mechanismName, proverLink, requestLink, requestPrice } from '../ui';

/** The Goldilocks field's order: every input element must be below it. */
const GOLDILOCKS = 0xffffffff00000001n;

/** Input text (elements separated by commas or spaces, decimal or 0x, or one 0x byte string) as the elements. */
export function parseInput(text: string, expected: number): bigint[] {
  const clean = text.trim();
  let elements: bigint[];
  if (/^0x[0-9a-f]*$/i.test(clean) && clean.length > 18) {
    const hex = clean.slice(2);
    if (hex.length % 16) throw new Error('Input bytes must be whole 8-byte little-endian elements.');
    elements = [];
    for (let i = 0; i < hex.length; i += 16) {
      const le = hex.slice(i, i + 16).match(/../g)!.reverse().join('');
      elements.push(BigInt(`0x${le}`));
    }
  } else {
    const parts = clean.split(/[\s,]+/).filter(Boolean);
    elements = parts.map((part) => {
      try {
        return BigInt(part);
      } catch {
        throw new Error(`"${part.slice(0, 24)}" is not a number.`);
      }
    });
  }
  if (elements.length !== expected) throw new Error(`The circuit takes ${expected} input element(s); this is ${elements.length}.`);
  const bad = elements.find((e) => e < 0n || e >= GOLDILOCKS);
  if (bad !== undefined) throw new Error(`${bad} is not a field element (each must be below 2^64 − 2^32 + 1).`);
  return elements;
}

/** Elements as the chain's input bytes: each an 8-byte little-endian word, as hex. */
export function encodeInput(elements: bigint[]): string {
  let hex = '0x';
  for (const e of elements) {
    const be = e.toString(16).padStart(16, '0');
    hex += be.match(/../g)!.reverse().join('');
  }
  return hex;
}

/** `count` random field elements (below 2^63). */
function sampleInput(count: number): string {
  const words = new BigUint64Array(count);
  crypto.getRandomValues(words);
  return Array.from(words, (w) => (w >> 1n).toString()).join(', ');
}

export async function requestingPage(ctx: Ctx): Promise<void> {
  const { chain, history, main } = ctx;
  const api = chain.api;
  let circuits = await loadCircuits(api);
  const minDeadline = Number(api.consts.market.minDeadline.toString());
  const maxDeadline = Number(api.consts.market.maxDeadline.toString());

  const circuitSelect = h('select', { id: 'request-circuit', 'aria-label': 'Circuit' });
  const input = h('textarea', { id: 'request-input', rows: 3, cols: 60, spellcheck: false, placeholder: 'field elements: 1, 2, 3 … (or 0x bytes)' });
  const inputNote = h('span', { class: 'muted small' });
  const deadline = h('input', { id: 'request-deadline', type: 'number', min: minDeadline, max: maxDeadline, value: '40', size: 6 });
  const maxFee = h('input', { id: 'request-max-fee', inputMode: 'decimal', size: 14, placeholder: 'the quote' });
  const mechanism = h(
    'select',
    { id: 'request-mechanism', 'aria-label': 'Mechanism' },
    h('option', { value: 'Election' }, 'election: a stake-weighted draw, at the drawn prover’s ask'),
    h('option', { value: 'SealedBid' }, 'sealed-bid auction: 5 blocks of bids, 5 of reveals, second price'),
    h('option', { value: 'Dutch' }, 'Dutch auction: from half the cheapest ask, rising over 20 blocks'),
    h('option', { value: 'Book' }, 'order book: a standing ask at once, else an election'),
  );
  const settlement = h(
    'select',
    { id: 'request-settlement', 'aria-label': 'Settlement' },
    h('option', { value: 'Direct' }, 'direct: its proof verified on chain'),
    h('option', { value: 'Aggregated' }, 'aggregated: batched by an aggregator (cheaper, slower)'),
  );
  const quoteBox = h('div', { dataset: { testid: 'quote' } });
  const tracker = h('div', { dataset: { testid: 'tracker' } });
  const mine = h('div');
  const circuitTable = h('div');
  let tracked: bigint | null = null;
  let cheapestAsk: bigint | undefined;

  const circuit = (): CircuitView => {
    const c = circuits.get(circuitSelect.value);
    if (!c) throw new Error('Choose a circuit.');
    return c;
  };

  const terms = (): AnyCodec => {
    const kind = mechanism.value;
    const mech =
      kind === 'SealedBid'
        ? { SealedBid: { bidBlocks: 5, revealBlocks: 5, fallback: 'Election' } }
        : kind === 'Dutch'
          ? { Dutch: { floor: (cheapestAsk ?? 0n) / 2n, rampBlocks: 20 } }
          : kind === 'Book'
            ? { Book: { fallback: 'Election' } }
            : 'Election';
    return { mechanism: mech, latency: null, settlement: settlement.value };
  };

  const submit = txFlow(chain, {
    label: 'Submit request',
    testid: 'submit-request',
    build: () => {
      const c = circuit();
      const elements = parseInput(input.value, c.inputElements);
      const blocks = Number(deadline.value);
      if (!Number.isInteger(blocks)) throw new Error('The deadline is a number of blocks.');
      const fee = maxFee.value.trim() ? parseAmount(maxFee.value) : undefined;
      if (fee === undefined) throw new Error('Enter a maximum fee (the quote shows the least one).');
      const bytes = encodeInput(elements);
      if (mechanism.value === 'Election' && settlement.value === 'Direct') {
        return api.tx.market.submitRequest(c.id, bytes, fee, blocks, NO_REQUIREMENTS);
      }
      return api.tx.market.submitRequestWithTerms(c.id, bytes, fee, blocks, NO_REQUIREMENTS, terms());
    },
    describe: () => {
      const c = circuits.get(circuitSelect.value);
      return `${c?.name ?? ''}, max fee ${maxFee.value} ${chain.symbol} (plus a ${prova(api.consts.market.requestDeposit)} deposit, returned when it ends), ${mechanismName(mechanism.value)}`;
    },
    onResult: (result) => {
      const submitted = result.events.find((e) => e.section === 'market' && e.method === 'RequestSubmitted');
      if (submitted) {
        tracked = submitted.fields.request.toBigInt();
        void track();
      }
    },
  });

  replace(
    main,
    h(
      'div',
      { class: 'grid-2' },
      panel(
        'Request a proof',
        h('div', { class: 'form-row' }, h('label', { for: 'request-circuit' }, 'Circuit'), circuitSelect),
        h(
          'div',
          { class: 'form-row' },
          h('label', { for: 'request-input' }, 'Input'),
          h('div', null, input, h('div', null, h('button', { type: 'button', id: 'sample-input', onclick: () => fillSample() }, 'Sample input'), ' ', inputNote)),
        ),
        h('div', { class: 'form-row' }, h('label', { for: 'request-deadline' }, 'Deadline (blocks from the lock)'), deadline),
        h('div', { class: 'form-row' }, h('label', { for: 'request-max-fee' }, `Max fee (${chain.symbol})`), maxFee),
        h('div', { class: 'form-row' }, h('label', { for: 'request-mechanism' }, 'Mechanism'), mechanism),
        h('div', { class: 'form-row' }, h('label', { for: 'request-settlement' }, 'Settlement'), settlement),
        submit,
      ),
      panel('Quote', quoteBox),
    ),
    panel('Your request', tracker),
    panel('Your requests', mine),
    panel('Listed circuits', circuitTable),
  );

  function fillSample(): void {
    try {
      input.value = sampleInput(circuit().inputElements);
      inputNote.textContent = `${circuit().inputElements} random element(s)`;
    } catch (error) {
      inputNote.textContent = String((error as Error).message);
    }
  }

  function fillCircuits(): void {
    const keep = circuitSelect.value;
    replace(
      circuitSelect,
      h('option', { value: '' }, 'choose a circuit'),
      [...circuits.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c) => h('option', { value: c.id, selected: c.id === keep }, `${c.name} · ${c.inputElements} → ${c.outputElements} elements · ${c.workUnits} unit(s)`)),
    );
    replace(
      circuitTable,
      table(
        [
          { title: 'Name', cell: (c) => h('a', { href: '#/request', onclick: (e: Event) => { e.preventDefault(); circuitSelect.value = c.id; onCircuit(); } }, c.name), sort: (c) => c.name },
          { title: 'Descriptor', cell: (c) => h('code', null, c.descriptor) },
          { title: 'Input', cell: (c) => `${c.inputElements} elements`, sort: (c) => c.inputElements, class: 'num' },
          { title: 'Output', cell: (c) => `${c.outputElements} elements`, class: 'num' },
          { title: 'Rows', cell: (c) => (c.degreeBits !== undefined ? `2^${c.degreeBits}` : '?'), sort: (c) => c.degreeBits ?? 0, class: 'num' },
          { title: 'Work units', cell: (c) => String(c.workUnits), sort: (c) => c.workUnits, class: 'num' },
          { title: 'Open requests', cell: (c) => c.openRequests, class: 'num' },
          { title: 'Owner', cell: (c) => account(c.owner) },
          { title: 'Id', cell: (c) => h('code', { title: c.id, class: 'small' }, `${c.id.slice(0, 12)}…`) },
        ],
        [...circuits.values()],
        { sortBy: 'Name' },
        { empty: 'No circuit is listed yet.', testid: 'circuits' },
      ),
    );
  }

  function onCircuit(): void {
    input.value = '';
    maxFee.value = '';
    inputNote.textContent = '';
    void quote();
  }
  circuitSelect.addEventListener('change', onCircuit);
  for (const el of [deadline, mechanism]) el.addEventListener('change', () => void quote());

  async function quote(): Promise<void> {
    const c = circuits.get(circuitSelect.value);
    if (!c) {
      replace(quoteBox, h('p', { class: 'muted' }, 'Choose a circuit to see what it costs.'));
      return;
    }
    const q = await api.call.proofMarketApi.quote(c.id, NO_REQUIREMENTS);
    if (q.isNone) {
      replace(quoteBox, h('p', null, 'The circuit is not listed.'));
      return;
    }
    const quoted = q.unwrap();
    cheapestAsk = quoted.cheapestAsk.isSome ? big(quoted.cheapestAsk.unwrap()) : undefined;
    const minFee = quoted.minFee.isSome ? big(quoted.minFee.unwrap()) : undefined;
    if (!maxFee.value && minFee !== undefined) maxFee.value = prova(minFee, { unit: false }).replace(/,/g, '');
    let offered = minFee ?? 0n;
    try {
      offered = maxFee.value ? parseAmount(maxFee.value) : offered;
    } catch {
      /* the form says so on submit */
    }
    const blocks = Math.min(maxDeadline, Math.max(minDeadline, Number(deadline.value) || 40));
    const market = await api.call.proofMarketApi.marketQuote(c.id, NO_REQUIREMENTS, blocks, offered, { speed: 5, cost: 5, safety: 5, censorshipResistance: 5 });
    if (!ctx.active()) return;
    const m = market.isSome ? market.unwrap() : undefined;
    replace(
      quoteBox,
      facts([
        ['Work units', String(quoted.workUnits)],
        ['Cheapest ask', cheapestAsk !== undefined ? `${prova(cheapestAsk)} per unit` : 'no prover qualifies'],
        ['Least max fee', h('b', { dataset: { testid: 'min-fee' } }, minFee !== undefined ? prova(minFee) : '—')],
        ['Deposit', `${prova(api.consts.market.requestDeposit)} (returned when it ends)`],
        ['A prover free now', quoted.availableNow.isTrue ? 'yes' : 'no: it waits in the queue'],
        ['Competing provers', m ? String(m.competitors) : undefined],
      ]),
      m
        ? table(
            [
              { title: 'Mechanism', cell: (q: AnyCodec) => mechanismName(q.kind.type) },
              { title: 'Available', cell: (q: AnyCodec) => (q.available.isTrue ? 'yes' : 'no') },
              { title: 'Expected price', cell: (q: AnyCodec) => (q.expectedPrice.isSome ? prova(q.expectedPrice.unwrap()) : '—'), class: 'num' },
              { title: 'Expected latency', cell: (q: AnyCodec) => (q.expectedLatencyBlocks.isSome ? blocksText(Number(q.expectedLatencyBlocks.unwrap()), chain.blockMs) : '—'), class: 'num' },
              { title: 'Settled', cell: (q: AnyCodec) => String(q.settled), class: 'num' },
            ],
            [...m.mechanisms],
            {},
            { testid: 'market-quote' },
          )
        : null,
      m ? h('p', { class: 'muted small' }, `For balanced preferences the chain's router would pick: ${mechanismName(m.routed.type)}.`) : null,
    );
  }

  async function track(): Promise<void> {
    if (tracked === null) {
      replace(tracker, h('p', { class: 'muted' }, 'Submit a request to follow it here, block by block.'));
      return;
    }
    const r = await loadRequest(api, tracked);
    if (!ctx.active()) return;
    if (!r) {
      replace(tracker, h('p', null, `Request #${tracked} is not stored.`));
      return;
    }
    replace(
      tracker,
      facts([
        ['Request', h('span', null, requestLink(r.id), ` submitted in block #${r.submittedAt}`)],
        ['Status', h('span', { dataset: { testid: 'tracked-status' } }, badge(r.status), r.prover ? [' ', proverLink(r.prover)] : null)],
        ['Price', requestPrice(r)],
        ['Latency', r.endedAt !== undefined ? blocksText(r.endedAt - r.submittedAt, chain.blockMs) : `${blocksToTime(history.best - r.submittedAt, chain.blockMs)} so far`],
        ['Output', r.output ? h('code', { class: 'output', dataset: { testid: 'tracked-output' } }, r.output.join(', ')) : h('span', { class: 'muted' }, 'once proved')],
      ]),
    );
  }

  async function drawMine(): Promise<void> {
    const me = currentAccount();
    if (!me) {
      replace(mine, h('p', { class: 'muted' }, 'Choose an account at the top right.'));
      return;
    }
    const requests = (await loadRequests(api)).filter((r) => r.requester === me.address);
    if (!ctx.active()) return;
    replace(
      mine,
      table(
        [
          { title: 'Request', cell: (r: RequestView) => requestLink(r.id), sort: (r) => r.id },
          { title: 'Circuit', cell: (r) => circuits.get(r.circuit)?.name ?? r.circuit.slice(0, 10) },
          { title: 'Status', cell: (r) => badge(r.status), sort: (r) => r.status },
          { title: 'Prover', cell: (r) => proverLink(r.prover) },
          { title: 'Price', cell: (r) => requestPrice(r), class: 'num' },
          { title: 'Output', cell: (r) => (r.output ? h('code', { class: 'small' }, r.output.join(', ').slice(0, 48)) : '—') },
        ],
        requests,
        { sortBy: 'Request', descending: true },
        { empty: `No stored requests from ${who(me.address)}.` },
      ),
    );
  }

  fillCircuits();
  // The circuit in `?circuit=`, else the first listed one.
  const wanted = ctx.query.get('circuit');
  if (wanted && circuits.has(wanted)) circuitSelect.value = wanted;
  else if (circuitSelect.options.length > 1) circuitSelect.selectedIndex = 1;
  await Promise.all([quote(), track(), drawMine()]);
  ctx.cleanup(onAccountChange(() => void drawMine()));
  let blocks = 0;
  ctx.live(async () => {
    blocks += 1;
    if (blocks % 10 === 0) {
      circuits = await loadCircuits(api);
      fillCircuits();
    }
    await Promise.all([track(), drawMine(), blocks % 5 === 0 ? quote() : Promise.resolve()]);
  });
}
