/**
 * Values derived from lists of strings, keyed by the strings: a policy repeats the same short lists
 * (`["group:team1"]`, `["tcp:443"]`, `["root"]`) across many rules, so each distinct list is read
 * once and its result shared. The key is the sequence of string elements of the list, stored as
 * a trie so a look-up allocates nothing; non-string elements are skipped (the readers skip them too).
 */

/** The place of one list in the cache; `value` is undefined until the caller fills it. */
export interface ListSlot<V> {
    value: V | undefined;
    /** The one list that goes on from here, while there is only one (most slots): no Map needed. */
    onlyKey: string | undefined;
    only: ListSlot<V> | undefined;
    /** The lists that go on from here, once there are several. */
    next: Map<string, ListSlot<V>> | undefined;
}

function emptySlot<V>(): ListSlot<V> {
    return { value: undefined, onlyKey: undefined, only: undefined, next: undefined };
}

/** The slot one string further on from `slot`, made when missing. */
function childOf<V>(slot: ListSlot<V>, item: string): ListSlot<V> {
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
        [slot.onlyKey as string, slot.only],
        [item, child],
    ]);
    slot.onlyKey = undefined;
    slot.only = undefined;
    return child;
}

export class StringListCache<V> {
    private readonly root: ListSlot<V> = emptySlot();

    /** The slot of `list` (anything that is not an array counts as the empty list). */
    slot(list: unknown): ListSlot<V> {
        let slot = this.root;
        if (!Array.isArray(list)) return slot;
        for (const item of list) if (typeof item === "string") slot = childOf(slot, item);
        return slot;
    }
}
