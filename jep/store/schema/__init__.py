"""Versioned schema migrations: one module per concern, each with `migrations` and `ORDER`.

Never edit a migration that has shipped; add a new one below it.
"""
