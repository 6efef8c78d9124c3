"""Install the plugin into a brand-new `wagtail start` project by following the README.

Run through `make fresh-project-check` (newest Python, newest Wagtail) and
`make fresh-project-check-oldest` (Python 3.11, Django 5.2, Wagtail 7.0):

1. a clean virtual environment, `pip install wagtail` (``--pins`` narrow it), `wagtail start`;
2. this package's wheel, built here, installed *with* its dependencies: pip must change no
   Django or Wagtail version;
3. the fenced blocks of the README's "Install" section, in order, to the letter: shell blocks are
   run (`pip install wagtail-tracking` installs the wheel), the `# settings.py` block is merged
   into the project's settings, the template block goes into the project's base template;
4. `manage.py check --deploy` shows no error of ours; the home page renders the tags and counts
   the view; an admin logs in through the login form; the Analytics menu and its reports open.

A step missing from the README makes this check fail: fix the README, not the check.
"""

from __future__ import annotations

import argparse
import ast
import fcntl
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
INSTALL_HEADING = re.compile(r"^## .*\binstall\b", re.IGNORECASE)
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE_COMMAND = re.compile(r"`(python manage\.py [^`]+)`")
WATCHED = ("django", "wagtail")

SMOKE = r"""
import re
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Site
from wagtail_tracking.models import TrackingProviderSettings, UsageCount

# Trackers switched on as the settings screen saves them: one asking for consent (GA4), one not.
tracking = TrackingProviderSettings.for_site(Site.objects.get(is_default_site=True))
tracking.update_provider("plausible", enabled=True, values={"script_id": "pa-fresh-project"})
tracking.update_provider(
    "ga4", enabled=True, consent_mode="require", values={"measurement_id": "G-FRESH12345"}
)
tracking.full_clean()
tracking.save()

client = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
home = client.get("/")
assert home.status_code == 200, home.status_code
html = home.content.decode()
assert "https://plausible.io/js/pa-fresh-project.js" in html, "tracking_head rendered no tracker"
assert "G-FRESH12345" in html, "the GA4 tracker is missing"
assert 'id="wagtail-tracking-consent"' in html, "tracking_body rendered no consent banner"
assert UsageCount.objects.exists(), "the home page view was not counted (UsageMiddleware?)"
print("home page: the tags render, the view is counted")

get_user_model().objects.create_superuser("fresh", "fresh@example.com", "fresh-pass-1")
login = client.post("/admin/login/", {"username": "fresh", "password": "fresh-pass-1"})
assert login.status_code == 302, (login.status_code, login.content[:500])
dashboard = client.get("/admin/")
assert dashboard.status_code == 200, dashboard.status_code
menu = dashboard.content.decode()
assert '"name": "analytics"' in menu or "analytics" in menu.lower(), "no Analytics menu"
for name in ("backoffice", "usage"):
    url = reverse(f"wagtail_tracking_analytics:{name}")
    assert url in menu, f"{url} is not in the admin menu"
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    print("Analytics menu:", url, "opens")
"""


def run(*args, capture=False, **kwargs):
    shown = (str(arg) if len(str(arg)) < 200 else "<script>" for arg in args)
    print("$", " ".join(shown), flush=True)
    result = subprocess.run(
        [str(arg) for arg in args], check=True, text=True, capture_output=capture, **kwargs
    )
    return result.stdout if capture else None


def install_blocks(readme: str) -> list[tuple[str, str]]:
    """The steps of the README's install section, in order: each fenced block as (language,
    body), and each `python manage.py …` command the prose names as a one-line shell block."""
    lines = readme.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if INSTALL_HEADING.match(line))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    section = "".join(lines[start + 1 : end])
    steps: list[tuple[int, str, str]] = [
        (match.start(), match.group(1), match.group(2)) for match in FENCE.finditer(section)
    ]
    prose = FENCE.sub(lambda match: " " * len(match.group(0)), section)
    steps += [(match.start(), "sh", match.group(1)) for match in INLINE_COMMAND.finditer(prose)]
    assert steps, "the README's install section has no fenced blocks"
    return [(lang, body) for _position, lang, body in sorted(steps)]


def versions(python: Path) -> dict[str, str]:
    frozen = run(python, "-m", "pip", "list", "--format=freeze", capture=True)
    return dict(line.lower().split("==", 1) for line in frozen.splitlines() if "==" in line)


def merge_settings(settings_file: Path, block: str) -> None:
    """INSTALLED_APPS and MIDDLEWARE entries join the project's lists; other lines are added."""
    text = settings_file.read_text()
    namespace: dict[str, object] = {"__file__": str(settings_file)}
    exec(compile(text, str(settings_file), "exec"), namespace)  # noqa: S102 - our own project
    after = re.search(r"after ([\w.]+)", block)
    extra = []
    for node in ast.parse(block).body:
        name = node.targets[0].id if isinstance(node, ast.Assign) else None
        if name in ("INSTALLED_APPS", "MIDDLEWARE"):
            entries = [item.value for item in node.value.elts]
            current = list(namespace[name])
            new = [entry for entry in entries if entry not in current]
            if name == "MIDDLEWARE" and after and after.group(1) in current:
                position = current.index(after.group(1)) + 1
            else:
                position = 0 if name == "INSTALLED_APPS" else len(current)
            current[position:position] = new
            extra.append(f"{name} = {current!r}")
        else:
            extra.append(ast.get_source_segment(block, node))
    settings_file.write_text(
        text + "\n# From wagtail-tracking's README\n" + "\n".join(extra) + "\n"
    )


