"""Readers that turn inputs (files, folders, JSONL, HTML, stdin) into Documents."""
