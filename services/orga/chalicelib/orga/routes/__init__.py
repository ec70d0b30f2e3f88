"""Orga's HTTP routes, one module per area, each registering on the service's Api."""
