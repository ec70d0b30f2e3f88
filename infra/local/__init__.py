"""The embedded local stack: moto, the template deployed into it, the four apps served and pumped."""
