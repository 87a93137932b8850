"""Reporters render findings; they never import rules and never decide anything."""
