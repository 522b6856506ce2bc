"""The extractor's modules import one way (docs/architecture.md): checked on the source with ast."""
import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "workbench" / "extract"

# lower layers never import higher ones; a module imports only from layers below its own
LAYERS = {
    "lexicon": 0, "model": 0,
    "words": 1, "marks": 1, "serialize": 1,
    "sentences": 2,
    "subjects": 3, "speakers": 3,
    "direct": 4, "reported": 4,
    "pipeline": 5,
    "rules": 6,
    "__init__": 7,
}
# a function may import these itself, to defer a heavy optional dependency
DEFERRED_OK = ("nltk", "punkt")


def _modules():
    return {p.stem: ast.parse(p.read_text(), str(p)) for p in sorted(PKG.glob("*.py"))}


def _package_imports(tree):
    """(module imported, names, node) for every relative import of the package."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module is None:
                for a in node.names:
                    yield a.name, [], node
            else:
                yield node.module, [a.name for a in node.names], node


def test_every_module_has_a_layer():
    assert set(_modules()) == set(LAYERS)


def test_imports_go_down_the_layers_only():
    wrong = []
    for mod, tree in _modules().items():
        for target, _names, node in _package_imports(tree):
            if LAYERS[target] >= LAYERS[mod]:
                wrong.append(f"{mod}:{node.lineno} imports {target}")
    assert not wrong, wrong


def test_no_import_cycle():
    graph = {mod: {t for t, _n, _node in _package_imports(tree)} for mod, tree in _modules().items()}
    state = {}

    def visit(m, path):
        if state.get(m) == 1:
            raise AssertionError("import cycle: " + " -> ".join(path + [m]))
        if state.get(m) == 2:
            return
        state[m] = 1
        for t in graph.get(m, ()):
            visit(t, path + [m])
        state[m] = 2

    for m in graph:
        visit(m, [])


def test_no_private_name_crosses_a_module():
    wrong = [f"{mod}:{node.lineno} {target}.{n}"
             for mod, tree in _modules().items()
             for target, names, node in _package_imports(tree)
             for n in names if n.startswith("_")]
    assert not wrong, wrong


def test_imports_sit_at_module_level():
    wrong = []
    for mod, tree in _modules().items():
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom):
                    ok = node.level == 0 and (node.module or "").split(".")[0] in DEFERRED_OK
                elif isinstance(node, ast.Import):
                    ok = all(a.name.split(".")[0] in DEFERRED_OK for a in node.names)
                else:
                    continue
                if not ok:
                    wrong.append(f"{mod}:{node.lineno} in {fn.name}()")
    assert not wrong, wrong


def _word_strings(value):
    return [n.value for n in ast.walk(value) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and sum(c.isalpha() for c in n.value) >= 2]


def test_word_lists_live_in_the_lexicon():
    """A module-level collection of words (a set, dict, tuple or list holding words) belongs in lexicon.py;
    character classes (quote marks, dashes) and regular expressions may stay where they are used."""
    wrong = []
    for mod, tree in _modules().items():
        if mod in ("lexicon", "__init__"):
            continue
        for node in tree.body:
            if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
                continue
            v = node.value
            if isinstance(v, ast.Call) and not (isinstance(v.func, ast.Name) and v.func.id in ("set", "frozenset")):
                continue
            if isinstance(v, (ast.Set, ast.Dict, ast.Tuple, ast.List, ast.Call, ast.BinOp)) and _word_strings(v):
                wrong.append(f"{mod}:{node.lineno}")
    assert not wrong, wrong
