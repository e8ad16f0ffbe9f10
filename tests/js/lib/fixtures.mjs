// The checked-in poseidon_chain fixtures (pallets/plonky2-verifier/fixtures):
// verifier data, a proof with its public inputs, and the input it proves.

import { readFileSync } from 'node:fs';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

const DIR = new URL('../../../pallets/plonky2-verifier/fixtures/', import.meta.url);

/** Rows of the circuit outside the chain of Poseidon steps (prova-circuits' layout_rows(4, 4)). */
const LAYOUT_ROWS = 5;

export function poseidonChainFixture(degree) {
  const read = (ext) => new Uint8Array(readFileSync(new URL(`poseidon_chain-${degree}.${ext}`, DIR)));
  const verifierData = read('vd');
  const proof = read('proof');
  const input = read('input');
  return {
    degree,
    verifierData,
    proof,
    input,
    // A circuit is known by the blake2_256 of its verifier data.
    circuit: blake2AsHex(verifierData, 256),
    // What a listing carries so prover clients rebuild the circuit.
    descriptor: `poseidon_chain/1?steps=${2 ** degree - LAYOUT_ROWS}`,
    inputElements: input.length / 8,
    // As hex: polkadot.js reads a Uint8Array given for `Bytes` as already
    // SCALE-encoded (length-prefixed), a hex string as the bytes themselves.
    verifierDataHex: u8aToHex(verifierData),
    proofHex: u8aToHex(proof),
    inputHex: u8aToHex(input),
  };
}

/**
 * The public inputs at the end of plonky2's serialized ProofWithPublicInputs:
 * their count as a little-endian u64, then each as a little-endian u64.
 */
export function publicInputs(proof, count) {
  const view = new DataView(proof.buffer, proof.byteOffset, proof.byteLength);
  const start = proof.length - 8 * (count + 1);
  const stored = view.getBigUint64(start, true);
  if (stored !== BigInt(count)) throw new Error(`the proof ends with ${stored} public inputs, not ${count}`);
  return Array.from({ length: count }, (_, i) => view.getBigUint64(start + 8 * (i + 1), true));
}
