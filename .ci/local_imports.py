"""List the imports of the package's own modules made inside functions, and fail on any without
a reason.

Such imports hide dependencies from import-linter's reading order and from readers; the few that
Django's loading order forces (models before the app registry is ready) say why in a comment on
the import or on the line above it. Run by `make lint`.
"""

import ast
import sys
from pathlib import Path


def own_module(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").startswith("wagtail_tracking")
    if isinstance(node, ast.Import):
        return any(alias.name.startswith("wagtail_tracking") for alias in node.names)
    return False


def reason_above(lines: list[str], lineno: int) -> bool:
    """A comment heads the run of import lines this one belongs to."""
    for text in reversed(lines[: lineno - 1]):
        text = text.strip()
        if text.startswith("#"):
            return True
        if not (text.startswith(("from ", "import ", ")")) or text.endswith(",")):
            return False
    return False


def local_imports(path: Path):
    lines = path.read_text().splitlines()
    for function in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if own_module(node):
                line = lines[node.lineno - 1]
                yield node.lineno, line.strip(), "#" in line or reason_above(lines, node.lineno)


def main(package: str = "wagtail_tracking") -> int:
    found, unexplained = 0, 0
    for path in sorted(Path(package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for lineno, text, explained in local_imports(path):
            found += 1
            if not explained:
                unexplained += 1
                print(f"{path}:{lineno}: function-local import without a reason: {text}")
    print(f"{found} function-local imports of the package's own modules, {unexplained} unexplained")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
