// A token holder, a prover and an application on a fresh dev chain, through
// polkadot.js and the node's metadata alone:
//
// - Alice registers the poseidon_chain fixture circuit with the verifier and
//   lists it on the market;
// - Bob registers as a prover (there is no prover daemon here: Bob's side is
//   plain extrinsics, his proof the checked-in fixture proof);
// - Charlie, a token holder, delegates to Bob;
// - Eve's request below the cheapest ask and Ferdie's delegation beyond his
//   balance fail with errors named by the metadata, moving nothing but fees;
// - Dave, an application, requests a proof of the fixture's input, the chain
//   assigns it to Bob, Bob submits the fixture proof, Dave sees the request
//   settled; Charlie claims his share of Bob's reward;
// - Dave then asks for a Dutch auction instead of the election: Bob sees the
//   opening with its price, locks it and is paid exactly the ramp's price of
//   the block he locked in.
//
// After every step each account's free balance and holds, and the total
// issuance, are compared to the plank with what the fees (from
// `transactionPayment.TransactionFeePaid`), holds and payments should have
// made them. Then every storage item of every pallet is read and every event
// of the blocks the test made is decoded.

import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { after, before, describe, test } from 'node:test';
import {
  MILLI_UNIT, UNIT, bestNumber, connect, devAccounts, eventsOf, palletAccount, submit, waitForEvent,
} from './lib/chain.mjs';
import { eventFields, plain } from './lib/codec.mjs';
import { poseidonChainFixture, publicInputs } from './lib/fixtures.mjs';
import { Ledger } from './lib/ledger.mjs';
import { splitReward } from './lib/rewards.mjs';

const STEP_MS = 60_000;

// The fixture at 2^13 rows: two work units, so a price is twice the ask.
const fixture = poseidonChainFixture(13);
const WORK_UNITS = 2n;
const BOND = 1_000n * UNIT;
const ASK = 2n * UNIT;
const COMMISSION = 100_000_000n; // Perbill parts: 10%
const DELEGATION = 350n * UNIT;
const WARMUP = 28_800 + 1_200; // blocks a delegation warms up: a day and an hour
const MAX_FEE = 5n * UNIT;
const DEADLINE = 20; // blocks from the lock
const LOCK_WINDOW = 5; // blocks an offered prover has to lock
const JOB_COLLATERAL = 'Market.JobCollateral';
const HARDWARE = { cpuCores: 16, memoryGib: 64, gpu: 'None' };
const NO_REQUIREMENTS = { hardware: { cpuCores: 0, memoryGib: 0, gpu: 'None' }, minStake: 0, minReputation: 0 };

const ESCROW = 'Market.RequestEscrow';
const REQUEST_DEPOSIT = 'Market.RequestDeposit';
const PROVER_BOND = 'Provers.ProverBond';
const DELEGATED = 'Provers.Delegation';
const CIRCUIT_DEPOSIT = 'Verifier.CircuitDeposit';

