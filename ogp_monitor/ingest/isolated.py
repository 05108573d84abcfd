"""Read and validate a large workbook in a child process whose memory is bounded.

In-process (``reader.read_workbook``), calamine may only open a workbook after
the pre-scan has passed every part, because a hostile file can make the Rust
reader ask for hundreds of GB and abort the whole process. For a large export
that order puts the whole pre-scan (~2 s at 200k measures) before the first row
is parsed. Here calamine starts at once, in a child process whose address space
is limited while it parses, so a hostile file can end only the child. The child
also refuses a sheet whose parsed rectangle exceeds the pre-scan's bounds, then
validates the rows (the trust indicators while the measures sheet is still
being parsed) and hands back the clean frames: their Arrow and numpy buffers
pass through shared memory without a copy (pickle protocol 5), which costs far
less than sending the raw cells.

This process runs the same pre-scan as the in-process path, on a thread that
starts once calamine needs only one core (the other sheets are read), and its
refusal comes first: a file it refuses gets exactly the refusal it gets
in-process. A child killed by a signal (the memory limit, a crash in the
reader) without a pre-scan refusal gets a refusal of its own. A child that
cannot start (fork or exec fails, or the interpreter exits with a status and no
result) is not the file's fault: after the pre-scan the file is read
in-process, with a warning. The child is started with ``subprocess``
(fork + exec, no Python code between them), which is safe from the
multi-threaded Streamlit server; small files stay in-process, where the
pre-scan costs less than starting a second interpreter.

    python -m ogp_monitor.ingest.isolated IN_FD OUT_FD   (started by read_and_validate)
"""

from __future__ import annotations

import datetime as dt
import io
import mmap
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import traceback
import warnings
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import reader
from .problems import ERROR, Problem, RefusedFile

if TYPE_CHECKING:
    from .validate import Clean

try:
    import resource
except ImportError:  # not POSIX: no memory limit, so everything stays in-process
    resource = None

# Files whose parts together declare at least this many bytes are read in a child process.
# The child costs ~0.4 s more (a second interpreter, pandas, the transfer); what it saves is the
# in-process pre-scan before the parse, ~10 ms per MB. Measured end to end with the CLI: bench
# size s (5 MB declared) 1.03-1.18 s in-process, 1.36-1.75 s in the child; size m (58 MB)
# 3.01-3.41 s in-process, 2.82-3.29 s in the child.
ISOLATE_FROM_BYTES = 40 * 1024 * 1024
# The child's address space while calamine parses: room for the interpreter, pandas and
# pyarrow's reserved pools and the largest sheet the pre-scan allows (12M cells), far below
# what the hostile files ask for (a cell at XFD1048576: ~550 GB).
CHILD_ADDRESS_SPACE = 4 * 1024 ** 3

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def wanted(archive: zipfile.ZipFile) -> bool:
    """Whether a checked archive is large enough to be read in a child process."""
    return resource is not None and sum(i.file_size for i in archive.infolist()) >= ISOLATE_FROM_BYTES


def _memfd(name: str) -> int:
    if hasattr(os, "memfd_create"):
        return os.memfd_create(name)
    handle = tempfile.TemporaryFile()  # an unlinked file; its descriptor outlives the object
    fd = os.dup(handle.fileno())
    handle.close()
    return fd


def _write_all(fd: int, data) -> None:
    view = memoryview(data).cast("B")
    while view.nbytes:
        view = view[os.write(fd, view):]


def _refused_child(detail: str) -> RefusedFile:
    return RefusedFile(Problem(
        ERROR, "unreadable", "fails / file",
        "Darbgrāmatu nevar nolasīt: lasīšana prasītu pārāk daudz atmiņas vai beidzās ar kļūdu (fails ir bojāts "
        "vai nestandarta).",
        f"The workbook cannot be read: reading it would take too much memory or failed ({detail}; the file is "
        "damaged or non-standard).",
        "Atveriet to Excel un saglabājiet vēlreiz kā .xlsx.", "Open it in Excel and save it again as .xlsx."))


