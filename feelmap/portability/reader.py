"""Read a JSON document's outer structure from a byte stream a piece at a time.

The import walks the export's top-level object and its `data` lists by hand (whitespace,
braces, commas) and decodes each value inside them, one record at a time, with the standard
library's C decoder (`JSONDecoder.raw_decode`). Memory holds one buffer of text and one
record, however large the file; any valid JSON layout is read (keys in any order, any
indentation), not only the one Feelmap writes.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

CHUNK = 1 << 20
MAX_VALUE = 64 << 20  # one record larger than this is refused (a journal entry is ≤ 200 kB)
_WS = " \t\n\r"
_decoder = json.JSONDecoder()


class Unreadable(Exception):
    """The bytes are not a readable JSON document; `message` says why in plain words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TooLarge(Exception):
    pass


class JsonStream:
    def __init__(self, stream: IO[bytes], limit: int):
        self.stream = stream
        self.limit = limit
        self.read_bytes = 0
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.lines_before = 0  # newlines in text already dropped from the buffer
        self.line_start_before = 0  # characters since the last dropped newline
        self._decode = codecs.getincrementaldecoder("utf-8")()

    # --- the buffer ---------------------------------------------------------------------

    def _fill(self, at_least: int = CHUNK) -> bool:
        """Read more text into the buffer; False at the end of the file."""
        if self.eof:
            return False
        if self.pos > 0:
            dropped = self.buf[:self.pos]
            newlines = dropped.count("\n")
            if newlines:
                self.lines_before += newlines
                self.line_start_before = len(dropped) - dropped.rfind("\n") - 1
            else:
                self.line_start_before += len(dropped)
            self.buf = self.buf[self.pos:]
            self.pos = 0
        want = max(at_least, CHUNK)
        piece = self.stream.read(min(want, self.limit + 1 - self.read_bytes))
        start = self.read_bytes
        self.read_bytes += len(piece)
        if self.read_bytes > self.limit:
            raise TooLarge
        try:
            text = self._decode.decode(piece, final=not piece)
        except UnicodeDecodeError as exc:
            raise Unreadable(f"The file is not UTF-8 text (byte {start + exc.start}). Choose "
                             "the .json file Feelmap exported.") from None
        if not piece:
            self.eof = True
        self.buf += text
        return bool(piece) or bool(text)

    def where(self, index: int | None = None) -> str:
        index = self.pos if index is None else index
        newlines = self.buf.count("\n", 0, index)
        line = self.lines_before + newlines + 1
        if newlines:
            column = index - self.buf.rfind("\n", 0, index)
        else:
            column = self.line_start_before + index + 1
        return f"line {line}, column {column}"

    def _cut_short(self) -> Unreadable:
        return Unreadable(f"The file ends too early ({self.where(len(self.buf))}): it may have "
                          "been cut short while copying.")

    # --- tokens -------------------------------------------------------------------------

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end of the file)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, chars: str, what: str) -> str:
        found = self.peek()
        if found == "":
            raise self._cut_short()
        if found not in chars:
            raise Unreadable(f"The file is not valid JSON at {self.where()}: expected {what}.")
        self.pos += 1
        return found

    def value(self) -> Any:
        """Decode the next JSON value whole."""
        if self.peek() == "":
            raise self._cut_short()
        while True:
            try:
                found, end = _decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if not self.eof and len(self.buf) - self.pos < MAX_VALUE:
                    self._fill(len(self.buf) - self.pos)  # read at least as much again
                    continue
                if self.eof and (exc.pos >= len(self.buf.rstrip())
                                 or exc.msg.startswith("Unterminated string")):
                    raise self._cut_short() from None
                if not self.eof:
                    raise Unreadable(f"One record at {self.where()} is larger than "
                                     f"{MAX_VALUE >> 20} MB.") from None
                raise Unreadable(f"The file is not valid JSON at {self.where(exc.pos)}: "
                                 f"{exc.msg}.") from None
            except RecursionError:
                raise Unreadable("The file is nested too deeply to be a Feelmap export.") from None
            except ValueError as exc:  # e.g. a number with thousands of digits
                raise Unreadable(f"The file holds a value Feelmap cannot read ({exc}).") from None
            if end == len(self.buf) and not self.eof and self._fill():
                continue  # a number at the end of the buffer may go on
            self.pos = end
            return found

    def items(self) -> Iterator[str]:
        """The keys of an object, one at a time; the caller reads each value."""
        self.expect("{", "an object")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise Unreadable(f"The file is not valid JSON at {self.where()}: a key must be "
                                 "text.")
            self.expect(":", "':'")
            yield key
            if self.expect(",}", "',' or '}'") == "}":
                return

    def elements(self) -> Iterator[Any]:
        """The values of an array, decoded one at a time."""
        self.expect("[", "a list")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.expect(",]", "',' or ']'") == "]":
                return

    def end(self) -> None:
        if self.peek() != "":
            raise Unreadable(f"The file is not valid JSON at {self.where()}: there is more "
                             "after the end of the export.")
