// PantauReport
