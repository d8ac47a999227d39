/**
 * Encodes Analyze responses without re-encoding the same not-applicable entries on every call. A response
 * of this pack names every policy that does not apply to the resource (~50 of them), and the same entries
 * (reused by typeDispatch.ts) recur in every response for a type; encoding them with google-protobuf was
 * a large share of the cost of a call. Protocol Buffers lets a message be written as the concatenation of
 * its parts (https://protobuf.dev/programming-guides/encoding/#last-one-wins: repeated fields are appended
 * in order), so the response is encoded without those entries and each entry's bytes, encoded once, are
 * appended. The bytes equal those of the full encoding (a test checks it).
 */

export interface NotApplicableEntry {
    getPolicyName(): string;
}

export interface AnalyzeResponseLike {
    getNotApplicableList(): NotApplicableEntry[];
    setNotApplicableList(entries: NotApplicableEntry[]): void;
}

type Serialize = (response: unknown) => Buffer;

/**
 * Wraps a response serializer. `encodeAlone` encodes a response holding just the given entry: the bytes of
 * the entry as a field of the response (tag, length and the entry), which is what gets appended.
 */
export function reusingEntryEncoding(original: Serialize, encodeAlone: (entry: NotApplicableEntry) => Uint8Array): Serialize {
    const encoded = new WeakMap<NotApplicableEntry, Uint8Array>();
    const bytesOf = (entry: NotApplicableEntry): Uint8Array => {
        let bytes = encoded.get(entry);
        if (bytes === undefined) {
            bytes = encodeAlone(entry);
            encoded.set(entry, bytes);
        }
        return bytes;
    };
    return (response) => {
        const message = response as AnalyzeResponseLike;
        const entries = typeof message?.getNotApplicableList === "function" ? message.getNotApplicableList() : [];
        if (entries.length === 0) {
            return original(response);
        }
        let head: Buffer;
        message.setNotApplicableList([]);
        try {
            head = original(response);
        } finally {
            message.setNotApplicableList(entries);
        }
        return Buffer.concat([head, ...entries.map(bytesOf)]);
    };
}
