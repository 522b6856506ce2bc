"""`flask --app app user ...`, `backup` and `restore`, and the first admin at start-up."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
import sqlite_utils
from flask import Flask

from .. import accounts
from .. import db as storage
from ..backup import BackupError, backup, restore


@contextmanager
def _db(app: Flask) -> Iterator[sqlite_utils.Database]:
    """The database for one command, closed after it; account errors become CLI errors."""
    db = storage.connect(app.config["DATABASE"])
    try:
        yield db
    except (accounts.AccountError, accounts.UserNotFound) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        db.conn.close()


def announce_first_admin(app: Flask) -> bool:
    """Create user ``admin`` with a one-time password when there is no user, and print it.

    :returns: whether an admin was created
    """
    with _db(app) as db:
        password = accounts.ensure_first_admin(db)
    if password is None:
        return False
    line = "=" * 72
    click.echo(f"\n{line}\nNo user existed, so the first admin was created:\n\n"
               f"    username: {accounts.FIRST_ADMIN}\n    password: {password}\n\n"
               "This one-time password is shown only now; you choose your own at the first\n"
               "sign-in. Lost it? Run:  .venv/bin/flask --app app user set-password admin\n"
               f"{line}\n")
    return True


def _one_time(username: str, password: str) -> None:
    click.echo(f"One-time password for {username}: {password}")
    click.echo("(shown only now; it must be changed at the first sign-in)")


def register(app: Flask) -> None:
    @app.cli.group("user")
    def user_group() -> None:
        """Manage reviewer accounts (roles: viewer, reviewer, admin)."""

    @user_group.command("create")
    @click.argument("username")
    @click.option("--role", type=click.Choice(accounts.ROLES), default="reviewer",
                  show_default=True)
    @click.option("--password", "ask", is_flag=True,
                  help="Type the password (asked twice) instead of generating a one-time one.")
    def create(username: str, role: str, ask: bool) -> None:
        """Add a user; prints a one-time password unless --password."""
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True) \
            if ask else None
        with _db(app) as db:
            user, generated = accounts.create_user(db, username, role, password,
                                                   created_by="command line")
        click.echo(f"Created {user['username']} ({user['role']}).")
        if generated:
            _one_time(user["username"], generated)

    @user_group.command("list")
    def list_() -> None:
        """Every user with role, state and last sign-in."""
        with _db(app) as db:
            users = accounts.list_users(db)
        if not users:
            click.echo("No users yet (`flask --app app serve` creates the first admin).")
        for u in users:
            state = "disabled" if u["disabled"] else "active"
            if u["must_change_password"]:
                state += ", one-time password"
            click.echo(f"{u['username']:<24} {u['role']:<9} {state:<30} "
                       f"last sign-in {u['last_login_at'] or 'never'}")

    @user_group.command("set-role")
    @click.argument("username")
    @click.argument("role", type=click.Choice(accounts.ROLES))
    def set_role(username: str, role: str) -> None:
        """Change a user's role."""
        with _db(app) as db:
            user = accounts.set_role(db, username, role)
        click.echo(f"{user['username']} is now {user['role']}.")

    @user_group.command("set-password")
    @click.argument("username")
    @click.option("--generate", is_flag=True,
                  help="Generate a one-time password (changed at next sign-in) "
                       "instead of typing one.")
    def set_password(username: str, generate: bool) -> None:
        """Set a user's password (asked twice) or a one-time one; signs them out."""
        with _db(app) as db:
            if accounts.find_user(db, username) is None:
                raise click.ClickException(f"No user {username!r}")
            password = None if generate else click.prompt(
                "New password", hide_input=True, confirmation_prompt=True)
            user, generated = accounts.set_password(db, username, password)
        click.echo(f"Password of {user['username']} changed; their sessions are signed out.")
        if generated:
            _one_time(user["username"], generated)

    def _toggle(name: str, disabled: bool, doc: str):
        @user_group.command(name, help=doc)
        @click.argument("username")
        def command(username: str) -> None:
            with _db(app) as db:
                user = accounts.set_disabled(db, username, disabled)
            click.echo(f"{user['username']} is {'disabled' if disabled else 'enabled'}.")

    _toggle("disable", True, "Refuse a user's sign-in and end their sessions.")
    _toggle("enable", False, "Let a disabled user sign in again.")

    @user_group.command("ensure-admin")
    def ensure_admin() -> None:
        """Create the first admin (printing a one-time password) when no user exists."""
        if not announce_first_admin(app):
            click.echo("Users exist already; nothing to do.")

    @app.cli.command("backup")
    @click.argument("dest", type=click.Path(dir_okay=True, writable=True))
    @click.option("--force", is_flag=True, help="Overwrite DEST when it exists.")
    def backup_command(dest: str, force: bool) -> None:
        """Copy the database to DEST (a file, or a folder to put a dated file in) with
        SQLite's online backup API; safe while the workbench is serving."""
        try:
            path = backup(app.config["DATABASE"], dest, overwrite=force)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Backed up {app.config['DATABASE']} to {path}")

    @app.cli.command("restore")
    @click.argument("src", type=click.Path(exists=True, dir_okay=False))
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def restore_command(src: str, yes: bool) -> None:
        """Replace the database with the backup SRC (the current one is kept aside)."""
        if not yes:
            click.confirm(f"Replace {app.config['DATABASE']} with {src}?", abort=True)
        try:
            counts, aside = restore(app.config["DATABASE"], src)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Restored {counts['articles']} articles, {counts['quotes']} quotes and "
                   f"{counts['review_log']} review log rows from {src}.")
        if aside:
            click.echo(f"The previous database is kept at {aside}")
