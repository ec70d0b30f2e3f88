"""Orga's adapters: DynamoDB, S3, files."""
