"""Infrastructure: the CloudFormation template and the embedded local stack."""
