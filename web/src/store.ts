// The market's and the registry's state, read from storage and the runtime
// APIs (`ProversApi`, `ProofMarketApi`) and turned into plain records the
// pages show.

import { AnyCodec, Api, big, circuitName } from './chain';

/** A listed circuit, with what the verifier knows of it. */
export interface CircuitView {
  id: string;
  name: string;
  descriptor: string;
  inputElements: number;
  outputElements: number;
  workUnits: bigint;
  degreeBits?: number;
  owner?: string;
  openRequests: number;
}

/** A proof request as stored (open, or ended within the retention period). */
export interface RequestView {
  id: bigint;
  requester: string;
  circuit: string;
  maxFee: bigint;
  deposit: bigint;
  deadlineBlocks: number;
  submittedAt: number;
  /** Provers that locked it and failed, in order. */
  failed: string[];
  /** Provers that were offered it and did not lock it. */
  declined: string[];
  compensated: bigint;
  /** `Queued`, `Offered`, `Locked`, `Fulfilled`, `Expired`, `Cancelled`, `Bidding`, `Dutch`, `Racing`, `Claimed`. */
  status: string;
  /** The status' fields (codecs). */
  statusFields: Record<string, AnyCodec>;
  /** Who holds or proved it. */
  prover?: string;
  /** The price it is locked at or was paid. */
  price?: bigint;
  output?: string[];
  /** The block it ended in. */
  endedAt?: number;
  mechanism: string;
  settlement: string;
  inputBytes: number;
  raw: AnyCodec;
}

const OPEN = new Set(['Queued', 'Bidding', 'Dutch', 'Racing', 'Offered', 'Locked', 'Claimed']);

export function isOpen(request: RequestView): boolean {
  return OPEN.has(request.status);
}

/** Blocks from submission to settlement, for a fulfilled request. */
export function latencyBlocks(request: RequestView): number | undefined {
  return request.status === 'Fulfilled' && request.endedAt !== undefined ? request.endedAt - request.submittedAt : undefined;
}

/** A stored `Request` as a `RequestView`. */
export function requestView(id: bigint, r: AnyCodec): RequestView {
  const status = r.status;
  const value = status.value;
  const statusFields: Record<string, AnyCodec> = {};
  // Every status is a struct variant: a Struct is a Map of its fields.
  if (value instanceof Map) for (const [k, v] of value.entries()) statusFields[k] = v;
  const prover = statusFields.prover?.toString();
  const price = statusFields.price !== undefined ? big(statusFields.price) : undefined;
  const at = statusFields.at !== undefined ? Number(statusFields.at.toString()) : undefined;
  const output = statusFields.output ? [...statusFields.output].map((x: AnyCodec) => x.toString()) : undefined;
  return {
    id,
    requester: r.requester.toString(),
    circuit: r.circuit.toHex(),
    maxFee: big(r.maxFee),
    deposit: big(r.deposit),
    deadlineBlocks: Number(r.deadlineBlocks.toString()),
    submittedAt: Number(r.submittedAt.toString()),
    failed: [...r.failed].map((a: AnyCodec) => a.toString()),
    declined: [...r.declined].map((a: AnyCodec) => a.toString()),
    compensated: big(r.compensated),
    status: status.type,
    statusFields,
    prover,
    price,
    output,
    endedAt: ['Fulfilled', 'Expired', 'Cancelled'].includes(status.type) ? at : undefined,
    mechanism: r.terms.mechanism.type,
    settlement: r.terms.settlement.type,
    inputBytes: r.input.length,
    raw: r,
  };
}

/** Every stored request, newest first. */
export async function loadRequests(api: Api): Promise<RequestView[]> {
  const entries = await api.query.market.requests.entries();
  return entries
    .map(([key, value]: [AnyCodec, AnyCodec]) => requestView(key.args[0].toBigInt(), value.unwrap()))
    .sort((a: RequestView, b: RequestView) => (a.id < b.id ? 1 : -1));
}

/** One request, or undefined if unknown or removed after its retention. */
export async function loadRequest(api: Api, id: bigint): Promise<RequestView | undefined> {
  const stored = await api.query.market.requests(id);
  return stored.isSome ? requestView(id, stored.unwrap()) : undefined;
}

/** The listed circuits, by id, with their degree and owner from the verifier. */
export async function loadCircuits(api: Api): Promise<Map<string, CircuitView>> {
  const listings = await api.query.market.listings.entries();
  const ids = listings.map(([key]: [AnyCodec]) => key.args[0]);
  const infos = ids.length ? await api.query.verifier.circuits.multi(ids) : [];
  const out = new Map<string, CircuitView>();
  listings.forEach(([key, value]: [AnyCodec, AnyCodec], i: number) => {
    const listing = value.unwrap();
    const info = infos[i]?.isSome ? infos[i].unwrap() : undefined;
    const descriptor = new TextDecoder().decode(listing.descriptor.toU8a(true));
    const degreeBits = info ? Number(info.degreeBits.toString()) : undefined;
    const id = key.args[0].toHex();
    out.set(id, {
      id,
      name: circuitName(descriptor, degreeBits),
      descriptor,
      inputElements: Number(listing.inputElements.toString()),
      outputElements: Number(listing.outputElements.toString()),
      workUnits: big(listing.workUnits),
      degreeBits,
      owner: info?.owner.toString(),
      openRequests: Number(listing.openRequests.toString()),
    });
  });
  return out;
}

