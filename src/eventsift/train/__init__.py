"""Training code for the models shipped in ``resources/`` (not used at run time)."""
