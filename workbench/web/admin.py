"""User management for admins: create users, change roles, reset passwords, disable.

Everything under ``/admin`` needs the admin role (enforced centrally in auth.py). A new or
reset password is a one-time password shown once on the page that made it; its owner
must replace it at first sign-in.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, g, render_template, request

from .. import accounts
from .context import get_db

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _audit(action: str, user: dict) -> None:
    current_app.logger.info("admin %s: %s %s (now %s%s)", g.user["username"], action,
                            user["username"], user["role"],
                            ", disabled" if user["disabled"] else "")


def _user(user_id: int) -> dict:
    user = accounts.get_user(get_db(), user_id)
    if user is None:
        abort(404, f"No user {user_id}")
    return user


def _page(status: int = 200, error: str | None = None, notice: str | None = None,
          one_time: dict | None = None, form: dict | None = None):
    return render_template(
        "admin/users.html", users=accounts.list_users(get_db()), roles=accounts.ROLES,
        error=error, notice=notice, one_time=one_time, form=form or {},
    ), status


@bp.get("/users")
def users():
    return _page()


@bp.post("/users")
def create_user():
    username = request.form.get("username", "")
    role = request.form.get("role", "")
    form = {"username": username[:100], "role": role}
    try:
        user, password = accounts.create_user(get_db(), username, role,
                                              created_by=g.user["username"])
    except accounts.AccountError as exc:
        status = 409 if "taken" in str(exc) else 400
        return _page(status, error=str(exc), form=form)
    _audit("created", user)
    return _page(201, notice=f"Created {user['username']} ({user['role']}).",
                 one_time={"username": user["username"], "password": password})


@bp.post("/users/<int:user_id>/role")
def set_role(user_id: int):
    user = _user(user_id)
    try:
        user = accounts.set_role(get_db(), user["username"], request.form.get("role", ""))
    except accounts.AccountError as exc:
        return _page(400, error=str(exc))
    _audit("changed the role of", user)
    return _page(notice=f"{user['username']} is now {user['role']}.")


@bp.post("/users/<int:user_id>/password")
def reset_password(user_id: int):
    user = _user(user_id)
    # Your own: this session goes on (choose a new password next); every other one ends.
    own = g.session_id if user["id"] == g.user["id"] else None
    user, password = accounts.set_password(get_db(), user["username"], keep_session=own)
    _audit("reset the password of", user)
    return _page(notice=f"New one-time password for {user['username']}; their other "
                        "sessions are signed out.",
                 one_time={"username": user["username"], "password": password})


@bp.post("/users/<int:user_id>/disable")
def disable(user_id: int):
    user = _user(user_id)
    try:
        user = accounts.set_disabled(get_db(), user["username"], True)
    except accounts.AccountError as exc:
        return _page(400, error=str(exc))
    _audit("disabled", user)
    return _page(notice=f"{user['username']} is disabled and signed out.")


@bp.post("/users/<int:user_id>/enable")
def enable(user_id: int):
    user = accounts.set_disabled(get_db(), _user(user_id)["username"], False)
    _audit("enabled", user)
    return _page(notice=f"{user['username']} is enabled again.")
