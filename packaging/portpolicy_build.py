"""PEP 517 build backend for portpolicy: `pip install .` and `pipx install .` build the C++
binary with CMake and install it onto PATH, the way pre-commit's `language: python` hooks
install a tool.

The backend is part of the source tree (pyproject.toml names it with `backend-path`) and
needs nothing from a Python package index: the build uses what building with CMake needs
(a C++20 compiler, CMake, Ninja or make, the -dev packages of scripts/setup, and npm for the
pinned grammars). The wheel holds the installed files of `cmake --install`: the binary as
a script, the man page as data.

Config settings (pip install . --config-settings KEY=VALUE):
  build-dir   reuse this CMake build folder (kept afterwards); default: a temporary one
  build-type  CMake build type, default Release
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile
from pathlib import Path

NAME = "portpolicy"
SUMMARY = ("Port-policy linter: finds port numbers in configuration files and source code and "
           "checks them against the IANA registry and your team's policy")


def _root() -> Path:
    return Path(__file__).resolve().parent.parent


def _version() -> str:
    text = (_root() / "CMakeLists.txt").read_text(encoding="utf-8")
    m = re.search(r"project\(\s*portpolicy\s+VERSION\s+([0-9][0-9A-Za-z.]*)", text)
    if not m:
        raise RuntimeError("CMakeLists.txt: no 'project(portpolicy VERSION ...)' to take the version from")
    return m.group(1)


def _metadata() -> str:
    readme = (_root() / "README.md").read_text(encoding="utf-8")
    return (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {_version()}\nSummary: {SUMMARY}\n"
            "Requires-Python: >=3.8\nDescription-Content-Type: text/markdown\n\n" + readme)


def _dist_info() -> str:
    return f"{NAME}-{_version()}.dist-info"


def _tag() -> str:
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"py3-none-{plat}"


def _run(cmd: list[str], cwd: Path | None = None) -> None:
    print("portpolicy build:", " ".join(cmd), file=sys.stderr, flush=True)
    try:
        subprocess.run(cmd, cwd=cwd, check=True, stdout=sys.stderr)
    except FileNotFoundError as e:
        raise RuntimeError(f"{cmd[0]} is needed to build portpolicy and was not found on PATH") from e
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"building portpolicy failed: {' '.join(cmd)} exited {e.returncode}") from e


def _setting(config_settings: dict | None, key: str, default: str | None = None) -> str | None:
    value = (config_settings or {}).get(key, default)
    return value if value is None or isinstance(value, str) else str(value)


def _install_tree(config_settings: dict | None, stage: Path) -> None:
    """Builds portpolicy with CMake and installs it into `stage` (prefix layout)."""
    root = _root()
    _run(["bash", str(root / "scripts" / "grammars")])
    build_dir = _setting(config_settings, "build-dir")
    temporary = None
    if build_dir is None:
        temporary = tempfile.mkdtemp(prefix="portpolicy-wheel-")
        build_dir = temporary
    try:
        configure = ["cmake", "-S", str(root), "-B", build_dir, "-DBUILD_TESTING=OFF",
                     "-DCMAKE_BUILD_TYPE=" + (_setting(config_settings, "build-type", "Release") or "Release")]
        if not (Path(build_dir) / "CMakeCache.txt").exists() and shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        _run(configure)
        _run(["cmake", "--build", build_dir, "-j", str(os.cpu_count() or 1)])
        _run(["cmake", "--install", build_dir, "--prefix", str(stage), "--strip"])
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def _write_wheel(path: Path, files: list[tuple[str, bytes, int]]) -> None:
    """files: (name in the wheel, content, Unix mode); RECORD is added last."""
    records = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for arcname, data, mode in files:
            info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
            records.append(_record_line(arcname, data))
        record = f"{_dist_info()}/RECORD"
        records.append(f"{record},,")
        info = zipfile.ZipInfo(record, date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o100644 << 16
        z.writestr(info, "\n".join(records) + "\n")


# --- PEP 517 hooks -----------------------------------------------------------------------


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    info = Path(metadata_directory) / _dist_info()
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(_metadata(), encoding="utf-8")
    return info.name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = _version()
    data_dir = f"{NAME}-{version}.data"
    files: list[tuple[str, bytes, int]] = []
    with tempfile.TemporaryDirectory(prefix="portpolicy-stage-") as stage:
        _install_tree(config_settings, Path(stage))
        for path in sorted(Path(stage).rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(stage)
            if rel.parts[0] == "bin":
                arcname = f"{data_dir}/scripts/{Path(*rel.parts[1:])}"
            else:
                arcname = f"{data_dir}/data/{rel.as_posix()}"
            files.append((arcname, path.read_bytes(), path.stat().st_mode & 0o777))
    if not any(name == f"{data_dir}/scripts/{NAME}" for name, _, _ in files):
        raise RuntimeError("cmake --install put no bin/portpolicy into the wheel's staging folder")
    wheel_meta = (f"Wheel-Version: 1.0\nGenerator: {NAME} build backend\nRoot-Is-Purelib: false\n"
                  f"Tag: {_tag()}\n")
    files.append((f"{_dist_info()}/METADATA", _metadata().encode(), 0o644))
    files.append((f"{_dist_info()}/WHEEL", wheel_meta.encode(), 0o644))
    name = f"{NAME}-{version}-{_tag()}.whl"
    _write_wheel(Path(wheel_directory) / name, files)
    return name


def _sdist_files(root: Path) -> list[str]:
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], check=True,
                             capture_output=True).stdout
        return sorted(p for p in out.decode().split("\0") if p and (root / p).is_file())
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", "node_modules"}
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                      if p.is_file() and not skip.intersection(p.relative_to(root).parts)
                      and not p.relative_to(root).parts[0].startswith("build"))


def build_sdist(sdist_directory, config_settings=None):
    root = _root()
    base = f"{NAME}-{_version()}"
    name = f"{base}.tar.gz"
    with tarfile.open(Path(sdist_directory) / name, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for rel in _sdist_files(root):
            tar.add(root / rel, arcname=f"{base}/{rel}", recursive=False)
        pkg_info = _metadata().encode()
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(pkg_info)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(pkg_info))
    return name
