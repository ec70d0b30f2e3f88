"""Certif's routes, one module per area: parse → use case → the domain object."""
