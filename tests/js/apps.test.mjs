// What polkadot.js Apps needs from the node, checked with the same API Apps
// is built on: the chain's properties (token, decimals, address format), the
// metadata versions, our pallets' extrinsics as Developer > Extrinsics lists
// them, their fee estimates, constants, errors and runtime calls.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatBalance } from '@polkadot/util';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { UNIT, connect, devAccounts } from './lib/chain.mjs';

const TIMEOUT = 30_000;

// Our pallets' calls, in call-index order, with their arguments, as in
// pallets/*/src/lib.rs (polkadot.js shows snake_case names in camelCase).
const PALLETS = {
  validatorSet: {
    index: 10,
    calls: {
      addValidator: ['who'],
      removeValidator: ['who'],
    },
  },
  provers: {
    index: 20,
    calls: {
      register: ['hardware', 'capacity', 'ask', 'commission', 'bond'],
      bondMore: ['amount'],
      unbond: ['amount'],
      withdrawUnbonded: ['prover'],
      update: ['hardware', 'capacity', 'ask', 'commission'],
      chill: [],
      activate: [],
      deregister: [],
      delegate: ['prover', 'amount'],
      undelegate: ['prover', 'amount'],
      claimRewards: ['prover'],
      setParameters: ['minProverBond', 'minDelegation', 'missedDeadlineSlash', 'invalidProofSlash'],
      forceChill: ['prover'],
      liftForceChill: ['prover'],
      forceRemove: ['prover'],
      settleLeaving: ['prover', 'staker'],
      setServices: ['services'],
    },
  },
  verifier: {
    index: 21,
    calls: {
      registerCircuit: ['verifierData'],
      unregisterCircuit: ['circuit'],
      verifyProof: ['circuit', 'publicInputs', 'proof'],
    },
  },
  market: {
    index: 22,
    calls: {
      listCircuit: ['circuit', 'inputElements', 'descriptor'],
      delistCircuit: ['circuit'],
      submitRequest: ['circuit', 'input', 'maxFee', 'deadline', 'requirements'],
      cancelRequest: ['request'],
      submitProof: ['request', 'publicInputs', 'proof'],
      lockRequest: ['request'],
      declineRequest: ['request'],
      submitRequestWithTerms: ['circuit', 'input', 'maxFee', 'deadline', 'requirements', 'terms'],
      commitBid: ['request', 'commitment'],
      revealBid: ['request', 'price', 'salt'],
      postAsk: ['scope', 'price', 'units', 'deadlineBlocks', 'lifetime'],
      cancelAsk: ['ask'],
      submitRequestWithQos: ['circuit', 'input', 'maxFee', 'deadline', 'requirements', 'qos'],
      commitProof: ['request', 'commitment'],
      claimProof: ['request', 'output', 'proofHash'],
      settleBatch: ['requests', 'provers', 'aggregationCircuit', 'proof'],
      registerAggregator: ['endpoint'],
      unregisterAggregator: [],
      setWrapper: ['circuit', 'verifierHash'],
      setAggregationCircuit: ['circuit'],
    },
  },
};

