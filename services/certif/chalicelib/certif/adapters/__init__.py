"""Certif's adapters: DynamoDB, S3, PDF rendering."""
