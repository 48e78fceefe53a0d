"""The portal's domain: models, services, rules, storage and imaging. Never imports nicegui."""
