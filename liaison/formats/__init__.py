"""Liaison's own number formats per language (``FORMAT_MODULE_PATH``), read before Django's."""
