"""Certif's business rules, free of infrastructure."""
