/** Hardened Pulumi components for a Tailscale tailnet. */
export { AuthKey, type AuthKeyArgs } from "./authKey";
export { HardenedTailnet, type HardenedTailnetArgs, type ExternalTailnetRole } from "./hardenedTailnet";