/** A registered prover with its runtime-API view (backing, decayed reputation score, services, unbonding). */
export interface ProverView {
  address: string;
  status: string;
  hardware: { cpuCores: number; memoryGib: number; gpu: string };
  capacity: number;
  inUse: number;
  unitsInUse: bigint;
  ask: bigint;
  /** Perbill parts. */
  commission: bigint;
  selfBond: bigint;
  delegated: bigint;
  delegators: number;
  backing: bigint;
  /** Perbill parts. */
  score: bigint;
  reputation: Record<string, number>;
  services: AnyCodec[];
  unbonding: { amount: bigint; unlockAt: number }[];
  /** A scheduled commission increase: Perbill parts and the block it applies from. */
  pendingCommission?: { commission: bigint; from: number };
  /** Delegated stake still warming up. */
  warming: bigint;
}

/** Every registered prover. */
export async function loadProvers(api: Api): Promise<ProverView[]> {
  const [entries, pending, warming] = await Promise.all([
    api.query.provers.provers.entries(),
    api.query.provers.pendingCommission.entries(),
    api.query.provers.warming.entries(),
  ]);
  const pendingBy = new Map<string, AnyCodec>(pending.map(([k, v]: [AnyCodec, AnyCodec]) => [k.args[0].toString(), v.unwrap()]));
  const warmingBy = new Map<string, bigint>(
    warming.map(([k, v]: [AnyCodec, AnyCodec]) => [k.args[0].toString(), [...v].reduce((sum: bigint, s: AnyCodec) => sum + big(s.amount), 0n)]),
  );
  const infos = await Promise.all(entries.map(([key]: [AnyCodec]) => api.call.proversApi.prover(key.args[0])));
  return entries.map(([key, value]: [AnyCodec, AnyCodec], i: number) => {
    const address = key.args[0].toString();
    const record = value.unwrap();
    const info = infos[i].isSome ? infos[i].unwrap() : undefined;
    const pendingIncrease = pendingBy.get(address);
    return {
      address,
      status: record.status.type,
      hardware: {
        cpuCores: Number(record.hardware.cpuCores.toString()),
        memoryGib: Number(record.hardware.memoryGib.toString()),
        gpu: record.hardware.gpu.type,
      },
      capacity: Number(record.capacity.toString()),
      inUse: Number(record.inUse.toString()),
      unitsInUse: big(record.unitsInUse),
      ask: big(record.ask),
      commission: big(record.commission),
      selfBond: big(record.selfBond),
      delegated: big(record.delegated),
      delegators: Number(record.delegators.toString()),
      backing: info ? big(info.backing) : big(record.selfBond) + big(record.delegated),
      score: info ? big(info.reputationScore) : 0n,
      reputation: Object.fromEntries(Object.entries(record.reputation.toJSON() as Record<string, number>)),
      services: info ? [...info.services] : [],
      unbonding: info ? [...info.unbonding].map((c: AnyCodec) => ({ amount: big(c.amount), unlockAt: Number(c.unlockAt.toString()) })) : [],
      pendingCommission: pendingIncrease ? { commission: big(pendingIncrease[0]), from: Number(pendingIncrease[1].toString()) } : undefined,
      warming: warmingBy.get(address) ?? 0n,
    };
  });
}

/** A delegator's position on one prover (`ProversApi_delegations`). */
export interface PositionView {
  prover: string;
  amount: bigint;
  warming?: { amount: bigint; activeFrom: number };
  pending: bigint;
  unbonding: { amount: bigint; unlockAt: number }[];
}

export async function loadPositions(api: Api, delegator: string): Promise<PositionView[]> {
  const positions = await api.call.proversApi.delegations(delegator);
  return [...positions].map((d: AnyCodec) => ({
    prover: d.prover.toString(),
    amount: big(d.amount),
    warming: d.warming.isSome ? { amount: big(d.warming.unwrap()[0]), activeFrom: Number(d.warming.unwrap()[1].toString()) } : undefined,
    pending: big(d.pendingRewards),
    unbonding: [...d.unbonding].map((c: AnyCodec) => ({ amount: big(c.amount), unlockAt: Number(c.unlockAt.toString()) })),
  }));
}

/** Free and held balance of an account. */
export async function loadBalance(api: Api, address: string): Promise<{ free: bigint; reserved: bigint; holds: [string, bigint][] }> {
  const [account, holds] = await Promise.all([api.query.system.account(address), api.query.balances.holds(address)]);
  return {
    free: big(account.data.free),
    reserved: big(account.data.reserved),
    holds: [...holds].map((hold: AnyCodec) => [`${hold.id.type}.${hold.id.value.type}`, big(hold.amount)]),
  };
}

/** Requirements that every prover meets. */
export const NO_REQUIREMENTS = { hardware: { cpuCores: 0, memoryGib: 0, gpu: 'None' }, minStake: 0, minReputation: 0 };
