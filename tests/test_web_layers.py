"""The web side imports one way (docs/architecture.md): checked on the source with ast.

Domain modules in ``workbench/`` import no Flask; a blueprint module in ``workbench/web/``
never imports a name from the package that registers it (only sibling modules such as
``.context``), so the package can import every blueprint without a cycle.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "workbench"
WEB = ROOT / "web"


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom):
            yield node
        elif isinstance(node, ast.Import):
            yield node


def test_domain_modules_import_no_flask():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if WEB in path.parents:
            continue
        for node in _imports(path):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names])
            if any(n.split(".")[0] in ("flask", "flask_htmx", "flask_wtf") for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_blueprints_do_not_import_the_package_that_registers_them():
    submodules = {p.stem for p in WEB.glob("*.py")}
    offenders = []
    for path in sorted(WEB.glob("*.py")):
        if path.name == "__init__.py":
            continue
        for node in _imports(path):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None:
                names = {a.name for a in node.names} - submodules
                if names:
                    offenders.append(f"{path.name}:{node.lineno} {sorted(names)}")
    assert offenders == []


def test_the_package_still_exports_the_request_context():
    """Code written against ``from workbench.web import get_db`` keeps working."""
    import workbench.web as web
    from workbench.web import context

    assert web.get_db is context.get_db
    assert web.current_reviewer is context.current_reviewer
    assert web.htmx is context.htmx
