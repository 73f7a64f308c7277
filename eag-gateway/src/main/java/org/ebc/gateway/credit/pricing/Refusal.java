package org.ebc.gateway.credit.pricing;

/**
 * No offer, and why.
 *
 * @param reason the reason code
 * @param detail one line for an operator: which quantity decided it, with its value
 */
public record Refusal(PricingRefusal reason, String detail) implements PricingOutcome {}
