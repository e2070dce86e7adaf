// PantauRules
