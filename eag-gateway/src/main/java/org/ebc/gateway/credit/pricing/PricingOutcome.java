package org.ebc.gateway.credit.pricing;

/** What pricing one loan gives: an {@link Offer} or a {@link Refusal} with its reason. */
public sealed interface PricingOutcome permits Offer, Refusal {}
