"""engine: learning content, adaptive placement tests, profiles and certification courses."""
