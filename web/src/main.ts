// The app's entry: connects to the node (`?rpc=`, the header's field, or
// ws://127.0.0.1:9944), loads the dev accounts on a development chain, starts
// the block and event index, and routes `#/page/args` to the pages.

import './style.css';
import { loadDevAccounts, renderAccountPicker } from './accounts';
import { Chain, connect, errorText, rpcUrl, setToken } from './chain';
import { h, replace } from './dom';
import { History } from './history';
import { marketPage } from './pages/market';
import { proverPage, proversPage } from './pages/provers';
import { requestPage } from './pages/request';
import { requestingPage } from './pages/requesting';
import { stakingPage } from './pages/staking';

/** What a page gets: the chain, the event index, where to draw, and the route's arguments. */
export interface Ctx {
  chain: Chain;
  history: History;
  main: HTMLElement;
  args: string[];
  /** `?a=b` after the route in the hash (`#/staking?prover=…`). */
  query: URLSearchParams;
  /** Calls `fn` after every new block while the page is shown (one call at a time; a block arriving meanwhile calls it once more after). */
  live(fn: () => Promise<void> | void): void;
  /** Whether the page is still the one shown. */
  active(): boolean;
  /** Calls `fn` when the page is left. */
  cleanup(fn: () => void): void;
}

type Page = (ctx: Ctx) => Promise<void> | void;

const ROUTES: Record<string, Page> = {
  market: marketPage,
  request: requestingPage,
  requests: requestPage,
  provers: proversPage,
  prover: proverPage,
  staking: stakingPage,
};

const main = document.getElementById('main')!;
const status = document.getElementById('chain-status')!;
let cleanups: (() => void)[] = [];
let generation = 0;

function route(chain: Chain, history: History): void {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
  const mine = (generation += 1);
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = 'market', ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  const page = ROUTES[name] ?? marketPage;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#nav a')) {
    const target = link.getAttribute('href')!.slice(2);
    link.classList.toggle('current', target === name || (target === 'market' && name === 'requests') || (target === 'provers' && name === 'prover'));
  }
  const ctx: Ctx = {
    chain,
    history,
    main,
    args,
    query: new URLSearchParams(search),
    active: () => mine === generation,
    cleanup: (fn) => void cleanups.push(fn),
    live(fn) {
      let running = false;
      let again = false;
      const run = async (): Promise<void> => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            if (mine !== generation) return;
            await fn();
          } while (again);
        } catch (error) {
          console.error(error);
        } finally {
          running = false;
        }
      };
      cleanups.push(history.onUpdate(() => void run()));
    },
  };
  main.replaceChildren();
  Promise.resolve(page(ctx)).catch((error) => {
    if (mine === generation) replace(main, h('div', { class: 'panel error' }, `This page failed: ${errorText(error)}`));
    console.error(error);
  });
}

function showStatus(chain: Chain, history: History): void {
  replace(
    status,
    h('span', { class: 'dot ok' }),
    ` #${history.best.toLocaleString('en-US')}`,
    h('span', { class: 'muted' }, ` · finalized #${history.finalized.toLocaleString('en-US')}`),
    chain.isDev ? h('span', { class: 'badge' }, 'dev chain') : null,
  );
  status.dataset.best = String(history.best);
}

async function start(): Promise<void> {
  const url = rpcUrl();
  const input = document.getElementById('rpc-url') as HTMLInputElement;
  input.value = url;
  document.getElementById('rpc-form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URL(location.href);
    next.searchParams.set('rpc', input.value.trim());
    location.href = next.toString();
  });
  replace(main, h('div', { class: 'panel muted' }, `Connecting to ${url}…`));
  let chain: Chain;
  try {
    chain = await connect(url);
  } catch (error) {
    replace(status, h('span', { class: 'dot bad' }), ' offline');
    replace(
      main,
      h(
        'div',
        { class: 'panel error', dataset: { testid: 'offline' } },
        h('h2', null, 'No node'),
        h('p', null, `${errorText(error)}. Start one (scripts/run-dev.sh) or enter another node's URL above.`),
      ),
    );
    return;
  }
  setToken(chain);
  await loadDevAccounts(chain);
  renderAccountPicker(document.getElementById('account-picker')!, chain);
  // A node keeps the state, and so the events, of its last 256 blocks (more
  // only as an archive node: then `?history=` reaches further back).
  const lookback = Number(new URLSearchParams(location.search).get('history') ?? 240);
  const history = new History(chain, lookback);
  replace(main, h('div', { class: 'panel muted' }, `Reading the events of the last ${lookback} blocks…`));
  await history.start();
  document.title = `Prova · ${(await chain.api.rpc.system.chain()).toString()}`;
  showStatus(chain, history);
  history.onUpdate(() => showStatus(chain, history));
  chain.api.on('disconnected', () => replace(status, h('span', { class: 'dot bad' }), ' reconnecting…'));
  window.addEventListener('hashchange', () => route(chain, history));
  route(chain, history);
}

void start();
