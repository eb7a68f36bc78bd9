"""Docs match the code: every command and every option appears in docs/."""
from pathlib import Path

import click

from eventsift.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs"


def all_docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))


def walk(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from walk(sub, path + (name,))


def test_every_command_and_option_is_documented():
    text = all_docs()
    missing = []
    for path, command in walk(main):
        if path and f"eventsift {' '.join(path)}" not in text and f"## {path[-1]}" not in text:
            missing.append(" ".join(path))
        for param in command.params:
            if isinstance(param, click.Option):
                longest = max(param.opts, key=len)
                if longest not in text:
                    missing.append(f"{' '.join(path) or 'eventsift'} {longest}")
    assert not missing, f"undocumented: {missing}"


def test_readme_quickstart_is_two_commands():
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
