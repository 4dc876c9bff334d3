"""utdrag from Python: the fields of Swedish public documents as records.

    import utdrag
    records = utdrag.extract("docs/")                 # list of dicts, as the JSON Lines
    df = utdrag.to_dataframe("docs/", types="figure")  # with pandas: typed columns

Why a subprocess and not ctypes over libutdrag.so: the command line is the
tested interface (exit status, messages naming files, the directory walk),
a crash in it cannot take the notebook's kernel down, and the module needs
nothing but the standard library.  It runs `utdrag extract` with JSON Lines
on standard output and parses it.

The binary is, in this order: the `binary` argument, $UTDRAG, `utdrag` on
PATH, ../build/utdrag beside this package (a source checkout), or the bin/
of the prefix the package is installed in.

Failures: a run that fails (exit 2: bad rules, unknown type, output lost;
or a crash) raises UtdragError carrying the command's stderr.  A run where
some inputs were refused (exit 1: missing, unreadable, binary) returns the
records of the others and warns (UtdragWarning, via warnings.warn) naming
the refused files.  Other messages on stderr (a rule that hit its match
limit) are warned too.
"""
import json
import os
import shlex
import shutil
import subprocess
import warnings
from pathlib import Path

__all__ = ["extract", "to_dataframe", "schema", "find_binary", "UtdragError", "UtdragWarning"]


class UtdragError(RuntimeError):
    """A utdrag run that failed: `returncode`, `stderr` (text), `command`."""

    def __init__(self, message, returncode=None, stderr="", command=None):
        if stderr.strip():
            message = "%s\n%s" % (message, stderr.rstrip())
        super().__init__(message)
        self.returncode = returncode
        self.stderr = stderr
        self.command = command


class UtdragWarning(UserWarning):
    """Inputs refused in a run that went on: `files` names them, `stderr` is all of it."""

    def __init__(self, message, files=(), stderr=""):
        super().__init__(message)
        self.files = list(files)
        self.stderr = stderr


def find_binary(binary=None):
    """The command to run utdrag, as a list (an $UTDRAG such as
    "valgrind -q build/utdrag" is split like a shell would)."""
    if binary:
        return [os.fspath(binary)]
    env = os.environ.get("UTDRAG")
    if env:
        return [env] if os.path.isfile(env) else shlex.split(env)
    on_path = shutil.which("utdrag")
    if on_path:
        return [on_path]
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent / "build" / "utdrag",  # python/utdrag/ in a checkout
                      here.parents[3] / "bin" / "utdrag" if len(here.parents) > 3 else None):
        if candidate and candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    raise UtdragError("utdrag: binary not found (give binary=..., set $UTDRAG, or put utdrag on PATH)")


def _paths(paths):
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [os.fsdecode(paths)]
    return [os.fsdecode(p) for p in paths]


def _types(types):
    if types is None:
        return None
    if isinstance(types, str):
        return types
    return ",".join(types)


def _refused(stderr, given):
    """The inputs named in the CLI's "utdrag: PATH: reason" lines (not
    warnings).  A reason may hold ": " too, so the name ends at the first
    ": ", unless a path given holds one (the longest such path wins)."""
    files = []
    for line in stderr.splitlines():
        if not line.startswith("utdrag: ") or ": warning: " in line:
            continue
        rest = line[len("utdrag: "):]
        name = max((p for p in given if rest.startswith(p + ": ")), key=len, default=None)
        if name is None:
            name, sep, _ = rest.partition(": ")
            if not sep:
                continue
        files.append(name)
    return files


def extract(paths, types=None, rules=None, binary=None, jobs=None):
    """Fields of the documents `paths` (a file or directory, or a list of
    them; directories are walked for *.txt) as a list of dicts, one per
    field, exactly the JSON Lines records of `utdrag extract`.  `types`
    ("date,dnr" or a list) and `rules` (a rule directory) are the CLI's
    --types and --rules; `jobs` its -j."""
    paths = _paths(paths)
    if not paths:
        return []  # the CLI would read standard input
    cmd = find_binary(binary) + ["extract", "--format", "jsonl", "--no-progress"]
    if _types(types) is not None:
        cmd += ["--types", _types(types)]
    if rules is not None:
        cmd += ["--rules", os.fspath(rules)]
    if jobs is not None:
        cmd += ["--jobs", str(int(jobs))]
    cmd += ["--"] + paths  # a path that starts with '-' is still a path
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True)
    except OSError as e:
        raise UtdragError("utdrag: cannot run %s: %s" % (cmd[0], e.strerror), command=cmd) from e
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        what = ("killed by signal %d" % -proc.returncode if proc.returncode < 0
                else "exit status %d" % proc.returncode)
        raise UtdragError("utdrag extract failed (%s)" % what, proc.returncode, stderr, cmd)
    records = []
    for n, line in enumerate(proc.stdout.splitlines(), 1):
        try:
            records.append(json.loads(line))
        except ValueError as e:
            raise UtdragError("utdrag extract: output line %d is not JSON: %s" % (n, e),
                              proc.returncode, stderr, cmd) from e
    if proc.returncode == 1:
        files = _refused(stderr, paths)
        warnings.warn(UtdragWarning("utdrag: %d input(s) refused, the rest extracted: %s"
                                    % (len(files), ", ".join(files) or "(see stderr)"), files, stderr),
                      stacklevel=2)
    elif stderr.strip():
        warnings.warn(UtdragWarning("utdrag: " + stderr.strip(), (), stderr), stacklevel=2)
    return records


def to_dataframe(paths, types=None, rules=None, binary=None, jobs=None):
    """extract() as a pandas DataFrame with typed columns (see _frame.py).
    Needs pandas (Debian: python3-pandas)."""
    from . import _frame
    records = extract(paths, types=types, rules=rules, binary=binary, jobs=jobs)
    return _frame.frame(records, schema(binary=binary))


_schemas = {}


def schema(binary=None):
    """The record schema of the binary (`utdrag schema --format json`): its
    columns with their kinds, the typed keys of each field type, the keys
    every type has and the document facts.  Read once per binary."""
    cmd = find_binary(binary) + ["schema", "--format", "json"]
    key = tuple(cmd)
    if key not in _schemas:
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True)
        except OSError as e:
            raise UtdragError("utdrag: cannot run %s: %s" % (cmd[0], e), command=cmd)
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace")
            raise UtdragError("utdrag schema failed (exit %d): %s" % (proc.returncode, err.strip()),
                              returncode=proc.returncode, stderr=err, command=cmd)
        _schemas[key] = json.loads(proc.stdout.decode("utf-8"))
    return _schemas[key]
