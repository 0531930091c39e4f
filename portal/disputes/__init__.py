"""Disputes: filing, three-tier mediation, agreements."""
