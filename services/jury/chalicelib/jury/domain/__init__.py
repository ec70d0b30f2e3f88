"""Jury's business rules, free of infrastructure."""
