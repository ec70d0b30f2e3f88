"""Pix jury: scoring, review, publication, certificates, verification and statistics."""
