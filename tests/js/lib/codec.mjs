// Turning decoded values into plain JavaScript for exact comparisons.

/** A decoded value as plain JS: integers as BigInt, accounts as addresses, hashes as hex, the rest as JSON. */
export function plain(codec) {
  const raw = codec.toRawType();
  if (/^[ui](8|16|32|64|128|256)$/.test(raw) || raw === 'Compact<u128>') return codec.toBigInt();
  if (raw === 'AccountId32' || raw === 'AccountId') return codec.toString();
  if (raw === 'H256' || raw === 'Bytes') return codec.toHex();
  return codec.toJSON();
}

/** An event's fields by name, as plain JS. */
export function eventFields(data) {
  return Object.fromEntries(data.names.map((name, i) => [name, plain(data[i])]));
}
