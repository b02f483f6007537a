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
"""The files of a source tree, reached without leaving the tree.

Every file and directory the audit reads under ``--source`` goes through a
:class:`ConfinedTree`: a path is resolved (symlinks followed) and refused
when it ends outside the tree, so that a ``doc/source`` symlink to ``/`` or
a ``.stestr.conf`` whose ``test_path`` is ``/`` never walks the
filesystem; directories are walked without recursion, never through a
symlink, and at most :data:`MAX_ENTRIES` entries are listed, so that
neither a deep nor a huge tree exhausts the stack or the time.  Files are
read by :mod:`~oslo_messaging_support.readers.bounded` (regular, bounded,
UTF-8).
"""

import os

from oslo_messaging_support.audit import _model
from oslo_messaging_support import exception
from oslo_messaging_support.readers import bounded

#: The most files and directories listed in one source tree.
MAX_ENTRIES = 100000


class ConfinedTree:
    """A directory tree that the audit reads and never leaves.

    :param path: the tree's top directory
    :param what: what a file of the tree is called in errors
    """

    def __init__(self, path, what=_model.SOURCE_FILE):
        self.path = path
        self.what = what
        self.real = os.path.realpath(path)
        self._listed = 0

    def _refuse(self, path, problem):
        raise exception.InputFileError(self.what, path, problem)

    def contains(self, path):
        """Whether ``path``, once its symlinks are resolved, is in the tree.

        :raises InputFileError: the path holds a NUL byte
        """
        try:
            real = os.path.realpath(path)
        except ValueError:
            self._refuse(path, 'the path holds a NUL byte')
        return real == self.real or \
            real.startswith(self.real.rstrip(os.sep) + os.sep)

    def inside(self, path):
        """``path``, after checking that it stays in the tree.

        :raises InputFileError: it resolves to a place outside the tree
        """
        if not self.contains(path):
            self._refuse(path, 'leads outside the source tree %s (a '
                         'symlink or a path that leaves it is never '
                         'followed)' % bounded.excerpt(self.path,
                                                       bounded.PATH_CHARS))
        return path

    def read(self, path):
        """The text of a file of the tree, or ``None`` when absent.

        :raises InputFileError: the file leads outside the tree, or is not
            a regular, bounded UTF-8 text file
        """
        if not os.path.lexists(path):
            return None
        return bounded.read_text(self.inside(path), what=self.what)

    def _count(self, path, count):
        self._listed += count
        if self._listed > MAX_ENTRIES:
            self._refuse(path, 'the source tree holds more than %d files '
                         'and directories where the audit looks; it reads '
                         'at most that many' % MAX_ENTRIES)

    def _scan(self, directory):
        try:
            with os.scandir(directory) as entries:
                found = list(entries)
        except OSError as exc:
            self._refuse(directory, 'cannot be listed: %s'
                         % (exc.strerror or exc))
        self._count(directory, len(found))
        return found

    def listdir(self, directory):
        """The sorted names in a directory of the tree.

        :raises InputFileError: it leads outside the tree, cannot be
            listed, or the tree holds too many entries
        """
        return sorted(entry.name for entry in
                      self._scan(self.inside(directory)))

    def walk(self, top):
        """Walk a directory of the tree, without recursion.

        Like :func:`os.walk` (top-down, symlinked directories not
        entered), but a top that leads outside the tree or a directory
        that cannot be listed is an error, and so are more than
        :data:`MAX_ENTRIES` entries in the tree.

        :returns: an iterator of ``(directory, sorted file names)``;
            nothing when ``top`` is not a directory
        :raises InputFileError: as :meth:`listdir`
        """
        if not os.path.isdir(top):
            return
        pending = [self.inside(top)]
        while pending:
            directory = pending.pop()
            files = []
            subdirectories = []
            for entry in self._scan(directory):
                try:
                    if entry.is_dir():
                        if not entry.is_symlink():
                            subdirectories.append(entry.path)
                        continue
                except OSError:
                    pass
                files.append(entry.name)
            yield directory, sorted(files)
            pending.extend(sorted(subdirectories, reverse=True))
