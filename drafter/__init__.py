"""Drafter: consultation responses in which every technical term is used precisely."""

__version__ = "0.1.0"
