"""Users and roles, confidentiality and redaction, the audit chain, encryption and signing."""
