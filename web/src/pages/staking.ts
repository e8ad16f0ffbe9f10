// Staking: delegate to a prover, undelegate, withdraw unbonded stake, claim
// rewards, each with its fee estimate first and its result after; and a
// delegator's page (`#/staking/<address>`) with its positions, pending
// rewards and unbonding chunks.

import { currentAccount, onAccountChange, txFlow } from '../accounts';
import { blocksToTime, parseAmount, percent, prova, who } from '../chain';
import { facts, h, panel, replace, table } from '../dom';
import type { Ctx } from '../main';
import { loadBalance, loadPositions, loadProvers, PositionView, ProverView } from '../store';
import { account, proverLink } from '../ui';
import { aprText, earnings } from './provers';

export async function stakingPage(ctx: Ctx): Promise<void> {
  const { chain, history, main } = ctx;
  const api = chain.api;
  const viewed = (): string | undefined => ctx.args[0] ?? currentAccount()?.address;
  const own = (): boolean => !ctx.args[0] || ctx.args[0] === currentAccount()?.address;

  const balance = h('div');
  const positions = h('div');
  const minDelegation = (await api.call.proversApi.parameters()).minDelegation;
  const warmup = Number(api.consts.provers.delegationWarmup.toString());
  const unbonding = Number(api.consts.provers.unbondingPeriod.toString());

  // Delegate: a prover and an amount.
  const proverSelect = h('select', { id: 'delegate-prover', 'aria-label': 'Prover' });
  const amount = h('input', { id: 'delegate-amount', inputMode: 'decimal', placeholder: `at least ${prova(minDelegation)}`, size: 16 });
  const chosenProver = (select: HTMLSelectElement): string => {
    if (!select.value) throw new Error('Choose a prover.');
    return select.value;
  };
  const delegate = txFlow(chain, {
    label: 'Delegate',
    testid: 'delegate',
    build: () => api.tx.provers.delegate(chosenProver(proverSelect), parseAmount(amount.value)),
    describe: () => `${amount.value} ${chain.symbol} to ${who(proverSelect.value)}`,
    onResult: () => void refresh(),
  });

  // Manage a position: claim, undelegate, withdraw.
  const positionSelect = h('select', { id: 'position-prover', 'aria-label': 'Position' });
  const undelegateAmount = h('input', { id: 'undelegate-amount', inputMode: 'decimal', placeholder: 'amount', size: 12 });
  const claim = txFlow(chain, {
    label: 'Claim rewards',
    testid: 'claim',
    build: () => api.tx.provers.claimRewards(chosenProver(positionSelect)),
    describe: () => `from ${who(positionSelect.value)}`,
    onResult: () => void refresh(),
  });
  const undelegate = txFlow(chain, {
    label: 'Undelegate',
    testid: 'undelegate',
    primary: false,
    build: () => api.tx.provers.undelegate(chosenProver(positionSelect), parseAmount(undelegateAmount.value)),
    describe: () => `${undelegateAmount.value} ${chain.symbol} from ${who(positionSelect.value)}: it unbonds for ${blocksToTime(unbonding, chain.blockMs)}, still held and slashable`,
    onResult: () => void refresh(),
  });
  const withdraw = txFlow(chain, {
    label: 'Withdraw unbonded',
    testid: 'withdraw',
    primary: false,
    build: () => api.tx.provers.withdrawUnbonded(chosenProver(positionSelect)),
    describe: () => `matured stake unbonded from ${who(positionSelect.value)}`,
    onResult: () => void refresh(),
  });

  const forms = h(
    'div',
    { class: 'grid-2' },
    panel(
      'Delegate to a prover',
      h('p', { class: 'muted small' },
        `Your stake stays in your account, held. It warms up for ${blocksToTime(warmup, chain.blockMs)} (${warmup.toLocaleString('en-US')} blocks) before it backs the prover and earns; `,
        'a slash of the prover takes its self-bond first. Leaving takes ', blocksToTime(unbonding, chain.blockMs), ' of unbonding.'),
      h('div', { class: 'form-row' }, h('label', { for: 'delegate-prover' }, 'Prover'), proverSelect),
      h('div', { class: 'form-row' }, h('label', { for: 'delegate-amount' }, `Amount (${chain.symbol})`), amount),
      delegate,
    ),
    panel(
      'Manage a position',
      h('div', { class: 'form-row' }, h('label', { for: 'position-prover' }, 'Prover'), positionSelect),
      h('div', { class: 'actions' }, claim),
      h('div', { class: 'form-row' }, h('label', { for: 'undelegate-amount' }, `Amount (${chain.symbol})`), undelegateAmount),
      h('div', { class: 'actions' }, undelegate),
      h('div', { class: 'actions' }, withdraw),
    ),
  );

  const title = h('span');
  replace(main, panel(title, balance), forms, panel('Positions', positions));

  let provers: ProverView[] = [];
  const fillSelect = (select: HTMLSelectElement, options: [string, string][], wanted?: string | null): void => {
    const keep = wanted ?? select.value;
    const same = select.options.length === options.length && options.every(([v, t], i) => select.options[i].value === v && select.options[i].text === t);
    if (same) return;
    replace(select, options.map(([value, text]) => h('option', { value, selected: value === keep }, text)));
  };
  let preselect = ctx.query.get('prover');

  async function refresh(): Promise<void> {
    const address = viewed();
    forms.hidden = !own();
    replace(title, ctx.args[0] ? h('span', null, 'Delegator ', account(ctx.args[0])) : h('span', null, 'Staking', currentAccount() ? ` as ${currentAccount()!.name}` : ''));
    const [proverList, mine, funds] = await Promise.all([
      loadProvers(api),
      address ? loadPositions(api, address) : Promise.resolve([] as PositionView[]),
      address ? loadBalance(api, address) : Promise.resolve(undefined),
    ]);
    if (!ctx.active()) return;
    provers = proverList;
    fillSelect(
      proverSelect,
      [
        ['', 'choose a prover'],
        ...provers
          .filter((p) => p.status !== 'Leaving')
          .map((p): [string, string] => [
            p.address,
            `${who(p.address)} · ${p.status} · backing ${prova(p.backing)} · commission ${percent(p.commission)} · reputation ${percent(p.score)} · est. APR ${aprText(earnings(p, history, chain))}`,
          ]),
      ],
      preselect,
    );
    fillSelect(positionSelect, [['', 'choose a position'], ...mine.map((p): [string, string] => [p.prover, who(p.prover)])], preselect);
    preselect = null;
    if (!address) {
      replace(balance, h('p', null, 'Choose an account at the top right: a polkadot.js extension account, or on a dev chain a dev account.'));
      replace(positions, '');
      return;
    }
    replace(
      balance,
      facts([
        ['Account', h('code', { class: 'small' }, address)],
        ['Free', prova(funds!.free)],
        ['Held', funds!.holds.length ? funds!.holds.map(([reason, amount]) => `${prova(amount)} (${reason})`).join(', ') : prova(0n)],
        ['Pending rewards', h('b', { dataset: { testid: 'pending-total' } }, prova(mine.reduce((s, p) => s + p.pending, 0n)))],
      ]),
    );
    const best = history.best;
    replace(
      positions,
      table(
        [
          { title: 'Prover', cell: (p) => proverLink(p.prover), sort: (p) => who(p.prover) },
          { title: 'Active stake', cell: (p) => prova(p.amount), sort: (p) => p.amount, class: 'num' },
          {
            title: 'Warming up',
            cell: (p) =>
              p.warming
                ? h('span', null, prova(p.warming.amount), h('div', { class: 'muted small' }, `active from #${p.warming.activeFrom}${p.warming.activeFrom > best ? ` (in ${blocksToTime(p.warming.activeFrom - best, chain.blockMs)})` : ' (at its next job)'}`))
                : '—',
            class: 'num',
          },
          { title: 'Pending rewards', cell: (p) => h('span', { dataset: { testid: 'pending' } }, prova(p.pending)), sort: (p) => p.pending, class: 'num' },
          {
            title: 'Unbonding',
            cell: (p) =>
              p.unbonding.length
                ? h('ul', { class: 'plain' }, p.unbonding.map((c) => h('li', null, `${prova(c.amount)} `, h('span', { class: 'muted small' }, c.unlockAt <= best ? 'withdrawable now' : `at #${c.unlockAt} (in ${blocksToTime(c.unlockAt - best, chain.blockMs)})`))))
                : '—',
            class: 'num',
          },
        ],
        mine,
        { sortBy: 'Active stake', descending: true },
        { empty: 'No delegations.', testid: 'positions', rowAttrs: (p) => ({ dataset: { prover: who(p.prover) } }) },
      ),
    );
  }

  ctx.cleanup(onAccountChange(() => void refresh()));
  ctx.live(refresh);
  await refresh();
}
