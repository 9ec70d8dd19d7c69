"""Liaison: a People's Procuratorate's platform for its cooperation mechanisms."""
