/**
 * Helpers over the jsonc-parser syntax tree: building the plain value and finding the node at a path.
 * Both are iterative or path-bounded, so deeply nested input cannot overflow the call stack here.
 */
import type { Node } from "jsonc-parser";

/** Sets a property as JSON.parse would, so a "__proto__" key becomes an ordinary own property. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
    if (key === "__proto__") {
        Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    } else {
        target[key] = value;
    }
}

/**
 * The plain JavaScript value of a tree, like JSON.parse would give: ordinary objects and arrays,
 * and for a duplicate key the last occurrence wins.
 */
export function nodeToValue(root: Node): unknown {
    let result: unknown;
    type Task = { node: Node; assign: (value: unknown) => void };
    const stack: Task[] = [{ node: root, assign: (value) => (result = value) }];
    // Children are pushed in reverse so they are taken off the stack in document order; that keeps
    // "last duplicate key wins" true even when an earlier duplicate is itself a container.
    while (stack.length > 0) {
        const { node, assign } = stack.pop()!;
        const children = node.children ?? [];
        if (node.type === "object") {
            const obj: Record<string, unknown> = {};
            assign(obj);
            for (let i = children.length - 1; i >= 0; i--) {
                const [keyNode, valueNode] = children[i].children ?? [];
                if (keyNode === undefined || valueNode === undefined) continue;
                const key = String(keyNode.value);
                stack.push({ node: valueNode, assign: (value) => setOwn(obj, key, value) });
            }
        } else if (node.type === "array") {
            const arr: unknown[] = new Array<unknown>(children.length);
            assign(arr);
            for (let i = children.length - 1; i >= 0; i--) {
                const index = i;
                stack.push({ node: children[i], assign: (value) => (arr[index] = value) });
            }
        } else {
            assign(node.value);
        }
    }
    return result;
}

/**
 * Finds nodes by JSON path. Object members are indexed on first visit (last duplicate wins, matching
 * nodeToValue), so many look-ups into one large object stay linear overall.
 */
export class NodeLocator {
    private readonly members = new WeakMap<Node, Map<string, Node>>();

    constructor(private readonly root: Node | undefined) {}

    find(path: ReadonlyArray<string | number>): Node | undefined {
        let node = this.root;
        for (const segment of path) {
            if (node === undefined) return undefined;
            if (typeof segment === "number") {
                node = node.type === "array" ? node.children?.[segment] : undefined;
            } else {
                node = node.type === "object" ? this.membersOf(node).get(segment) : undefined;
            }
        }
        return node;
    }

    private membersOf(objectNode: Node): Map<string, Node> {
        let map = this.members.get(objectNode);
        if (map === undefined) {
            map = new Map();
            for (const property of objectNode.children ?? []) {
                const [keyNode, valueNode] = property.children ?? [];
                if (keyNode !== undefined && valueNode !== undefined) map.set(String(keyNode.value), valueNode);
            }
            this.members.set(objectNode, map);
        }
        return map;
    }
}
