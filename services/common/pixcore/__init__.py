"""pixcore: the shared kernel vendored into every pixcert service."""
