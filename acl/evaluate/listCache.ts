/**
 * Values derived from lists of strings, keyed by the strings: a policy repeats the same short lists
 * (`["group:team1"]`, `["tcp:443"]`, `["root"]`) across many rules, so each distinct list is read
 * once and its result shared. The key is the sequence of string elements of a tape list, by their
 * numbers in the tape's name table (equal strings, equal numbers), stored as a trie so a look-up
 * allocates nothing; non-string elements are skipped (the readers skip them too).
 */
import { NONE, type PolicyTape } from "../tape";

/** The place of one list in the cache; `value` is undefined until the caller fills it. */
export interface ListSlot<V> {
    value: V | undefined;
    /** The string number of the one list that goes on from here, while there is only one (most slots): no Map needed; NONE when none. */
    onlyKey: number;
    only: ListSlot<V> | undefined;
    /** The lists that go on from here, by string number, once there are several. */
    next: Map<number, ListSlot<V>> | undefined;
}

function emptySlot<V>(): ListSlot<V> {
    return { value: undefined, onlyKey: NONE, only: undefined, next: undefined };
}

/** The slot one string (numbered `item`) further on from `slot`, made when missing. */
function childOf<V>(slot: ListSlot<V>, item: number): ListSlot<V> {
    if (slot.next !== undefined) {
        let child = slot.next.get(item);
        if (child === undefined) slot.next.set(item, (child = emptySlot()));
        return child;
    }
    if (slot.only === undefined) {
        slot.onlyKey = item;
        return (slot.only = emptySlot());
    }
    if (slot.onlyKey === item) return slot.only;
    const child = emptySlot<V>();
    slot.next = new Map([
        [slot.onlyKey, slot.only],
        [item, child],
    ]);
    slot.onlyKey = NONE;
    slot.only = undefined;
    return child;
}

/** A cache over the lists of one tape (string numbers mean nothing in another tape's name table). */
export class StringListCache<V> {
    private readonly root: ListSlot<V> = emptySlot();

    /** The slot of the tape list `list` (a value that is not a list, or NONE, counts as the empty list). */
    slot(tape: PolicyTape, list: number): ListSlot<V> {
        let slot = this.root;
        if (!tape.isArray(list)) return slot;
        for (let item = tape.first(list); item !== NONE; item = tape.next(item)) if (tape.isString(item)) slot = childOf(slot, tape.stringId(item));
        return slot;
    }
}
