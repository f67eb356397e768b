package io.persona.decide;

/**
 * How relevance weighs its terms. A product the customer bought scores the share of their baskets that held it; every
 * product adds {@code popularity} times its popularity relative to the most bought product; a product new to them
 * scores {@code neighbour} times how strongly their own products are bought with it; browsing interest scores
 * {@code interest} times its strength relative to their strongest.
 *
 * @param neighbourSeeds the customer's most bought products whose neighbours are looked up
 * @param decisionPool the most relevant eligible offers a decision draws among
 */
public record RelevanceWeights(double popularity, double neighbour, double interest, int neighbourSeeds,
    int decisionPool) {}
