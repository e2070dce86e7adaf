// Openness