describe('what polkadot.js Apps reads from the node', () => {
  let api;
  let who;

  before(async () => {
    api = await connect();
    who = devAccounts(api);
  });

  after(async () => {
    await api?.disconnect();
  });

  test('chain properties: PROVA, 12 decimals, ss58 prefix 4242', { timeout: TIMEOUT }, async () => {
    const properties = await api.rpc.system.properties();
    assert.deepEqual({
      ss58Format: properties.ss58Format.unwrap().toNumber(),
      tokenDecimals: properties.tokenDecimals.unwrap().map((d) => d.toNumber()),
      tokenSymbol: properties.tokenSymbol.unwrap().map((s) => s.toString()),
    }, { ss58Format: 4242, tokenDecimals: [12], tokenSymbol: ['PROVA'] });
    // What the API (and so Apps) derives from them.
    assert.equal(api.registry.chainSS58, 4242);
    assert.deepEqual(api.registry.chainDecimals, [12]);
    assert.deepEqual(api.registry.chainTokens, ['PROVA']);
    assert.equal(api.consts.system.ss58Prefix.toNumber(), 4242);
    assert.equal(formatBalance(1_500n * UNIT, { decimals: 12, withUnit: 'PROVA', forceUnit: '-' }), '1,500.0000 PROVA');
    // Addresses are shown in the chain's format and decode back to the same key.
    const alice = who.alice;
    assert.equal(alice.address, encodeAddress(alice.publicKey, 4242));
    assert.deepEqual(decodeAddress(alice.address), alice.publicKey);
    assert.equal((await api.rpc.system.chain()).toString(), 'Prova Development');
    // A development chain: Apps lists the well-known accounts (Alice, Bob, ...) on it.
    assert.ok((await api.rpc.system.chainType()).isDevelopment);
    assert.equal(api.runtimeVersion.specName.toString(), 'prova');
    assert.equal(api.consts.balances.existentialDeposit.toBigInt(), 10n * 10n ** 9n, '0.01 PROVA');
  });

  test('metadata: V14, V15 and V16 are offered; each decodes with our pallets', { timeout: TIMEOUT }, async () => {
    const versions = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
    assert.deepEqual(versions, [14, 15, 16]);
    // polkadot.js takes the newest version it knows.
    assert.equal(api.runtimeMetadata.version, 16);
    // state_getMetadata, what tools without runtime-call support read, is V14.
    const v14 = await api.rpc.state.getMetadata();
    assert.equal(v14.version, 14);
    const names = (metadata) => metadata.asLatest.pallets.map((p) => `${p.name}:${p.index}`);
    const expected = ['System:0', 'Timestamp:1', 'Balances:2', 'TransactionPayment:3', 'Sudo:4', 'Treasury:5',
      'Proxy:6', 'ValidatorSet:10', 'Session:11', 'Babe:12', 'Grandpa:13', 'Provers:20', 'Verifier:21', 'Market:22'];
    assert.deepEqual(names(v14), expected);
    assert.deepEqual(names(api.runtimeMetadata), expected);
    // V15 adds the runtime APIs (Developer > Runtime calls in Apps).
    const v15 = api.registry.createType('Metadata', (await api.call.metadata.metadataAtVersion(15)).unwrap());
    assert.equal(v15.version, 15);
    const apis = v15.asLatest.apis.map((a) => a.name.toString());
    for (const name of ['ProversApi', 'ProofMarketApi', 'Plonky2VerifierApi', 'TransactionPaymentApi', 'BabeApi']) {
      assert.ok(apis.includes(name), `${name} in ${apis}`);
    }
  });

  test('Developer > Extrinsics: every call of our pallets, with its arguments and docs', { timeout: TIMEOUT }, async () => {
    for (const [section, { index, calls }] of Object.entries(PALLETS)) {
      assert.ok(api.tx[section], `${section} is listed`);
      assert.deepEqual(Object.keys(api.tx[section]), Object.keys(calls), `${section}'s calls`);
      for (const [i, [method, args]] of Object.entries(calls).entries()) {
        const call = api.tx[section][method];
        assert.deepEqual([...call.callIndex], [index, i], `${section}.${method}'s index`);
        assert.deepEqual(call.meta.args.map((arg) => arg.name.toString()), args, `${section}.${method}'s arguments`);
        assert.ok(call.meta.docs.length > 0, `${section}.${method} has docs`);
        // Apps builds an input for each argument from its type: each has a default.
        for (const arg of call.meta.args) {
          api.registry.createType(arg.type.toString()).toHuman();
        }
      }
    }
    // Encoded call data, as Apps shows it and accepts back (Developer > Decode).
    const call = api.tx.provers.delegate(who.bob.address, 10n * UNIT).method;
    assert.ok(call.toHex().startsWith('0x1408'), 'pallet 20, call 8');
    const decoded = api.createType('Call', call.toHex());
    assert.equal(`${decoded.section}.${decoded.method}`, 'provers.delegate');
    assert.deepEqual(decoded.toHuman().args, { prover: who.bob.address, amount: '10,000,000,000,000' });
  });

  test('fee estimates, as Apps shows them before signing', { timeout: TIMEOUT }, async () => {
    const info = await api.tx.provers.delegate(who.bob.address, 10n * UNIT).paymentInfo(who.charlie.address);
    const fee = info.partialFee.toBigInt();
    // Estimated at the worst case (activating 127 other warmed-up delegations
    // first); the unused part is refunded after dispatch.
    assert.ok(fee > 0n && fee < UNIT / 20n, `a delegation costs ${formatBalance(fee, { decimals: 12, withUnit: 'PROVA' })}`);
    assert.equal(info.class.type, 'Normal');
  });

  test('constants, errors and runtime calls decode from the metadata', { timeout: TIMEOUT }, async () => {
    for (const section of Object.keys(api.consts)) {
      for (const value of Object.values(api.consts[section])) value.toHuman();
    }
    assert.equal(api.consts.provers.unbondingPeriod.toNumber(), 2 * 24 * 1200, 'two days of 3-second blocks');
    assert.equal(api.consts.market.minDeadline.toNumber(), 10);
    assert.equal(api.consts.verifier.circuitDepositBase.toBigInt(), 10n * UNIT);
    assert.match(api.errors.provers.DelegationBelowMinimum.meta.docs.join(' '), /at least the minimum/);
    assert.ok(api.errors.market.FeeBelowCheapestAsk.meta);
    assert.match(api.errors.market.NoQualifiedProver.meta.docs.join(' '), /could ever/);
    assert.equal(api.consts.market.requestDeposit.toBigInt(), UNIT, 'a request holds 1 PROVA');
    assert.equal(api.consts.market.maxOpenRequestsPerAccount.toNumber(), 64);
    const parameters = await api.call.proversApi.parameters();
    assert.deepEqual(
      { minProverBond: parameters.minProverBond.toBigInt(), minDelegation: parameters.minDelegation.toBigInt(), missed: parameters.missedDeadlineSlash.toNumber(), invalid: parameters.invalidProofSlash.toNumber() },
      { minProverBond: 1_000n * UNIT, minDelegation: 10n * UNIT, missed: 0, invalid: 200_000_000 },
    );
    // A locked job's collateral, and how long a new delegation warms up.
    assert.equal(api.consts.market.minCollateral.toBigInt(), UNIT);
    assert.equal(api.consts.market.collateralFactor.toNumber(), 2);
    assert.equal(api.consts.market.lockWindow.toNumber(), 5);
    assert.equal(api.consts.provers.delegationWarmup.toNumber(), 24 * 1200 + 1200, 'a day and an hour');
    // The hold reasons balances.holds reports, one per pallet that holds funds.
    const holdReason = api.registry.lookup.types.find((t) => t.type.path.join('::') === 'prova_runtime::RuntimeHoldReason');
    const variants = holdReason.type.def.asVariant.variants.map((v) => {
      const inner = api.registry.lookup.getSiType(v.fields[0].type).def.asVariant.variants.map((x) => x.name.toString());
      return `${v.name}: ${inner.join(', ')}`;
    });
    assert.deepEqual(variants, ['Session: Keys', 'Provers: ProverBond, Delegation', 'Verifier: CircuitDeposit', 'Market: RequestEscrow, RequestDeposit, JobCollateral, BidBond, AggregatorBond']);
  });
});
