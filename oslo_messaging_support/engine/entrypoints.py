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
"""The drivers installed in the ``oslo.messaging.drivers`` namespace.

The namespace is listed through stevedore, with the cache that
oslo.messaging's own ``DriverManager`` fills: the list is what
oslo.messaging will load from, and reading it costs a dictionary lookup
once either side has read it.  stevedore's list does not say which
distribution registered an entry point; that is looked up only when
someone asks (an impostor is named with its distribution), by reading the
``entry_points.txt`` of the installed distributions once.
"""

import collections
import importlib.metadata
import threading

#: The stevedore namespace oslo.messaging loads its drivers from.
NAMESPACE = 'oslo.messaging.drivers'

#: What :attr:`InstalledDriver.distribution` says when no installed
#: distribution declares the entry point any more.
UNKNOWN_DISTRIBUTION = '<unknown>'


def _stevedore_group_reader():
    """stevedore's cached reader of one entry point group, or ``None``.

    ``stevedore._cache.get_group_all`` is what
    ``ExtensionManager.list_entry_points`` calls to fill
    ``ExtensionManager.ENTRY_POINT_CACHE``.  It is private to stevedore,
    so this is the one place that names it; when it moves, the caller
    falls back to :mod:`importlib.metadata` (slower, same answer) and a
    unit test fails.
    """
    try:
        from stevedore import _cache
        reader = _cache.get_group_all
    except (ImportError, AttributeError):  # pragma: no cover
        return None
    return reader if callable(reader) else None


def namespace_entry_points():
    """The entry points of :data:`NAMESPACE`, as stevedore lists them.

    The list stevedore's ``ExtensionManager`` has already cached for the
    namespace if there is one (oslo.messaging loaded a driver), else
    stevedore's own cached reader, which oslo.messaging's next driver
    load then finds filled.  Nothing of stevedore's is written here.

    :returns: a list of :class:`importlib.metadata.EntryPoint`
    """
    try:
        from stevedore import extension
        cached = extension.ExtensionManager.ENTRY_POINT_CACHE.get(NAMESPACE)
    except (ImportError, AttributeError):  # pragma: no cover
        cached = None
    if cached is not None:
        return list(cached)
    reader = _stevedore_group_reader()
    if reader is not None:
        return list(reader(NAMESPACE))
    return list(importlib.metadata.entry_points(  # pragma: no cover
        group=NAMESPACE))


def _distribution_index():
    """``{(name, target): (distribution, ...)}`` for :data:`NAMESPACE`.

    Reads the ``entry_points.txt`` of every installed distribution and
    parses the metadata of those that register something in the
    namespace only.
    """
    index = collections.defaultdict(list)
    seen = set()
    for dist in importlib.metadata.distributions():
        try:
            text = dist.read_text('entry_points.txt')
        except (OSError, UnicodeDecodeError):
            continue
        if not text or NAMESPACE not in text:
            continue
        dist_name = dist.metadata['Name'] or UNKNOWN_DISTRIBUTION
        # importlib.metadata lists a distribution once, the first found
        # on sys.path, as stevedore does.
        if dist_name in seen:
            continue
        seen.add(dist_name)
        for entry_point in dist.entry_points.select(group=NAMESPACE):
            key = (entry_point.name, entry_point.value)
            if dist_name not in index[key]:
                index[key].append(dist_name)
    return {key: tuple(names) for key, names in index.items()}


class InstalledDriver:
    """One entry point registered in :data:`NAMESPACE`.

    Immutable.  The distribution may be given; if not, it is looked up on
    first use in the index of distributions of ``table`` (the
    process-wide :data:`TABLE` by default).

    :ivar name: the entry point name (``rabbit``)
    :ivar target: what it resolves to, ``module.path:ClassName``
    :ivar distribution: the distribution that registered it (several are
        joined with ``', '``)
    """

    __slots__ = ('name', 'target', '_distribution', '_table')

    def __init__(self, name, target, distribution=None, table=None):
        object.__setattr__(self, 'name', name)
        object.__setattr__(self, 'target', target)
        object.__setattr__(self, '_distribution', distribution)
        object.__setattr__(self, '_table', table)

    def __setattr__(self, name, value):
        raise AttributeError('InstalledDriver is immutable')

    @property
    def distribution(self):
        """The distribution that registered the entry point."""
        if self._distribution is None:
            table = self._table or TABLE
            object.__setattr__(self, '_distribution',
                               table.distribution_of(self.name, self.target))
        return self._distribution

    def _key(self):
        return (self.name, self.target, self.distribution)

    def __eq__(self, other):
        if not isinstance(other, InstalledDriver):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash((self.name, self.target))

    def __repr__(self):
        return ('InstalledDriver(name=%r, target=%r, distribution=%r)'
                % self._key())


class EntryPointTable:
    """The namespace's entry points, read once per process.  Thread-safe.

    :param reader: a callable that returns the namespace's entry points,
        :func:`namespace_entry_points` by default
    """

    def __init__(self, reader=None):
        self._reader = reader
        self._lock = threading.Lock()
        self._table = None
        self._distributions = None

    def _read(self):
        table = collections.defaultdict(list)
        seen = set()
        reader = self._reader or namespace_entry_points
        for entry_point in reader():
            key = (entry_point.name, entry_point.value)
            if key in seen:
                continue
            seen.add(key)
            table[entry_point.name].append(InstalledDriver(
                entry_point.name, entry_point.value, table=self))
        return {name: tuple(items) for name, items in table.items()}

    def table(self):
        """``{name: (InstalledDriver, ...)}`` for the whole namespace."""
        table = self._table
        if table is None:
            with self._lock:
                if self._table is None:
                    self._table = self._read()
                table = self._table
        return table

    def get(self, name):
        """The :class:`InstalledDriver` objects registered as ``name``."""
        return self.table().get(name, ())

    def distribution_of(self, name, target):
        """The distribution(s) that registered ``name = target``.

        The installed distributions are read on the first call only.

        :returns: a distribution name, several joined with ``', '``, or
            :data:`UNKNOWN_DISTRIBUTION`
        """
        index = self._distributions
        if index is None:
            with self._lock:
                if self._distributions is None:
                    self._distributions = _distribution_index()
                index = self._distributions
        return ', '.join(index.get((name, target), ())) or \
            UNKNOWN_DISTRIBUTION

    def clear(self):
        """Read the namespace again on next use (after installing)."""
        with self._lock:
            self._table = None
            self._distributions = None


#: The process-wide table.
TABLE = EntryPointTable()
