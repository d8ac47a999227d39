/** The pack's name and its own enforcement level (each policy sets its own; this applies to none today). Data only. */
export const PACK_NAME = "tailnet-guard";
export const PACK_ENFORCEMENT_LEVEL = "mandatory";
