// The few protobuf wire rules containerd's messages need (proto3: varints, length-delimited
// strings, bytes, embedded messages and map entries), so that no .proto compiler or
// reflection library is loaded for half a dozen messages.

const enum Wire {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  Fixed32 = 5,
}

/** Builds one message field by field, in the order written. */
export class ProtoWriter {
  private parts: Buffer[] = [];

  private varint(n: number): void {
    const out: number[] = [];
    let v = n;
    while (v > 0x7f) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
    this.parts.push(Buffer.from(out));
  }

  private tag(field: number, wire: Wire): void {
    this.varint(field * 8 + wire);
  }

  /** proto3 leaves out empty strings; so do we. */
  string(field: number, value: string | undefined): this {
    if (value) this.bytes(field, Buffer.from(value, 'utf8'));
    return this;
  }

  bytes(field: number, value: Buffer): this {
    this.tag(field, Wire.Bytes);
    this.varint(value.length);
    this.parts.push(value);
    return this;
  }

  uint(field: number, value: number): this {
    if (value) {
      this.tag(field, Wire.Varint);
      this.varint(value);
    }
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export class ProtoError extends Error {}

/** One field as read: a number for varints and fixed ints, the raw bytes for length-delimited. */
export type ProtoValue = { field: number; wire: 0 | 1 | 5; num: number } | { field: number; wire: 2; bytes: Buffer };

/** Reads every field of one message (unknown ones included: the caller picks what it knows). */
export function* fields(buf: Buffer): Generator<ProtoValue> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= buf.length) throw new ProtoError('truncated varint');
      const b = buf[pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new ProtoError('varint longer than 10 bytes');
  };
  while (pos < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new ProtoError('field number 0');
    if (wire === Wire.Varint) yield { field, wire, num: varint() };
    else if (wire === Wire.Bytes) {
      const len = varint();
      if (pos + len > buf.length) throw new ProtoError(`field ${field}: ${len} bytes past the end`);
      yield { field, wire, bytes: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === Wire.Fixed64 || wire === Wire.Fixed32) {
      const n = wire === Wire.Fixed64 ? 8 : 4;
      if (pos + n > buf.length) throw new ProtoError(`field ${field}: truncated fixed${n * 8}`);
      const num = n === 8 ? Number(buf.readBigUInt64LE(pos)) : buf.readUInt32LE(pos);
      pos += n;
      yield { field, wire, num };
    } else throw new ProtoError(`field ${field}: unsupported wire type ${wire}`);
  }
}

/** The fields of a message by number: strings, sub-messages and numbers, repeated ones in order. */
export class ProtoMessage {
  private readonly byField = new Map<number, ProtoValue[]>();

  constructor(buf: Buffer) {
    for (const f of fields(buf)) {
      const list = this.byField.get(f.field);
      if (list) list.push(f);
      else this.byField.set(f.field, [f]);
    }
  }

  private all(field: number): ProtoValue[] {
    return this.byField.get(field) ?? [];
  }

  bytesList(field: number): Buffer[] {
    return this.all(field).flatMap((v) => (v.wire === Wire.Bytes ? [v.bytes] : []));
  }

  /** proto3: the last occurrence wins; absent is the empty string. */
  string(field: number): string {
    const list = this.bytesList(field);
    return list.length ? list[list.length - 1]!.toString('utf8') : '';
  }

  strings(field: number): string[] {
    return this.bytesList(field).map((b) => b.toString('utf8'));
  }

  message(field: number): ProtoMessage | null {
    const list = this.bytesList(field);
    return list.length ? new ProtoMessage(list[list.length - 1]!) : null;
  }

  messages(field: number): ProtoMessage[] {
    return this.bytesList(field).map((b) => new ProtoMessage(b));
  }

  num(field: number): number {
    let n = 0;
    for (const v of this.all(field)) if (v.wire !== Wire.Bytes) n = v.num;
    return n;
  }

  /** int64: a varint of 10 bytes is a negative number in two's complement. */
  int(field: number): number {
    const n = this.num(field);
    return n >= 2 ** 63 ? n - 2 ** 64 : n;
  }

  /** map<string, string>: repeated entries of {1: key, 2: value}. */
  stringMap(field: number): Record<string, string> {
    // fromEntries, not assignment: a hostile "__proto__" key stays a plain key.
    return Object.fromEntries(this.messages(field).map((e) => [e.string(1), e.string(2)]));
  }
}
