/**
 * Bounded distinct counting. Values are hashed to 53 bits (so they fit a JS number exactly); a set of
 * hashes gives an exact count up to a cap, then a HyperLogLog sketch (4096 one-byte registers, about
 * 1.6 % standard error) takes over and the count is reported as an estimate.
 */
import type { DistinctCount } from './types.js';

const TWO_32 = 4_294_967_296;

/** a 53-bit hash of a string: two independent 32-bit FNV-1a style lanes, 21 + 32 bits kept */
export function hash53(value: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return finish(a, b);
}

/**
 * hash53 of the text in bytes[start..end), read straight from the bytes, lower-cased (A–Z only)
 * when `lower` is set. For ASCII it equals hash53 of the decoded (and lower-cased) string; at the
 * first byte that is not ASCII it returns -1 and the caller hashes the decoded string instead.
 */
export function hash53Ascii(bytes: Uint8Array, start: number, end: number, lower: boolean): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = start; i < end; i++) {
    let c = bytes[i] as number;
    if (c >= 0x80) return -1;
    if (lower && c >= 0x41 && c <= 0x5a) c += 0x20;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return finish(a, b);
}

// final mixing so that short, similar strings (IPs) spread over every bit
function finish(lane1: number, lane2: number): number {
  let a = lane1;
  let b = lane2;
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 16;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 13;
  return (b & 0x1fffff) * TWO_32 + (a >>> 0);
}

/**
 * A set of hash53 values that allocates nothing per entry (a Set of numbers above 2^31 boxes each
 * one): open addressing with linear probing over a Float64Array kept at most half full. A slot
 * holds hash + 1, so 0 marks an empty slot; the low 32 bits, already mixed, pick the slot.
 */
export class HashSet53 {
  private table: Float64Array;
  private mask: number;
  size = 0;

  constructor(initialSlots = 64) {
    let slots = 16;
    while (slots < initialSlots) slots *= 2;
    this.table = new Float64Array(slots);
    this.mask = slots - 1;
  }

  /** adds a hash; true when it was not there yet */
  add(h: number): boolean {
    const stored = h + 1;
    const table = this.table;
    const mask = this.mask;
    let i = (h >>> 0) & mask;
    for (;;) {
      const slot = table[i];
      if (slot === stored) return false;
      if (slot === 0) break;
      i = (i + 1) & mask;
    }
    table[i] = stored;
    this.size++;
    if (this.size * 2 > table.length) this.rehash(table.length * 2);
    return true;
  }

  has(h: number): boolean {
    const stored = h + 1;
    const table = this.table;
    let i = (h >>> 0) & this.mask;
    for (;;) {
      const slot = table[i];
      if (slot === stored) return true;
      if (slot === 0) return false;
      i = (i + 1) & this.mask;
    }
  }

  /** every hash in the set */
  *values(): IterableIterator<number> {
    for (const slot of this.table) if (slot !== 0) yield slot - 1;
  }

  private rehash(slots: number): void {
    const old = this.table;
    const table = new Float64Array(slots);
    const mask = slots - 1;
    for (const slot of old) {
      if (slot === 0) continue;
      let i = ((slot - 1) >>> 0) & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = slot;
    }
    this.table = table;
    this.mask = mask;
  }
}

const REGISTER_BITS = 12;
const REGISTERS = 1 << REGISTER_BITS;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

/** counts distinct values exactly up to `exactCap`, then estimates */
export class DistinctCounter {
  private exactSet: HashSet53 | undefined;
  private registers: Uint8Array | undefined;

  constructor(private readonly exactCap: number) {
    this.exactSet = new HashSet53(Math.min(exactCap, 64));
  }

  /** adds a value already hashed with hash53 */
  addHash(h: number): void {
    const set = this.exactSet;
    if (set !== undefined) {
      if (set.add(h) && set.size > this.exactCap) this.switchToSketch(set);
      return;
    }
    this.addToSketch(h);
  }

  /** true when a value hashed with hash53 was seen (exact mode only; false after the switch) */
  hasHash(h: number): boolean {
    return this.exactSet?.has(h) ?? false;
  }

  /** the count and whether it is exact */
  result(): DistinctCount {
    if (this.exactSet !== undefined) return { count: this.exactSet.size, exact: true };
    return { count: this.estimate(), exact: false };
  }

  private switchToSketch(set: HashSet53): void {
    this.registers = new Uint8Array(REGISTERS);
    for (const h of set.values()) this.addToSketch(h);
    this.exactSet = undefined;
  }

  private addToSketch(h: number): void {
    const registers = this.registers;
    if (registers === undefined) return;
    const lo = h >>> 0;
    const hi = Math.floor(h / TWO_32);
    const index = lo & (REGISTERS - 1);
    // rank = position of the first set bit in the remaining 41 bits (21 high + 20 low)
    const rest = lo >>> REGISTER_BITS;
    let rank: number;
    if (hi !== 0) rank = Math.clz32(hi) - 11 + 1;
    else if (rest !== 0) rank = 21 + (Math.clz32(rest) - 12) + 1;
    else rank = 42;
    if (rank > (registers[index] ?? 0)) registers[index] = rank;
  }

  private estimate(): number {
    const registers = this.registers;
    if (registers === undefined) return 0;
    let sum = 0;
    let zeros = 0;
    for (const r of registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    // small-range correction: linear counting is more accurate while many registers are empty
    if (raw <= 2.5 * REGISTERS && zeros > 0) {
      return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    }
    return Math.round(raw);
  }
}