def read_and_validate(data: bytes, archive: zipfile.ZipFile, *, report_date: dt.date | None = None,
                      plan_id: str | None = None, file_name: str = "",
                      on_read: Callable[[], None] | None = None) -> tuple[Clean | None, list[Problem]]:
    """``validate(read_workbook(data))`` with the parse in a child process (see the module).

    ``archive`` is ``reader.check_bytes(data)``. Raises RefusedFile as ``read_workbook`` does;
    ``on_read`` is called when the sheets have been read and validation starts.
    """
    inbox, outbox = _memfd("ogp-workbook"), _memfd("ogp-result")
    try:
        _write_all(inbox, data)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH", "")) if p)}
        with tempfile.TemporaryFile() as errors:
            try:
                child = subprocess.Popen(
                    [sys.executable, "-m", "ogp_monitor.ingest.isolated", str(inbox), str(outbox)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, pass_fds=(inbox, outbox), env=env)
            except OSError as exc:  # no process (fork failed) or nothing to run (exec failed)
                _could_not_start(f"{type(exc).__name__}: {exc}")
                return _in_process(data, archive, scanned=False, report_date=report_date, plan_id=plan_id,
                                   file_name=file_name, on_read=on_read)
            scan = _Scan(data, archive)
            try:
                try:
                    child.stdin.write(pickle.dumps((report_date, plan_id, file_name)))
                    child.stdin.close()
                except BrokenPipeError:  # the child did not start: see below
                    pass
                result = None
                for event in _events(child, outbox):
                    # The same pre-scan as in-process. It starts once calamine needs only one core
                    # (the other sheets are read; at the latest when all are), or when the child
                    # has died: its refusal then says why.
                    scan.start()
                    if event == "read" and on_read is not None:
                        on_read()
                    elif isinstance(event, tuple):
                        result = event
                scan.start()
                scan.finish()  # its refusal comes first, whatever the child found
            except BaseException:
                child.kill()
                child.wait()
                raise
            finally:
                child.stdout.close()
            if result is not None:
                # The child has sent everything and is exiting; unmapping its memory takes ~0.1 s
                # at bench size l, so it is reaped on a thread instead of waited for here (not a
                # daemon: the interpreter waits for it at exit, so the child is always reaped and
                # its memory counted in this process's rusage).
                threading.Thread(target=child.wait).start()
            elif child.wait() < 0:  # killed by a signal (SIGABRT: the memory limit) without a refusal
                errors.seek(0)
                said = [line for line in errors.read()[-20_000:].decode(errors="replace").splitlines()
                        if "memory allocation" in line]  # Rust: "memory allocation of N bytes failed"
                raise _refused_child(f"exit {child.returncode}" + (f": {said[-1].strip()}" if said else ""))
            else:  # an exit status without a result: the interpreter or the environment, not the file
                errors.seek(0)
                said = errors.read()[-20_000:].decode(errors="replace").strip().splitlines()
                _could_not_start(f"exit {child.returncode}" + (f": {said[-1].strip()}" if said else ""))
    finally:
        os.close(inbox)
        os.close(outbox)
    if result is None:  # the pre-scan has passed (scan.finish above)
        return _in_process(data, archive, scanned=True, report_date=report_date, plan_id=plan_id,
                           file_name=file_name, on_read=on_read)
    status, *payload = result
    if status == "refused":
        raise RefusedFile(payload[0])
    if status == "error":
        raise RuntimeError("reading the workbook failed in the child process:\n" + payload[0])
    return payload[0], payload[1]


def _could_not_start(detail: str) -> None:
    warnings.warn(f"the child process that reads large workbooks could not start ({detail}); "
                  "reading in this process instead", RuntimeWarning, stacklevel=3)


def _in_process(data: bytes, archive: zipfile.ZipFile, *, scanned: bool, on_read: Callable[[], None] | None,
                **context) -> tuple[Clean | None, list[Problem]]:
    """What ``pipeline.check`` does for a small file (``read_workbook``, then ``validate``), for a
    large one whose child could not start. Slower, and as safe: calamine opens the workbook only
    after the pre-scan (``scanned``: done already) has passed every part."""
    if not scanned:
        reader._scan_parts(data, archive)
    book = reader.parse_workbook(data)
    if on_read is not None:
        on_read()
    from .validate import validate
    return validate(book, **context)


class _Scan:
    """reader._scan_parts on a thread of this process, started once."""

    def __init__(self, data: bytes, archive: zipfile.ZipFile) -> None:
        self._thread = threading.Thread(target=self._run, args=(data, archive), daemon=True)
        self._error: BaseException | None = None

    def _run(self, data: bytes, archive: zipfile.ZipFile) -> None:
        try:
            reader._scan_parts(data, archive)
        except BaseException as exc:  # noqa: BLE001 (raised by finish)
            self._error = exc

    def start(self) -> None:
        if self._thread.ident is None:
            self._thread.start()

    def finish(self) -> None:
        self._thread.join()
        if self._error is not None:
            raise self._error


def _events(child: subprocess.Popen, outbox: int):
    """The child's messages: "others" when the sheets besides the measures are read and checked,
    "read" when all are, then the result it left in ``outbox`` (a tuple)."""
    for line in child.stdout:
        word, *sizes = line.split()
        if word in (b"others", b"read"):
            yield word.decode()
        elif word == b"done":
            head, *lengths = map(int, sizes)
            # A private copy-on-write mapping: no copy now, and the frames' numpy columns stay
            # writable (resolve_plan assigns into them).
            view = memoryview(mmap.mmap(outbox, os.fstat(outbox).st_size, access=mmap.ACCESS_COPY))
            buffers, at = [], head
            for n in lengths:
                buffers.append(view[at:at + n])
                at += n
            yield pickle.loads(view[:head], buffers=buffers)
            return


# ---- the child ---------------------------------------------------------------------------

def _child(inbox: int, outbox: int) -> None:
    report_date, plan_id, file_name = pickle.load(sys.stdin.buffer)
    size = os.fstat(inbox).st_size
    with mmap.mmap(inbox, size, access=mmap.ACCESS_READ) as mapped:
        data = bytes(mapped)
    limits = resource.getrlimit(resource.RLIMIT_AS)
    hard = limits[1]
    soft = CHILD_ADDRESS_SPACE if hard == resource.RLIM_INFINITY else min(CHILD_ADDRESS_SPACE, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    parsed: dict[str, object] = {}

    def early(sheets: list[reader.RawSheet]) -> None:  # the indicators, while the measures still parse
        # pandas is imported here, once the second thread's sheets are read: imported at the
        # start beside both parses, it slowed the measures parse by ~0.2 s on two cores.
        try:
            from .validate import validate_early
            parsed["early"] = validate_early(sheets)
        except BaseException as exc:  # noqa: BLE001 (a bug: raised by the main thread)
            parsed["bug"] = exc
        sys.stdout.buffer.write(b"others\n")  # the parent's pre-scan can have this core now
        sys.stdout.buffer.flush()

    def parse() -> None:
        try:
            parsed["book"] = reader.parse_workbook(data, early)
        except BaseException as exc:  # noqa: BLE001 (handed to the main thread)
            parsed["error"] = exc

    thread = threading.Thread(target=parse)
    thread.start()
    thread.join()
    from .validate import validate  # loaded by early(), on the second thread, after its sheets
    resource.setrlimit(resource.RLIMIT_AS, limits)  # the sheets are bounded now: validate as in-process
    if "error" in parsed:
        error = parsed["error"]
        if isinstance(error, RefusedFile):
            return _send(outbox, ("refused", error.problem))
        if isinstance(error, MemoryError):  # a Python allocation hit the limit (Rust's abort the process)
            return _send(outbox, ("refused", _refused_child("MemoryError").problem))
        raise error
    if "bug" in parsed:
        raise parsed["bug"]
    sys.stdout.buffer.write(b"read\n")
    sys.stdout.buffer.flush()
    clean, problems = validate(parsed["book"], report_date=report_date, plan_id=plan_id, file_name=file_name,
                               early=parsed.get("early"))
    _send(outbox, ("ok", clean, problems))


def _arrow_array(cls: type, state: dict) -> object:
    array = cls.__new__(cls)
    array.__setstate__(state)
    return array


def _dumps(result: tuple, buffers: list[pickle.PickleBuffer]) -> bytes:
    """Pickle protocol 5 with every large buffer out of band (handed to ``buffers``).

    pandas pickles an Arrow-backed column after ``combine_chunks()``, which copies every buffer
    (0.24 s for the 1M indicator rows of bench size l); here the arrays go as they are, restored
    the way pandas restores its own pickles (pandas 3.1's ArrowExtensionArray.__setstate__).
    """
    from pandas.arrays import ArrowExtensionArray

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: object) -> object:
            if isinstance(obj, ArrowExtensionArray):
                return _arrow_array, (type(obj), {**obj.__dict__, "_cache": {}})
            return NotImplemented

    out = io.BytesIO()
    Pickler(out, protocol=5, buffer_callback=buffers.append).dump(result)
    return out.getvalue()


def _send(outbox: int, result: tuple) -> None:
    buffers: list[pickle.PickleBuffer] = []
    head = _dumps(result, buffers)
    raws = [b.raw() for b in buffers]
    _write_all(outbox, head)
    for raw in raws:
        _write_all(outbox, raw)
    sizes = " ".join(str(r.nbytes) for r in raws)
    sys.stdout.buffer.write(f"done {len(head)} {sizes}\n".encode())
    sys.stdout.buffer.flush()


def main(argv: list[str]) -> int:
    inbox, outbox = int(argv[0]), int(argv[1])
    try:
        _child(inbox, outbox)
    except BaseException:  # noqa: BLE001 (a bug, not a bad file: the parent raises it)
        try:
            os.ftruncate(outbox, 0)
            os.lseek(outbox, 0, os.SEEK_SET)
            _send(outbox, ("error", traceback.format_exc()))
        except BaseException:  # noqa: BLE001 (e.g. out of memory: the parent sees the exit)
            os._exit(1)
    # Everything is sent and flushed: skip freeing a million objects one by one (0.2 s at bench
    # size l, which the parent would wait for).
    os._exit(0)


if __name__ == "__main__":  # run under the module's own name, so pickles name it, not __main__
    from ogp_monitor.ingest.isolated import main as _main

    sys.exit(_main(sys.argv[1:]))
