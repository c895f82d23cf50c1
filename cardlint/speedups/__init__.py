"""Faster stand-ins for standard-library and dependency behaviour, each tested against the original."""
