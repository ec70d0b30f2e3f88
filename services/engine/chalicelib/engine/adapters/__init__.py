"""Engine's adapters: DynamoDB and the content file."""
