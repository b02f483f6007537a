# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""Read an input file safely: a regular file, bounded, and named in errors.

Every file the library reads on an operator's behalf (configuration files,
overlays, coverage reports, files of a source tree) goes through
:func:`read_text`, so that a FIFO, a device, a directory, a symlink loop or
an endless file is refused with one line instead of hanging or filling the
memory.
"""

import os
import re
import stat

from oslo_messaging_support import exception

#: The largest input file read, in bytes (overlays, configuration files,
#: coverage reports, files of a source tree).
MAX_BYTES = 8 * 1024 * 1024

#: The most characters of one input value that an error message quotes.
EXCERPT_CHARS = 64

#: The most characters of a path that an error message quotes.
PATH_CHARS = 200

#: Integers longer than this many bits are described, never converted to
#: text (Python refuses to print an integer of more than 4300 digits).
_MAX_INT_BITS = 1024


def escape(text):
    """``text`` with control characters escaped, for a one-line message."""
    text = str(text)
    if text.isprintable():
        return text
    return ''.join(char if char.isprintable() else
                   char.encode('unicode_escape').decode('ascii')
                   for char in text)


def excerpt(value, limit=EXCERPT_CHARS):
    """A short, escaped excerpt of an input value, for an error message.

    Every error that quotes what an operator (or a file) gave quotes it
    through this function, so that a 100,000-character value gives a
    one-line message of bounded length: ``limit`` characters of the value
    (its start and its end), escaped as :func:`escape` does, then how long
    it is::

        111111111111111111111111111111111111111111111111...1111111111111111
        (100000 characters)

    :param value: the value (any object; a huge integer is described
        rather than converted to text)
    :param limit: the most characters of ``value`` quoted
    :returns: the excerpt, a string of at most about ``4 * limit + 30``
        printable characters
    """
    if isinstance(value, int) and not isinstance(value, bool) and \
            value.bit_length() > _MAX_INT_BITS:
        return 'an integer of about %d digits' % int(
            value.bit_length() * 0.30103)
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return escape(text)
    tail = limit // 4
    return '%s...%s (%d characters)' % (
        escape(text[:limit - tail]), escape(text[len(text) - tail:]),
        len(text))


def bracket_depth(text, skip):
    """How deep ``[`` and ``{`` nest in ``text`` (JSON, TOML).

    Counted before a parser sees the text, so that a deeply nested input is
    refused rather than exhausting the parser's recursion.

    :param text: the document
    :param skip: a compiled pattern of what holds brackets that do not
        nest (strings, comments), removed first
    :returns: the deepest nesting, 0 for none
    """
    depth = deepest = 0
    for match in re.finditer(r'[\[\]{}]', skip.sub('', text)):
        if match.group() in '[{':
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def read_bytes(path, limit=MAX_BYTES, what='file'):
    """The content of a regular file of at most ``limit`` bytes.

    :param path: the file's path
    :param limit: the largest size accepted
    :param what: what the file is, for messages (``'overlay'``)
    :returns: :class:`bytes`
    :raises InputFileError: the file is missing, not a regular file,
        larger than ``limit`` or unreadable; the message is one line that
        names the file
    """
    if isinstance(path, str) and '\x00' in path:
        raise exception.InputFileError(what, path, 'the path holds a NUL byte')
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise exception.InputFileError(what, path, 'no such file') from None
    except IsADirectoryError:
        raise exception.InputFileError(
            what, path, 'is a directory, not a file') from None
    except OSError as exc:
        raise exception.InputFileError(
            what, path, 'cannot be opened: %s' % (exc.strerror or exc)
        ) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise exception.InputFileError(what, path,
                                           'is a directory, not a file')
        if not stat.S_ISREG(info.st_mode):
            raise exception.InputFileError(
                what, path, 'is not a regular file (a FIFO, socket or '
                'device is never read)')
        if info.st_size > limit:
            raise exception.InputFileError(
                what, path, 'is %d bytes, more than the %d read at most'
                % (info.st_size, limit))
        os.set_blocking(descriptor, True)
        chunks = []
        size = 0
        while True:
            chunk = os.read(descriptor, 65536)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise exception.InputFileError(
                    what, path, 'grew past the %d bytes read at most'
                    % limit)
            chunks.append(chunk)
        return b''.join(chunks)
    except OSError as exc:
        raise exception.InputFileError(
            what, path, 'cannot be read: %s' % (exc.strerror or exc)
        ) from None
    finally:
        os.close(descriptor)


def read_text(path, limit=MAX_BYTES, what='file'):
    """The UTF-8 text of a regular file of at most ``limit`` bytes.

    :raises InputFileError: as :func:`read_bytes`, or the file is not
        UTF-8 text (the message names the file and the line)
    """
    data = read_bytes(path, limit, what)
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError as exc:
        line = data.count(b'\n', 0, exc.start) + 1
        raise exception.InputFileError(
            what, path, 'is not UTF-8 text (byte 0x%02x)' % data[exc.start],
            line=line) from None
