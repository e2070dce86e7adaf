// Freshness
