"""Reusing vetted library text in answers: references, drift, impact and ranking."""
