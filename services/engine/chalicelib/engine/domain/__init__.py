"""The engine's pure rules: content, answers, knowledge, profile, placement, certification."""
