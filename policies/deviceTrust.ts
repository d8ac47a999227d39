import type { StackResource } from "./rule";
import { TAILSCALE_TYPES } from "./resourceTypes";
import { asStringList } from "./values";

/**
 * Device IDs whose tags this stack manages with a non-empty tailscale.DeviceTags. DeviceKey and
 * DeviceAuthorization carry only a deviceId: the device's own tags are not among their inputs, so a
 * device counts as tagged only when the stack itself sets its tags. A device tagged elsewhere (at
 * enrolment, by its auth key) cannot be seen from the stack; the message says how to make it visible.
 */
export function taggedDeviceIds(resources: readonly StackResource[]): Set<string> {
    const ids = new Set<string>();
    for (const r of resources.filter((r) => r.type === TAILSCALE_TYPES.deviceTags)) {
        const id = r.props.deviceId;
        if (typeof id === "string" && asStringList(r.props.tags).length > 0) {
            ids.add(id);
        }
    }
    return ids;
}
