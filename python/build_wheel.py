#!/usr/bin/env python3
"""Writes the winnow platform wheel: the Python package from python/src/winnow plus
the static winnow binary, twice: in winnow-V.data/scripts/ (pip puts it on PATH) and
in winnow/bin/ (the API runs that one). Standard library only; scripts/build-wheel.sh
calls it with the binary that scripts/install.sh built.

    python3 python/build_wheel.py --binary PREFIX/bin/winnow --out dist

The version is the binary's (`winnow --version`). The platform tag is worked out from
the binary: manylinux_2_X when it needs only the libraries the manylinux policy allows
(libc, libm, libstdc++, libgcc_s, ...) with symbol versions no newer than that policy's
(X = the newest GLIBC_2.X it asks for); otherwise the plain linux_<arch> tag, which pip
installs only on the machine kind it was built for. --tag overrides.
"""
import argparse
import base64
import hashlib
import os
import platform
import re
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "src", "winnow")
# Libraries a manylinux wheel may need from the system (PEP 600 / auditwheel policy).
ALLOWED_LIBRARIES = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libpthread.so.0",
                     "libdl.so.2", "librt.so.1", "libutil.so.1", "libresolv.so.2", "ld-linux-x86-64.so.2",
                     "ld-linux-aarch64.so.1", "libcrypt.so.1", "libnsl.so.1"}
# The newest libstdc++/libgcc symbol versions each glibc baseline's reference distribution
# ships (auditwheel's manylinux-policy.json): (glibc minor, GLIBCXX, CXXABI, GCC).
POLICIES = [(17, "3.4.19", "1.3.7", "4.8.0"), (24, "3.4.22", "1.3.10", "6.0.0"),
            (27, "3.4.24", "1.3.11", "7.0.0"), (28, "3.4.25", "1.3.11", "8.0.0"),
            (31, "3.4.28", "1.3.12", "10.0.0"), (34, "3.4.29", "1.3.13", "11.0.0"),
            (35, "3.4.30", "1.3.13", "12.0.0"), (39, "3.4.33", "1.3.15", "14.0.0")]


def version_tuple(text):
    return tuple(int(p) for p in text.split("."))


def platform_tag(binary):
    """(tag, why) for the binary, from `objdump -T` (symbol versions) and `objdump -p` (NEEDED)."""
    arch = platform.machine()
    fallback = f"linux_{arch}"
    try:
        symbols = subprocess.run(["objdump", "-T", binary], capture_output=True, text=True, check=True).stdout
        headers = subprocess.run(["objdump", "-p", binary], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        return fallback, f"objdump unavailable ({error}): plain {fallback}"
    needed = set(re.findall(r"^\s*NEEDED\s+(\S+)", headers, re.M))
    odd = sorted(needed - ALLOWED_LIBRARIES)
    if odd:
        return fallback, f"needs {', '.join(odd)}, outside the manylinux policy: plain {fallback}"
    newest = {}
    for name, number in re.findall(r"\b(GLIBC|GLIBCXX|CXXABI|GCC)_([0-9.]+)\b", symbols):
        newest[name] = max(newest.get(name, (0,)), version_tuple(number))
    minor = max(17, newest.get("GLIBC", (2, 17))[1])

    def fits(policy):
        limits = {"GLIBCXX": policy[1], "CXXABI": policy[2], "GCC": policy[3]}
        return all(newest.get(k, (0,)) <= version_tuple(v) for k, v in limits.items())

    # The glibc baseline the binary asks for, raised to the first baseline whose
    # libstdc++ is new enough for it.
    floor = [p for p in POLICIES if p[0] <= minor]
    chosen = minor if floor and fits(floor[-1]) else next((p[0] for p in POLICIES if p[0] > minor and fits(p)), None)
    if chosen is None:
        return fallback, f"libstdc++ symbols newer than any known manylinux policy: plain {fallback}"
    shown = ", ".join(f"{k}_{'.'.join(map(str, v))}" for k, v in sorted(newest.items()))
    return f"manylinux_2_{chosen}_{arch}", f"newest symbol versions {shown}; libraries {', '.join(sorted(needed))}"


def binary_version(binary):
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.match(r"winnow (\S+)", out)
    if not match:
        sys.exit(f"build_wheel: cannot read the version from `{binary} --version`: {out!r}")
    return match.group(1)


def project_table():
    """[project] of pyproject.toml (tomllib on 3.11+, else the few keys read by hand)."""
    path = os.path.join(HERE, "pyproject.toml")
    try:
        import tomllib
        with open(path, "rb") as f:
            return tomllib.load(f)["project"]
    except ImportError:
        text = open(path, encoding="utf-8").read()
        found = dict(re.findall(r'^(name|description|requires-python) = "([^"]*)"', text, re.M))
        found["optional-dependencies"] = {"datatrove": ["datatrove"]}
        return found


def metadata(project, version):
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {version}",
             f"Summary: {project['description']}", f"Requires-Python: {project['requires-python']}",
             "License: see the repository", "Description-Content-Type: text/markdown"]
    for extra, requirements in sorted(project.get("optional-dependencies", {}).items()):
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {r}; extra == "{extra}"' for r in requirements]
    readme = open(os.path.join(HERE, "README.md"), encoding="utf-8").read()
    return "\n".join(lines) + "\n\n" + readme


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build(binary, out, tag=None):
    binary = os.path.abspath(binary)
    project = project_table()
    version = binary_version(binary)
    why = "given with --tag"
    if tag is None:
        tag, why = platform_tag(binary)
    name = project["name"]
    dist_info, data_dir = f"{name}-{version}.dist-info", f"{name}-{version}.data"
    wheel_name = f"{name}-{version}-py3-none-{tag}.whl"
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, wheel_name)
    with open(binary, "rb") as f:
        program = f.read()
    entries = []  # (name in the wheel, bytes, executable)
    for file in sorted(os.listdir(SOURCE)):
        if file.endswith(".py") or file == "py.typed":
            with open(os.path.join(SOURCE, file), "rb") as f:
                entries.append((f"{name}/{file}", f.read(), False))
    entries.append((f"{name}/bin/winnow", program, True))
    entries.append((f"{data_dir}/scripts/winnow", program, True))
    wheel = "\n".join(["Wheel-Version: 1.0", "Generator: winnow python/build_wheel.py",
                       "Root-Is-Purelib: false", f"Tag: py3-none-{tag}", ""])
    entries.append((f"{dist_info}/METADATA", metadata(project, version).encode("utf-8"), False))
    entries.append((f"{dist_info}/WHEEL", wheel.encode("utf-8"), False))
    record = [record_line(n, d) for n, d, _ in entries] + [f"{dist_info}/RECORD,,"]
    entries.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode("utf-8"), False))
    temporary = path + ".part"
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for entry_name, data, executable in entries:
            info = zipfile.ZipInfo(entry_name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = ((0o100755 if executable else 0o100644) << 16)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    os.replace(temporary, path)
    return path, tag, why


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", required=True, help="the static winnow binary to ship")
    ap.add_argument("--out", default="dist", help="folder for the wheel (default: dist)")
    ap.add_argument("--tag", help="platform tag (default: worked out from the binary)")
    args = ap.parse_args()
    path, tag, why = build(args.binary, args.out, args.tag)
    print(f"build_wheel: wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB); tag {tag}: {why}")


if __name__ == "__main__":
    main()
