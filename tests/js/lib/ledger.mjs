// Expected balances, kept to the plank: every fee, hold, release and payment
// the test causes is booked here and compared with the chain's state.

import assert from 'node:assert/strict';
import { balancesOf } from './chain.mjs';

export class Ledger {
  constructor(api) {
    this.api = api;
    this.accounts = new Map();
    this.fees = 0n;
    this.issuance = null;
  }

  /** Starts tracking accounts (name -> address) from their state at `blockHash`. */
  async track(named, blockHash) {
    for (const [name, address] of Object.entries(named)) {
      const { free, holds } = await balancesOf(this.api, address, blockHash);
      this.accounts.set(name, { address, free, holds: { ...holds } });
    }
    if (this.issuance === null) {
      this.issuance = (await (await this.api.at(blockHash)).query.balances.totalIssuance()).toBigInt();
    }
  }

  entry(name) {
    const entry = this.accounts.get(name);
    if (!entry) throw new Error(`untracked account ${name}`);
    return entry;
  }

  /** A transaction fee: taken from free balance and burnt (the runtime has no fee recipient). */
  fee(name, amount) {
    this.entry(name).free -= amount;
    this.fees += amount;
  }

  hold(name, reason, amount) {
    const entry = this.entry(name);
    entry.free -= amount;
    entry.holds[reason] = (entry.holds[reason] ?? 0n) + amount;
  }

  release(name, reason, amount) {
    const entry = this.entry(name);
    entry.holds[reason] = (entry.holds[reason] ?? 0n) - amount;
    if (entry.holds[reason] === 0n) delete entry.holds[reason];
    entry.free += amount;
  }

  transfer(from, to, amount) {
    this.entry(from).free -= amount;
    this.entry(to).free += amount;
  }

  expected(name) {
    const { free, holds } = this.entry(name);
    const reserved = Object.values(holds).reduce((sum, amount) => sum + amount, 0n);
    return { free, reserved, frozen: 0n, holds: { ...holds } };
  }

  /** Every tracked account, and the total issuance, at `blockHash` equal what was booked. */
  async check(blockHash, when) {
    for (const [name, { address }] of this.accounts) {
      const actual = await balancesOf(this.api, address, blockHash);
      assert.deepEqual(actual, this.expected(name), `${name}'s balances ${when}`);
    }
    const issuance = (await (await this.api.at(blockHash)).query.balances.totalIssuance()).toBigInt();
    assert.equal(issuance, this.issuance - this.fees, `total issuance ${when}: the start less the fees burnt`);
  }
}
