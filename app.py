"""WSGI entry point: `flask --app app ...` and `waitress-serve app:app` both use it."""
from workbench.web import create_app

app = create_app()
