"""Where the winnow binary is: the copy inside the package (the wheel puts it in
winnow/bin/), else the one pip put in the environment's scripts folder, else PATH."""
from __future__ import annotations

import importlib.resources
import os
import shutil
import sysconfig

ENV_VAR = "WINNOW_BINARY"


def binary_path() -> str:
    """The path of the winnow binary the API runs.

    WINNOW_BINARY in the environment wins (e.g. a development build); then the binary
    shipped inside this package; then the environment's scripts folder; then PATH.
    """
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        if not os.access(chosen, os.X_OK):
            raise FileNotFoundError(f"{ENV_VAR}={chosen} is not an executable file")
        return chosen
    packaged = importlib.resources.files(__package__).joinpath("bin", "winnow")
    candidates = [os.fspath(packaged)] if isinstance(packaged, os.PathLike) else []
    candidates.append(os.path.join(sysconfig.get_path("scripts"), "winnow"))
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    found = shutil.which("winnow")
    if found:
        return found
    raise FileNotFoundError(
        "the winnow binary was not found: not inside the package (winnow/bin/winnow), not in "
        f"{sysconfig.get_path('scripts')}, not on PATH. Install the platform wheel "
        f"(pip install winnow-*.whl) or set {ENV_VAR} to a winnow binary."
    )
