"""Accounts: registration, log-in, profile and staff accounts."""