describe('staking and a proof request through polkadot.js', () => {
  let api;
  let who;
  let ledger;
  let firstBlock;
  let broken = false;
  // Filled in as the story goes.
  const state = {};

  /** Runs a step of the story unless an earlier one failed (the later ones depend on it). */
  function step(name, fn, { timeout = STEP_MS, always = false } = {}) {
    test(name, { timeout }, async (t) => {
      if (broken && !always) {
        t.skip('an earlier step failed');
        return;
      }
      try {
        await fn(t);
      } catch (error) {
        broken = true;
        throw error;
      }
    });
  }

  /** Submits and asserts success; returns the result. */
  async function ok(signer, tx) {
    const result = await submit(api, signer, tx);
    assert.equal(result.error, null, `${tx.method.section}.${tx.method.method} from ${signer.meta.name} failed: ${JSON.stringify(result.error)}`);
    return result;
  }

  /** The one event `section.method` of a result, as plain fields. */
  function theEvent(result, section, method) {
    const found = eventsOf(api, result, section, method);
    assert.equal(found.length, 1, `one ${section}.${method} in ${result.events.map((e) => `${e.section}.${e.method}`)}`);
    return eventFields(found[0]);
  }

  /** The later of some results' blocks (one author, no forks: it descends from the others). */
  function latest(results) {
    return results.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a)).blockHash;
  }

  before(async () => {
    api = await connect();
    who = devAccounts(api);
    const best = await api.rpc.chain.getHeader();
    firstBlock = best.number.toNumber() + 1;
    const at = await api.at(best.hash);
    // The story needs a fresh dev chain: no provers, the circuit unknown.
    assert.equal((await at.query.provers.counterForProvers()).toNumber(), 0, 'a fresh dev chain (scripts/test-js.sh starts one): provers are registered already');
    assert.ok((await at.query.verifier.circuits(fixture.circuit)).isNone, 'a fresh dev chain: the fixture circuit is registered already');
    state.rewardPot = palletAccount(api, 'prv/rwds');
    state.treasury = palletAccount(api, 'prv/trsy');
    ledger = new Ledger(api);
    await ledger.track({
      alice: who.alice.address,
      bob: who.bob.address,
      charlie: who.charlie.address,
      dave: who.dave.address,
      eve: who.eve.address,
      ferdie: who.ferdie.address,
      rewardPot: state.rewardPot,
      treasury: state.treasury,
    }, best.hash.toHex());
  });

  after(async () => {
    await api?.disconnect();
  });

  step('the circuit owner registers the fixture circuit; a prover registers with a self-bond', async () => {
    const [registered, prover] = await Promise.all([
      ok(who.alice, api.tx.verifier.registerCircuit(fixture.verifierDataHex)),
      ok(who.bob, api.tx.provers.register(HARDWARE, 4, ASK, COMMISSION, BOND)),
    ]);
    // Deposit: 10 PROVA plus 0.01 PROVA per byte of verifier data.
    const deposit = 10n * UNIT + 10n * MILLI_UNIT * BigInt(fixture.verifierData.length);
    const circuitEvent = theEvent(registered, 'verifier', 'CircuitRegistered');
    assert.deepEqual(circuitEvent, {
      circuit: fixture.circuit, owner: who.alice.address, degreeBits: BigInt(fixture.degree), publicInputs: 8n, deposit,
    });
    state.publicInputCount = Number(circuitEvent.publicInputs);
    assert.deepEqual(theEvent(prover, 'provers', 'Registered'), { prover: who.bob.address, bond: BOND });

    ledger.fee('alice', registered.fee);
    ledger.hold('alice', CIRCUIT_DEPOSIT, deposit);
    ledger.fee('bob', prover.fee);
    ledger.hold('bob', PROVER_BOND, BOND);
    await ledger.check(latest([registered, prover]), 'after registering');
  });

  step('the owner lists the circuit; a token holder delegates to the prover', async () => {
    const [listed, delegated] = await Promise.all([
      ok(who.alice, api.tx.market.listCircuit(fixture.circuit, fixture.inputElements, fixture.descriptor)),
      ok(who.charlie, api.tx.provers.delegate(who.bob.address, DELEGATION)),
    ]);
    assert.deepEqual(theEvent(listed, 'market', 'CircuitListed'), {
      circuit: fixture.circuit, inputElements: 4n, outputElements: 4n, workUnits: WORK_UNITS,
    });
    // Held at once, active (backing Bob and earning) only after the warm-up.
    assert.deepEqual(theEvent(delegated, 'provers', 'Delegated'), {
      delegator: who.charlie.address, prover: who.bob.address, amount: DELEGATION, activeFrom: BigInt(delegated.blockNumber + WARMUP),
    });
    state.activeFrom = BigInt(delegated.blockNumber + WARMUP);
    ledger.fee('alice', listed.fee);
    ledger.fee('charlie', delegated.fee);
    ledger.hold('charlie', DELEGATED, DELEGATION);
    const at = latest([listed, delegated]);
    await ledger.check(at, 'after listing and delegating');
    // How Apps' Accounts page sees the delegation: reserved, not transferable.
    const shown = await api.derive.balances.all(who.charlie.address);
    assert.equal(shown.reservedBalance.toBigInt(), DELEGATION);
    assert.equal(shown.freeBalance.toBigInt(), ledger.expected('charlie').free);

    // What a requester's client asks first (runtime API, typed by the metadata).
    const quote = (await (await api.at(at)).call.proofMarketApi.quote(fixture.circuit, NO_REQUIREMENTS)).unwrap();
    assert.deepEqual(
      { workUnits: plain(quote.workUnits), cheapestAsk: quote.cheapestAsk.unwrap().toBigInt(), minFee: quote.minFee.unwrap().toBigInt(), availableNow: quote.availableNow.isTrue },
      { workUnits: WORK_UNITS, cheapestAsk: ASK, minFee: ASK * WORK_UNITS, availableNow: true },
    );
    const delegations = await (await api.at(at)).call.proversApi.delegations(who.charlie.address);
    assert.deepEqual(delegations.map((d) => ({
      prover: d.prover.toString(), amount: d.amount.toBigInt(), pending: d.pendingRewards.toBigInt(),
      warming: d.warming.isSome ? d.warming.unwrap().map((x) => x.toBigInt()) : null,
    })), [
      { prover: who.bob.address, amount: 0n, pending: 0n, warming: [DELEGATION, state.activeFrom] },
    ]);
  });

  step('a request below the cheapest ask and a delegation beyond the free balance fail by name; an application submits a request', async () => {
    const nextId = (await api.query.market.nextRequestId()).toBigInt();
    const [cheap, tooMuch, request] = await Promise.all([
      submit(api, who.eve, api.tx.market.submitRequest(fixture.circuit, fixture.inputHex, ASK * WORK_UNITS - 1n, DEADLINE, NO_REQUIREMENTS)),
      submit(api, who.ferdie, api.tx.provers.delegate(who.bob.address, 2_000_000n * UNIT)),
      ok(who.dave, api.tx.market.submitRequest(fixture.circuit, fixture.inputHex, MAX_FEE, DEADLINE, NO_REQUIREMENTS)),
    ]);

    // Errors decoded from the metadata alone, with their documentation.
    assert.equal(cheap.error?.name, 'market.FeeBelowCheapestAsk');
    assert.match(cheap.error.docs, /below the cheapest qualifying prover's price/);
    assert.equal(eventsOf(api, cheap, 'system', 'ExtrinsicFailed').length, 1);
    assert.equal(eventsOf(api, cheap, 'market', 'RequestSubmitted').length, 0);
    assert.equal(tooMuch.error?.name, 'Token.FundsUnavailable');
    assert.equal(eventsOf(api, tooMuch, 'provers', 'Delegated').length, 0);

    const submitted = theEvent(request, 'market', 'RequestSubmitted');
    const deposit = api.consts.market.requestDeposit.toBigInt();
    assert.deepEqual(submitted, {
      request: nextId, requester: who.dave.address, circuit: fixture.circuit, maxFee: MAX_FEE, deposit,
      terms: { mechanism: { election: null }, latency: null, settlement: 'Direct' },
    });
    state.deposit = deposit;
    state.request = submitted.request;
    state.requestBlock = request.blockNumber;

    // The failed calls cost their senders the fee and nothing else.
    ledger.fee('eve', cheap.fee);
    ledger.fee('ferdie', tooMuch.fee);
    ledger.fee('dave', request.fee);
    ledger.hold('dave', ESCROW, MAX_FEE);
    ledger.hold('dave', REQUEST_DEPOSIT, deposit);
    await ledger.check(latest([cheap, tooMuch, request]), 'after the requests');
    assert.equal((await api.query.market.nextRequestId()).toBigInt(), nextId + 1n, 'only one request was accepted');
  });

  step('the request is offered to the prover, locked with collateral, proved with the fixture proof and settled', async () => {
    const { request } = state;
    const isOurs = (section, method) => (event) => api.events[section][method].is(event) && event.data.request.toBigInt() === request;

    // The chain elects a prover at the start of a later block and offers it the job.
    const offered = await waitForEvent(api, {
      fromBlock: state.requestBlock + 1, maxBlocks: 5, predicate: isOurs('market', 'RequestOffered'), what: 'the offer',
    });
    const price = ASK * WORK_UNITS;
    assert.deepEqual(eventFields(offered.event.data), {
      request, prover: who.bob.address, price, lockBy: BigInt(offered.blockNumber + LOCK_WINDOW), attempt: 1n,
    });
    // Collateral: twice the price, at least 1 PROVA.
    const collateral = 2n * price > UNIT ? 2n * price : UNIT;

    // What Bob's client polls: his offers and jobs, with the input to prove.
    const jobs = await (await api.at(offered.blockHash)).call.proofMarketApi.jobs(who.bob.address);
    assert.deepEqual(jobs.map((job) => ({
      request: job.request.toBigInt(), circuit: job.circuit.toHex(), input: job.input.toHex(), price: job.price.toBigInt(),
      attempt: job.attempt.toNumber(), collateral: job.collateral.toBigInt(), offered: job.stage.isOffered,
    })), [{ request, circuit: fixture.circuit, input: fixture.inputHex, price, attempt: 1, collateral, offered: true }]);

    // Bob takes the job: his collateral is held from his free balance.
    const locked = await ok(who.bob, api.tx.market.lockRequest(request));
    const lockEvent = theEvent(locked, 'market', 'RequestLocked');
    assert.deepEqual({ request: lockEvent.request, prover: lockEvent.prover, collateral: lockEvent.collateral },
      { request, prover: who.bob.address, collateral });
    ledger.fee('bob', locked.fee);
    ledger.hold('bob', JOB_COLLATERAL, collateral);
    await ledger.check(locked.blockHash, 'after the lock');

    // Dave, the application, waits for the settlement while Bob proves.
    const settled = waitForEvent(api, {
      fromBlock: offered.blockNumber, maxBlocks: DEADLINE + LOCK_WINDOW, predicate: isOurs('market', 'RequestFulfilled'), what: 'the settlement',
    });
    const pis = publicInputs(fixture.proof, state.publicInputCount);
    const proved = await ok(who.bob, api.tx.market.submitProof(request, pis, fixture.proofHex));
    const fulfilled = await settled;
    assert.equal(fulfilled.blockHash, proved.blockHash);

    // Charlie's stake is still warming up: it did not back this job, so Bob's
    // bond, the only active stake, takes the whole price.
    const split = splitReward({ amount: price, commission: COMMISSION, selfBond: BOND, delegated: 0n, rewardPerShare: 0n });
    assert.equal(split.toDelegators, 0n);
    assert.deepEqual(eventFields(fulfilled.event.data), { request, prover: who.bob.address, price, refunded: MAX_FEE - price });
    assert.deepEqual(theEvent(proved, 'provers', 'Rewarded'), {
      prover: who.bob.address, amount: price, toProver: split.toProver, toDelegators: split.toDelegators,
    });

    // A valid proof from the assignee costs it no fee: proving pays.
    assert.equal(proved.fee, 0n, 'the proof transaction was refunded');
    // The escrow and deposit are released, the price paid out of the escrow
    // to Bob and the reward pot.
    ledger.fee('bob', proved.fee);
    ledger.release('bob', JOB_COLLATERAL, collateral);
    ledger.release('dave', ESCROW, MAX_FEE);
    ledger.release('dave', REQUEST_DEPOSIT, state.deposit);
    ledger.transfer('dave', 'bob', split.toProver);
    ledger.transfer('dave', 'rewardPot', split.toDelegators);
    await ledger.check(proved.blockHash, 'after the settlement');

    const at = await api.at(proved.blockHash);
    const stored = (await at.query.market.requests(request)).unwrap();
    assert.ok(stored.status.isFulfilled, `status ${stored.status.type}`);
    const status = stored.status.asFulfilled;
    assert.deepEqual(
      { prover: status.prover.toString(), price: status.price.toBigInt(), output: status.output.map((x) => x.toBigInt()), at: status.at.toNumber() },
      { prover: who.bob.address, price, output: pis.slice(4), at: proved.blockNumber },
    );
    assert.equal(stored.input.length, 0, 'an ended request keeps no input');
    const record = (await at.query.provers.provers(who.bob.address)).unwrap();
    assert.equal(record.rewardPerShare.toBigInt(), split.rewardPerShare);
    // Bob was the only eligible prover: the job counts, but raises no reputation.
    assert.deepEqual(record.reputation.toJSON(), { assigned: 1, fulfilled: 1, missed: 0, invalid: 0, declined: 0, lapsed: 0, goodUnits: 0, badUnits: 0, decayEpoch: 0 });
    assert.equal(record.inUse.toNumber(), 0);
    assert.deepEqual((await at.query.market.jobs.entries(who.bob.address)).length, 0);
    state.rewardPerShare = split.rewardPerShare;
  });

  step('the token holder has nothing to claim while its stake warms up, and is told so by name', async () => {
    const [before] = await api.call.proversApi.delegations(who.charlie.address);
    assert.equal(before.pendingRewards.toBigInt(), 0n);
    const refused = await submit(api, who.charlie, api.tx.provers.claimRewards(who.bob.address));
    assert.equal(refused.error?.name, 'provers.NoRewards');
    ledger.fee('charlie', refused.fee);
    await ledger.check(refused.blockHash, 'after the refused claim');
    state.lastBlock = refused.blockNumber;
  });

  step('a requester picks a Dutch auction: the prover locks at the block\'s price on the ramp and is paid exactly that', async () => {
    const FLOOR = ASK / 2n; // per work unit
    const RAMP = 10;
    const terms = { mechanism: { Dutch: { floor: FLOOR, rampBlocks: RAMP } }, latency: null };
    const submitted = await ok(who.dave, api.tx.market.submitRequestWithTerms(fixture.circuit, fixture.inputHex, MAX_FEE, DEADLINE, NO_REQUIREMENTS, terms));
    const { request } = theEvent(submitted, 'market', 'RequestSubmitted');
    ledger.fee('dave', submitted.fee);
    ledger.hold('dave', ESCROW, MAX_FEE);
    ledger.hold('dave', REQUEST_DEPOSIT, state.deposit);
    await ledger.check(submitted.blockHash, 'after the Dutch request');

    // The ramp: the floor times the work units, rising to the fee over RAMP blocks.
    const start = FLOOR * WORK_UNITS;
    const priceAt = (block) => {
      const elapsed = BigInt(Math.min(block - submitted.blockNumber, RAMP));
      return start + ((MAX_FEE - start) * elapsed) / BigInt(RAMP);
    };
    // What Bob's client polls besides its jobs: the auctions open to it.
    const openings = await (await api.at(submitted.blockHash)).call.proofMarketApi.openings(who.bob.address);
    assert.deepEqual(openings.map((o) => ({ request: o.request.toBigInt(), dutch: o.phase.isDutch, price: o.phase.asDutch.price.toBigInt() })),
      [{ request, dutch: true, price: priceAt(submitted.blockNumber) }]);

    const locked = await ok(who.bob, api.tx.market.lockRequest(request));
    const price = priceAt(locked.blockNumber);
    const collateral = 2n * price > UNIT ? 2n * price : UNIT;
    assert.deepEqual(theEvent(locked, 'market', 'RequestLocked'), {
      request, prover: who.bob.address, price, collateral, deadline: BigInt(locked.blockNumber + DEADLINE),
    });
    ledger.fee('bob', locked.fee);
    ledger.hold('bob', JOB_COLLATERAL, collateral);
    await ledger.check(locked.blockHash, 'after the Dutch lock');

    const pis = publicInputs(fixture.proof, state.publicInputCount);
    const proved = await ok(who.bob, api.tx.market.submitProof(request, pis, fixture.proofHex));
    assert.deepEqual(theEvent(proved, 'market', 'RequestFulfilled'), { request, prover: who.bob.address, price, refunded: MAX_FEE - price });
    const split = splitReward({ amount: price, commission: COMMISSION, selfBond: BOND, delegated: 0n, rewardPerShare: state.rewardPerShare });
    ledger.fee('bob', proved.fee);
    ledger.release('bob', JOB_COLLATERAL, collateral);
    ledger.release('dave', ESCROW, MAX_FEE);
    ledger.release('dave', REQUEST_DEPOSIT, state.deposit);
    ledger.transfer('dave', 'bob', split.toProver);
    ledger.transfer('dave', 'rewardPot', split.toDelegators);
    await ledger.check(proved.blockHash, 'after the Dutch settlement');
    state.lastBlock = proved.blockNumber;
  });

  // The last two read whatever the story left, even if it broke off.
  step('every storage item of every pallet decodes, and re-encodes to the bytes stored', async () => {
    state.lastBlock ??= await bestNumber(api);
    const hash = (await api.rpc.chain.getBlockHash(state.lastBlock)).toHex();
    const at = await api.at(hash);
    const counts = {};
    for (const section of Object.keys(at.query)) {
      if (section === 'substrate') continue; // well-known keys (`:code`), not a pallet
      for (const [name, query] of Object.entries(at.query[section])) {
        const { type, modifier } = query.creator.meta;
        const optional = modifier.isOptional;
        const entries = type.isMap ? await query.entries() : [[query.key(), await query()]];
        for (const [key, value] of entries) {
          const stored = await api.rpc.state.getStorage.raw(key, hash);
          if (stored === null) {
            // Not stored: an optional item reads as None, a default one as its default.
            if (optional) assert.ok(value.isNone, `${section}.${name} is absent but decoded as ${value}`);
            continue;
          }
          const decoded = optional ? value.unwrap() : value;
          assert.equal(u8aToHex(decoded.toU8a()), stored, `${section}.${name} at ${typeof key === 'string' ? key : key.toHex()}`);
          decoded.toHuman();
          if (type.isMap) key.args.forEach((arg) => arg.toHuman());
        }
        counts[`${section}.${name}`] = entries.length;
      }
    }
    // The story's records are among them.
    for (const [item, least] of Object.entries({
      'provers.provers': 1, 'provers.delegations': 1, 'verifier.circuits': 1, 'verifier.verifierData': 1,
      'market.listings': 1, 'market.requests': 1, 'market.retiring': 1, 'balances.holds': 3, 'system.account': 8,
      'session.nextKeys': 1, 'validatorSet.validators': 1,
    })) {
      assert.ok(counts[item] >= least, `${item}: ${counts[item]} entries`);
    }
  }, { always: true });

  step('every event of the blocks the test made decodes by the metadata', async () => {
    state.lastBlock ??= await bestNumber(api);
    const seen = new Set();
    for (let number = firstBlock; number <= state.lastBlock; number += 1) {
      const hash = (await api.rpc.chain.getBlockHash(number)).toHex();
      const at = await api.at(hash);
      const records = await at.query.system.events();
      const raw = await api.rpc.state.getStorage.raw(at.query.system.events.key(), hash);
      assert.equal(u8aToHex(records.toU8a()), raw, `block ${number}: the events re-encode to the stored bytes`);
      for (const { phase, event, topics } of records) {
        const meta = api.events[event.section]?.[event.method];
        assert.ok(meta && meta.is(event), `block ${number}: ${event.section}.${event.method} is in the metadata`);
        assert.equal(event.data.length, meta.meta.fields.length);
        event.data.toHuman();
        phase.toHuman();
        topics.toHuman();
        seen.add(`${event.section}.${event.method}`);
      }
      // And the block's extrinsics decode too.
      const { block } = await api.rpc.chain.getBlock(hash);
      for (const extrinsic of block.extrinsics) {
        assert.ok(api.tx[extrinsic.method.section]?.[extrinsic.method.method], `${extrinsic.method.section}.${extrinsic.method.method}`);
        extrinsic.toHuman();
      }
    }
    for (const name of [
      'verifier.CircuitRegistered', 'market.CircuitListed', 'provers.Registered', 'provers.Delegated',
      'market.RequestSubmitted', 'market.RequestOffered', 'market.RequestLocked', 'provers.Rewarded', 'market.RequestFulfilled',
      'system.ExtrinsicFailed', 'transactionPayment.TransactionFeePaid', 'balances.Held',
    ]) {
      assert.ok(seen.has(name), `${name} among ${[...seen].sort()}`);
    }
  }, { always: true });
});
