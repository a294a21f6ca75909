"""Dialogs: log-in, first run, settings, customers, stock."""
