// The web app in a real browser (Debian's chromium, driven by playwright-core)
// against a dev node with a prover daemon, as scripts/test-web.sh sets them
// up: Alice's circuits listed, Bob proving, Charlie registered and chilled,
// Dave's demo requests on their way.
//
// - the market page shows live blocks, the demo requests settling and charts;
// - a request's page shows its history from the chain's events;
// - the provers table shows stake, terms and reputation, sorts and filters;
// - Eve (a dev account) delegates to Bob, seeing the fee estimate first;
//   Ferdie's delegation below the minimum fails with the error's name and
//   docs;
// - Ferdie requests a proof of a listed circuit and watches it settle, with
//   its output;
// - Eve claims her share of Bob's reward, undelegates part, and is told by
//   name that nothing has finished unbonding;
// - the node URL is chosen by `?rpc=` and in the page.
//
// A new delegation warms up for a day and an hour before it earns; the test
// moves Eve's warm-up to the next block through sudo (`system.setStorage` of
// `provers.warming`), the one thing done outside the page.
//
// Environment: PROVA_WS_URL (the node), PROVA_WEB_URL (the served app),
// CHROMIUM (default /usr/bin/chromium), PROVA_SCREENSHOTS (default
// web/screenshots).

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { chromium } from 'playwright-core';

const WS = process.env.PROVA_WS_URL;
const WEB = process.env.PROVA_WEB_URL;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.PROVA_SCREENSHOTS ?? new URL('../screenshots/', import.meta.url).pathname;
const UNIT = 10n ** 12n;
const STEP_MS = 120_000;

/** Demo requests test-web.sh submits before the browser starts. */
const DEMO_REQUESTS = Number(process.env.PROVA_DEMO_REQUESTS ?? 3);