def merge_urls(urls_file: Path, block: str) -> None:
    """The block's ``path(…)`` lines go first in the project's ``urlpatterns``, so before
    Wagtail's catch-all (``wagtail start`` puts it last)."""
    lines = [line for line in block.splitlines() if line.strip().startswith("path(")]
    assert lines, "the README's urls.py block has no path() line"
    text = urls_file.read_text()
    assert "urlpatterns = [\n" in text, f"no urlpatterns list in {urls_file}"
    urls_file.write_text(
        text.replace("urlpatterns = [\n", "urlpatterns = [\n" + "\n".join(lines) + "\n", 1)
    )


def merge_template(template: Path, block: str) -> None:
    """Tags before <html> go first, those inside <head>/<body> before </head>/</body>."""
    html = template.read_text()
    where = "top"
    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith("<head"):
            where = "head"
        elif stripped.startswith("<body"):
            where = "body"
        elif stripped.startswith("{%"):
            if where == "top":
                html = stripped + "\n" + html
            else:
                closing = f"</{where}>"
                assert closing in html, f"{template} has no {closing}"
                html = html.replace(closing, f"{stripped}\n{closing}", 1)
    template.write_text(html)


def run_shell_block(body: str, python: Path, wheel: Path, project: Path, env: dict) -> None:
    for line in body.splitlines():
        command = line.split("#", 1)[0].strip()
        if not command:
            continue
        args = shlex.split(command)
        if args[:2] == ["pip", "install"]:
            args = [str(python), "-m", "pip", "install", "--quiet"] + [
                str(wheel) if arg == "wagtail-tracking" else arg for arg in args[2:]
            ]
        elif args[0] == "python":
            args[0] = str(python)
        run(*args, cwd=project, env=env)


def build_wheel(out: Path) -> Path:
    # setuptools writes build/ and the egg-info into the source tree: CI builds one at a time.
    (ROOT / "build").mkdir(exist_ok=True)
    with open(ROOT / "build" / "wheel-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)  # no stale module
        run(
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--outdir",
            out,
            ROOT,
            stdout=subprocess.DEVNULL,
        )
    [wheel] = out.glob("wagtail_tracking-*.whl")
    return wheel


def check_ours(python: Path, project: Path, env: dict) -> None:
    """`check --deploy`: our messages are printed; an error of ours fails."""
    result = subprocess.run(
        [str(python), "manage.py", "check", "--deploy", "--fail-level", "CRITICAL"],
        cwd=project,
        env=env,
        text=True,
        capture_output=True,
    )
    output = result.stdout + result.stderr
    ours = [line for line in output.splitlines() if "wagtail_tracking." in line]
    print("\n".join(ours) or "check --deploy: nothing from wagtail_tracking")
    assert result.returncode == 0, output
    errors = [line for line in ours if re.search(r"wagtail_tracking\.E\d+", line)]
    assert not errors, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", required=True, help="the interpreter of the new project")
    parser.add_argument("--pins", nargs="*", default=[], help="e.g. 'wagtail>=7.0,<7.1'")
    options = parser.parse_args()
    blocks = install_blocks((ROOT / "README.md").read_text())

    with tempfile.TemporaryDirectory(prefix="fresh-project-") as tmp:
        tmp_path = Path(tmp)
        wheel = build_wheel(tmp_path / "dist")
        run(options.python, "-m", "venv", tmp_path / "venv")
        python = tmp_path / "venv" / "bin" / "python"
        env = {
            **os.environ,
            "PATH": f"{python.parent}:{os.environ['PATH']}",
            "VIRTUAL_ENV": str(python.parent.parent),
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.pop("DATABASE_URL", None)
        run(python, "-m", "pip", "install", "--quiet", "wagtail", *options.pins, env=env)
        before = versions(python)
        print("new project on", {name: before[name] for name in WATCHED})
        run(python.parent / "wagtail", "start", "mysite", cwd=tmp_path, env=env)
        project = tmp_path / "mysite"

        for lang, body in blocks:
            if lang in ("sh", "shell", "bash", "console"):
                run_shell_block(body, python, wheel, project, env)
            elif lang == "python" and body.startswith("# settings.py"):
                merge_settings(project / "mysite" / "settings" / "base.py", body)
            elif lang == "python" and body.startswith("# urls.py"):
                merge_urls(project / "mysite" / "urls.py", body)
            elif lang in ("django", "html", "jinja", "htmldjango"):
                merge_template(project / "mysite" / "templates" / "base.html", body)
            else:
                sys.exit(
                    f"the install section has a {lang or 'plain'} block this check cannot follow"
                )

        after = versions(python)
        assert "wagtail-tracking" in after, "the README's steps did not install wagtail-tracking"
        changed = {
            name: (before[name], after[name]) for name in WATCHED if before[name] != after[name]
        }
        assert not changed, f"installing wagtail-tracking changed {changed}"
        others = {
            name: (before.get(name), version)
            for name, version in after.items()
            if before.get(name) != version and name != "wagtail-tracking"
        }
        print("installing the wheel added or changed:", others or "nothing")

        check_ours(python, project, env)
        run(
            python,
            "-c",
            SMOKE,
            cwd=project,
            env={
                **env,
                "PYTHONPATH": str(project),
                "DJANGO_SETTINGS_MODULE": "mysite.settings.dev",
            },
        )
        print("fresh project check passed on", {name: after[name] for name in WATCHED})


if __name__ == "__main__":
    main()
