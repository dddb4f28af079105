/**
 * A resource's or a provider's properties as Pulumi passes them: plain names to plain values (secrets
 * and unknowns as the front door receives them). Both front doors and the behaviour take and return it.
 */
export type Props = Record<string, unknown>;