describe('the web app in chromium', () => {
  let api;
  let browser;
  let page;
  let who;
  let broken = false;
  const pageErrors = [];

  /** A step of the story; skipped once an earlier one failed. */
  function step(name, fn) {
    test(name, { timeout: STEP_MS }, async (t) => {
      if (broken) {
        t.skip('an earlier step failed');
        return;
      }
      try {
        await fn();
      } catch (error) {
        broken = true;
        await page?.screenshot({ path: `${SHOTS}/failure.png`, fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  /** Waits until `locator`'s text matches `pattern`; returns the text. */
  async function waitText(locator, pattern, timeout = 30_000, what = String(pattern)) {
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
      text = (await locator.first().textContent({ timeout: 2_000 }).catch(() => '')) ?? '';
      if (pattern.test(text)) return text;
      await page.waitForTimeout(250);
    }
    throw new Error(`${what}: "${text.slice(0, 300)}" after ${timeout / 1000} s`);
  }

  async function open(route, query = '') {
    await page.goto(`${WEB}/?rpc=${encodeURIComponent(WS)}${query}#/${route}`);
    await page.locator('#chain-status[data-best]').waitFor({ timeout: 30_000 });
  }

  async function shot(name) {
    await page.waitForTimeout(400); // charts draw on the next frame
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  /** Runs one transaction form: its button, the fee estimate, the confirmation; returns the result box's text. */
  async function transact(testid, expect) {
    const flow = page.locator(`[data-testid="${testid}"]`);
    await flow.locator('button.primary, button').first().click();
    const confirm = flow.locator('[data-testid="tx-confirm"]');
    await confirm.waitFor({ timeout: 20_000 });
    const fee = await confirm.locator('[data-testid="fee"]').textContent();
    assert.match(fee, /^[\d,.]+ PROVA$/, 'the fee estimate is shown before signing');
    await confirm.locator('[data-testid="confirm"]').click();
    const result = flow.locator('[data-testid="tx-result"]');
    return waitText(result, expect, 45_000, `${testid}'s result`);
  }

  async function selectAccount(name) {
    await page.selectOption('#account', who[name].address);
  }

  before(async () => {
    assert.ok(WS && WEB, 'PROVA_WS_URL and PROVA_WEB_URL must be set (scripts/test-web.sh sets them)');
    mkdirSync(SHOTS, { recursive: true });
    await cryptoWaitReady();
    const provider = new WsProvider(WS, false);
    await provider.connect();
    api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    who = Object.fromEntries(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => [n, keyring.addFromUri(`//${n}`)]));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
  });

  after(async () => {
    await browser?.close();
    await api?.disconnect();
  });

  step('the market page shows live blocks, the demo requests settling and the charts', async () => {
    await open('market');
    const best = page.locator('[data-testid="best-block"] .stat-value');
    const first = Number((await waitText(best, /#\d/)).replace(/\D/g, ''));
    await waitText(best, new RegExp(`#(${first + 1}|${first + 2}|${first + 3})\\b`), 15_000, 'a new block shown');
    assert.ok((await page.locator('[data-testid="blocks"] tbody tr').count()) >= 3, 'live blocks listed');
    // Dave's demo requests, proved by Bob's daemon, settle on the page.
    const settled = page.locator('[data-testid="requests"] tbody tr[data-status="Fulfilled"]');
    const deadline = Date.now() + 90_000;
    while ((await settled.count()) < DEMO_REQUESTS) {
      assert.ok(Date.now() < deadline, `${await settled.count()} of ${DEMO_REQUESTS} demo requests settled`);
      await page.waitForTimeout(500);
    }
    const row = await settled.first().textContent();
    assert.match(row, /election/);
    assert.match(row, /Dave/);
    assert.match(row, /Bob/);
    assert.match(row, /0\.01 PROVA/);
    assert.match(row, /\d+ blocks? \(\d+ s\)/, 'latency shown');
    await waitText(page.locator('[data-testid="settled-count"]'), new RegExp(`^${DEMO_REQUESTS}|[1-9]\\d`));
    for (const chart of ['chart-requests', 'chart-price', 'chart-latency']) {
      await page.locator(`[data-testid="${chart}"] canvas`).waitFor({ timeout: 10_000 });
    }
    await waitText(page.locator('[data-testid="chart-latency"]'), /median \d+ blocks/);
    await waitText(page.locator('[data-testid="mechanisms"]'), /election\s*\d+/);
    await shot('market');
  });

  step('a request\'s page shows its history from the chain\'s events', async () => {
    const link = page.locator('[data-testid="requests"] tbody tr[data-status="Fulfilled"] a[data-testid^="request-link-"]').last();
    await link.click();
    const timeline = page.locator('[data-testid="timeline"]');
    for (const event of ['market.RequestSubmitted', 'market.RequestOffered', 'market.RequestLocked', 'market.RequestFulfilled']) {
      await timeline.locator(`tr[data-event="${event}"]`).waitFor({ timeout: 15_000 });
    }
    await waitText(page.locator('[data-testid="request-status"]'), /Fulfilled/);
    await waitText(page.locator('[data-testid="request-output"]'), /^\d+(, \d+)*$/);
    await shot('request');
  });

  step('the provers table shows stake, terms and reputation, and sorts and filters', async () => {
    await open('provers');
    const bob = page.locator('[data-testid="provers"] tr[data-prover="Bob"]');
    await waitText(bob, /Active/);
    const text = await bob.textContent();
    assert.match(text, /5,000 PROVA/, 'self-bond');
    assert.match(text, /10\.0%/, 'commission');
    assert.match(text, /0\.01 PROVA/, 'ask');
    assert.match(text, /\d+\/\d+ fulfilled/, 'reputation inputs');
    assert.match(text, /\d+(\.\d+)?%/, 'reputation and estimated return');
    const charlie = page.locator('[data-testid="provers"] tr[data-prover="Charlie"]');
    await waitText(charlie, /Chilled/);
    // Sorting by self-bond, largest first: Bob (5,000) before Charlie (2,000).
    await page.locator('[data-testid="provers"] th', { hasText: 'Self-bond' }).click();
    const order = await page.locator('[data-testid="provers"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.prover));
    assert.deepEqual(order.slice(0, 2), ['Bob', 'Charlie']);
    await page.locator('[data-testid="provers"] th', { hasText: 'Self-bond' }).click();
    const reversed = await page.locator('[data-testid="provers"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.prover));
    assert.deepEqual(reversed.slice(0, 2), ['Charlie', 'Bob']);
    await page.check('#active-only');
    assert.equal(await charlie.count(), 0, 'a chilled prover is filtered out');
    await page.uncheck('#active-only');
    await charlie.waitFor();
    await shot('provers');
  });

  step('a dev account delegates to the prover, with the fee estimate first', async () => {
    await open(`staking?prover=${who.Bob.address}`);
    await selectAccount('Eve');
    await page.waitForFunction((bob) => document.querySelector('#delegate-prover')?.value === bob, who.Bob.address, { timeout: 20_000 });
    await page.fill('#delegate-amount', '1000');
    const result = await transact('delegate', /Included|Failed/);
    assert.match(result, /provers\.Delegated/);
    assert.match(result, /delegator: Eve, prover: Bob, amount: 1,000 PROVA/);
    const position = page.locator('[data-testid="positions"] tr[data-prover="Bob"]');
    await waitText(position, /1,000 PROVA\s*active from #\d+/);
  });

  step('a delegation below the minimum fails with the error\'s name and documentation, never a hex code', async () => {
    // Ferdie has no delegation: 5 PROVA is below the 10 PROVA minimum.
    await selectAccount('Ferdie');
    await page.fill('#delegate-amount', '5');
    const text = await transact('delegate', /Failed/);
    const result = page.locator('[data-testid="delegate"] [data-testid="tx-result"]');
    assert.equal(await result.getAttribute('data-error'), 'provers.DelegationBelowMinimum');
    const docs = api.errors.provers.DelegationBelowMinimum.meta.docs.join(' ').trim();
    assert.ok(text.includes('provers.DelegationBelowMinimum'), text);
    assert.ok(text.includes(docs), `the metadata's docs "${docs}" in "${text}"`);
    assert.doesNotMatch(text, /0x[0-9a-f]{4,}/i, 'no hex code');
    await shot('error');
  });

  step('(test setup, through sudo) the delegation\'s warm-up ends at the next block', async () => {
    const bob = who.Bob.address;
    const warming = await api.query.provers.warming(bob);
    assert.equal(warming.length, 1, 'Eve\'s stake is warming up');
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    const patched = api.createType(warming.toRawType(), [...warming].map((s) => ({ delegator: s.delegator, amount: s.amount, activeFrom: best + 1 })));
    const call = api.tx.sudo.sudo(api.tx.system.setStorage([[api.query.provers.warming.key(bob), patched.toHex()]]));
    const events = await new Promise((resolve, reject) => {
      call.signAndSend(who.Alice, ({ status, events: records, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        if (status.isInBlock) resolve(records.map(({ event }) => event));
      }).catch(reject);
    });
    const sudid = events.find((e) => api.events.sudo.Sudid.is(e));
    assert.ok(sudid?.data.sudoResult.isOk, 'sudo(system.setStorage) succeeded');
  });

  step('an application requests a proof, sees the quote, and watches it settle with its output', async () => {
    await open('request');
    await selectAccount('Ferdie');
    const circuit = page.locator('#request-circuit option', { hasText: 'poseidon_chain-12' });
    await page.selectOption('#request-circuit', await circuit.getAttribute('value'));
    await waitText(page.locator('[data-testid="min-fee"]'), /0\.01 PROVA/);
    await waitText(page.locator('[data-testid="market-quote"]'), /election\s*yes/);
    await page.click('#sample-input');
    assert.equal((await page.inputValue('#request-input')).split(',').length, 4, 'a sample of the circuit\'s 4 input elements');
    // The quote (a runtime call) fills in the least max fee once it answers;
    // the min-fee line may still show the previous answer for this circuit.
    await page.waitForFunction(() => document.querySelector('#request-max-fee')?.value !== '', null, { timeout: 15_000 });
    assert.equal(await page.inputValue('#request-max-fee'), '0.01', 'the quote fills in the least max fee');
    const result = await transact('submit-request', /Included|Failed/);
    assert.match(result, /market\.RequestSubmitted/);
    const status = page.locator('[data-testid="tracked-status"]');
    await waitText(status, /Fulfilled/, 90_000, 'the request settles');
    assert.match(await status.textContent(), /Bob/);
    const output = await waitText(page.locator('[data-testid="tracked-output"]'), /^\d+(, \d+){3}$/);
    // The page shows what the chain stored.
    const id = BigInt((await page.locator('[data-testid="tracker"] a[data-testid^="request-link-"]').textContent()).slice(1));
    const stored = (await api.query.market.requests(id)).unwrap();
    assert.ok(stored.status.isFulfilled);
    assert.equal(stored.status.asFulfilled.output.map((x) => x.toString()).join(', '), output);
    assert.equal(stored.requester.toString(), who.Ferdie.address);
    await shot('requesting');
  });

  step('the delegator sees its pending reward and claims it', async () => {
    await open('staking');
    await selectAccount('Eve');
    const position = page.locator('[data-testid="positions"] tr[data-prover="Bob"]');
    // Active now: 1,000 PROVA backing Bob, and a share of the last job's reward.
    await waitText(position, /^Bob1,000 PROVA/, 20_000, 'the active stake');
    const pending = await waitText(position.locator('[data-testid="pending"]'), /^0\.\d*[1-9]\d* PROVA$/, 20_000, 'a pending reward');
    const onChain = (await api.call.proversApi.delegations(who.Eve.address))[0].pendingRewards.toBigInt();
    assert.ok(onChain > 0n && onChain < UNIT, `pending ${onChain}`);
    await page.selectOption('#position-prover', who.Bob.address);
    const result = await transact('claim', /Included|Failed/);
    assert.match(result, /provers\.RewardsClaimed/);
    assert.ok(result.includes(`amount: ${pending}`), `claimed what was shown pending (${pending}): ${result}`);
    await waitText(position.locator('[data-testid="pending"]'), /^0 PROVA$/);
  });

  step('the delegator undelegates part; withdrawing before the unbonding period is refused by name', async () => {
    await page.fill('#undelegate-amount', '100');
    const result = await transact('undelegate', /Included|Failed/);
    assert.match(result, /provers\.Unbonding/);
    await waitText(page.locator('[data-testid="positions"] tr[data-prover="Bob"]'), /100 PROVA at #\d+/);
    const refused = await transact('withdraw', /Failed/);
    assert.equal(await page.locator('[data-testid="withdraw"] [data-testid="tx-result"]').getAttribute('data-error'), 'provers.NothingToWithdraw');
    assert.ok(refused.includes(api.errors.provers.NothingToWithdraw.meta.docs.join(' ').trim()), refused);
    assert.doesNotMatch(refused, /0x[0-9a-f]{4,}/i);
    await shot('staking');
  });

  step('without the polkadot.js extension, the page says so', async () => {
    await page.click('#account-picker button');
    await waitText(page.locator('#account-picker'), /No polkadot\.js extension found/, 15_000);
  });

  step('the node is chosen by ?rpc= and in the page', async () => {
    await page.goto(`${WEB}/?rpc=${encodeURIComponent('ws://127.0.0.1:9')}#/market`);
    await page.locator('[data-testid="offline"]').waitFor({ timeout: 30_000 });
    await page.fill('#rpc-url', WS);
    await page.click('#rpc-form button');
    await page.locator('[data-testid="best-block"]').waitFor({ timeout: 30_000 });
    assert.equal(new URL(page.url()).searchParams.get('rpc'), WS);
  });

  test('no script error in the page', () => {
    const unexpected = pageErrors.filter((e) => !/ws:\/\/127\.0\.0\.1:9\b|WebSocket|API-WS|Failed to load resource/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
