"""`python -m winnow ARGS` runs the packaged binary with ARGS."""
import os
import sys

from ._binary import binary_path


def main() -> None:
    binary = binary_path()
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
