"""Fail on modules over 350 lines and functions over 50 lines in the package (`make lint`).

Small rooms keep the code readable in an afternoon; migrations are generated and left out.
"""

import ast
import sys
from pathlib import Path


MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 50


def oversized(path: Path):
    text = path.read_text()
    if (lines := len(text.splitlines())) > MAX_MODULE_LINES:
        yield f"{path}: {lines} lines (at most {MAX_MODULE_LINES})"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                yield f"{path}:{node.lineno}: {node.name}() has {length} lines (at most {MAX_FUNCTION_LINES})"


def main(package: str = "wagtail_tracking") -> int:
    problems = [
        problem
        for path in sorted(Path(package).rglob("*.py"))
        if "migrations" not in path.parts
        for problem in oversized(path)
    ]
    print("\n".join(problems) or "every module and function is within its size")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
