"""Pix Orga: schools, accounts, the student import, campaigns and profile collection."""
