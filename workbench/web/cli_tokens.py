"""`flask --app app token create|list|revoke`: API tokens, managed from the command line
(whoever runs these commands holds the database, so they act as an admin)."""
from __future__ import annotations

import click
from flask import Flask

from .. import api_tokens
from .cli_accounts import _db


def register(app: Flask) -> None:
    @app.cli.group("token")
    def token_group() -> None:
        """Tokens for the JSON API under /api/v1 (a token acts with its user's role)."""

    @token_group.command("create")
    @click.argument("username")
    @click.option("--label", help="What the token is for (shown by `token list`).")
    def create(username: str, label: str | None) -> None:
        """Make a token for USERNAME; prints it on the last line, shown only now."""
        with _db(app) as db:
            try:
                row, token = api_tokens.create(db, username, label, created_by="command line")
            except api_tokens.TokenError as exc:
                raise click.ClickException(str(exc)) from None
        click.echo(f"Token {row['id']} for {row['username']} ({row['role']}); it is shown "
                   "only now, keep it secret:", err=True)
        click.echo(token)

    @token_group.command("list")
    @click.option("--all", "include_revoked", is_flag=True, help="Include revoked tokens.")
    def list_(include_revoked: bool) -> None:
        """Tokens by id, with user, role, label and last use (never the token)."""
        with _db(app) as db:
            rows = api_tokens.list_tokens(db, include_revoked)
        if not rows:
            click.echo("No tokens (`flask --app app token create USER` makes one).")
        for t in rows:
            state = f"revoked {t['revoked_at'][:10]}" if t["revoked_at"] else \
                "user disabled" if t["disabled"] else "active"
            click.echo(f"{t['id']:>5}  {t['username']:<24} {t['role']:<9} {state:<14} "
                       f"last used {t['last_used_at'] or 'never'}  {t['label'] or ''}")

    @token_group.command("revoke")
    @click.argument("token_id", type=click.IntRange(1, 2**63 - 1))
    def revoke(token_id: int) -> None:
        """Revoke token TOKEN_ID (see `token list`) for good."""
        with _db(app) as db:
            try:
                row = api_tokens.revoke(db, token_id)
            except api_tokens.TokenError as exc:
                raise click.ClickException(str(exc)) from None
        click.echo(f"Token {row['id']} of {row['username']} is revoked.")
