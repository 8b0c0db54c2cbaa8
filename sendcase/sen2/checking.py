"""Checking a SEN2 file in a second process while the import stores it.

An import is Python work in two halves of about the same size: reading and checking the file
(sendcase.sen2.reader, with what each passing person becomes, sendcase.sen2.load), and turning
those values into rows and COPY text (sendcase.sen2.store). One process does them one after the
other on one core. So `check_in_child` starts this module as a child process, which reads and
checks the file and sends, down a pipe, each problem as it is found, the header once it passed
and the casework values of the passing persons in batches; the importer stores each batch as it
comes, in its one transaction, while the child checks the next. A machine with two cores does
both halves at once.

The child imports neither Django nor anything that touches the database: it reads the file and
the XSD, nothing else. What it sends is pickled by SENDcase's own code in the child, from values
it made, and read back only here, from that child's pipe.

Nothing changes for the file or the council: the checks are the same function (`check_file`),
problems reach the import's report (and the command's output) in file order, persons are stored
only while the file has no error, and any error still means nothing is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from sendcase.sen2.load import PersonValues, person_values
from sendcase.sen2.problems import Report
from sendcase.sen2.reader import FileCheck, Header, check_file

# Persons a message holds: large enough that pickling costs little per person, small enough that
# the importer never waits long for its first batch.
PERSONS_A_MESSAGE = 250
_ROOT = Path(__file__).resolve().parents[2]


class CheckingFailed(Exception):
    """The checking process ended without finishing the file (a fault in SENDcase, not in the file)."""


def check_in_child(
    path: str | Path,
    report: Report,
    *,
    la_codes: set[str],
    on_header: Callable[[Header], None],
    on_persons: Callable[[list[PersonValues]], None],
) -> tuple[FileCheck, str]:
    """Check the file in a child process; (what it found, the file's SHA-256).

    Every problem goes to `report`; `on_header` sees the header once it passed; `on_persons`
    sees each batch of persons that passed, while the file still has no error.
    Raises OSError if the file cannot be read, as opening it here would.
    """
    env = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(  # noqa: S603 (this interpreter, this module, the path as one argument)
            [sys.executable, "-m", "sendcase.sen2.checking", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
        )
        stdin, stdout = child.stdin, child.stdout
        try:
            if stdin is None or stdout is None:
                raise CheckingFailed("The checking process has no pipes")
            # A child that already ended (it could not start) closed its end of the pipe: what it
            # said is read below, as for any child that stops before the end of the file.
            with contextlib.suppress(BrokenPipeError):
                stdin.write("\n".join(sorted(la_codes)).encode())
            with contextlib.suppress(BrokenPipeError):
                stdin.close()
            done = _receive(stdout, report, on_header, on_persons)
        except BaseException:
            # The import stops here (its own error): the child, perhaps waiting to write, with it.
            child.kill()
            raise
        finally:
            child.wait()
            if stdout is not None:
                stdout.close()
        if done is None:
            errors.seek(0)
            said = errors.read().decode(errors="replace").strip().splitlines()
            raise CheckingFailed(
                f"Checking {Path(path).name} stopped before the end of the file "
                f"(exit code {child.returncode}): {said[-1] if said else 'no message'}"
            )
    return done


def _receive(
    pipe: IO[bytes],
    report: Report,
    on_header: Callable[[Header], None],
    on_persons: Callable[[list[PersonValues]], None],
) -> tuple[FileCheck, str] | None:
    while True:
        try:
            # Pickled by the child this module started, from values it made (see above).
            kind, value = pickle.load(pipe)  # noqa: S301
        except EOFError:
            return None
        if kind == "problem":
            report.add(value)
        elif kind == "header":
            if report.ok:
                on_header(value)
        elif kind == "persons":
            # A batch made before the file's first error may arrive after it: it is not stored.
            if report.ok:
                on_persons(value)
        elif kind == "unreadable":
            raise OSError(*value)
        elif kind == "done":
            return value


class _Sender:
    """The child's side: problems, the header and batches of persons, pickled down stdout.

    The importer takes a store's batch of persons at a time (sendcase.sen2.store.BATCH) and
    reads nothing while it builds the batch's rows: a pipe holds a few dozen persons, so the
    child would wait as well. A thread of its own writes the pickles while the child checks
    on; up to `AHEAD` messages wait for it, so memory stays bounded.
    """

    AHEAD = 40

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.batch: list[PersonValues] = []
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=self.AHEAD)
        self.thread = threading.Thread(target=self._write, name="sen2-send", daemon=True)
        self.thread.start()

    def _write(self) -> None:
        while (data := self.queue.get()) is not None:
            self.out.write(data)
        self.out.flush()

    def send(self, kind: str, value: Any) -> None:
        self.queue.put(pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()

    def problem(self, problem: Any) -> None:
        # Persons checked before a problem go first, so the importer sees the file in order.
        self.flush()
        self.send("problem", problem)

    def header(self, header: Header) -> None:
        self.send("header", header)

    def person(self, element: Any, node: Any) -> None:
        self.batch.append(person_values(element, node))
        if len(self.batch) >= PERSONS_A_MESSAGE:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.send("persons", self.batch)
            self.batch = []


def main() -> None:
    """`python -m sendcase.sen2.checking PATH`, council codes on stdin: what `check_in_child` reads."""
    path = sys.argv[1]
    la_codes = set(sys.stdin.read().split())
    out = sys.stdout.buffer
    sender = _Sender(out)
    # Problems are kept by the importer's report; here they are only counted, to gate the persons.
    report = Report(keep=0, listeners=[sender.problem])
    try:
        raw = open(path, "rb")  # noqa: SIM115 (closed below, after the last read)
    except OSError as error:
        sender.send("unreadable", (error.errno, error.strerror, error.filename))
        sender.close()
        return
    with raw:
        hashing = Hashing(raw)
        check = check_file(
            hashing, report, la_exists=la_codes.__contains__, on_header=sender.header, on_person=sender.person
        )
    sender.flush()
    sender.send("done", (check, hashing.sha.hexdigest()))
    sender.close()


class Hashing:
    """A binary file that hashes what is read from it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha.update(data)
        return data


if __name__ == "__main__":
    main()
