// PantauAudit
