/**
 * Look-up tables that remember a computed value per string (a selector's problem, a reference, a
 * principal) keep at most TABLE_LIMIT entries: a table that outgrows the CPU caches costs a cache
 * miss on every look-up, and in a large policy most strings are distinct, so a table that grows
 * with the file costs more than the work it saves. A full table starts over: the strings a policy
 * repeats (a group, a port list, a popular test destination) are back in it after one miss.
 */

/** Most entries one table keeps. */
export const TABLE_LIMIT = 2048;

/** table.set(key, value), emptying the table first when it is full. */
export function setBounded<K, V>(table: Map<K, V>, key: K, value: V): void {
    if (table.size >= TABLE_LIMIT) table.clear();
    table.set(key, value);
}

/** set.add(key), emptying the set first when it is full. */
export function addBounded<K>(set: Set<K>, key: K): void {
    if (set.size >= TABLE_LIMIT) set.clear();
    set.add(key);
}
