"""Pix Certif: certification centres, sessions, candidates and finalisation."""
