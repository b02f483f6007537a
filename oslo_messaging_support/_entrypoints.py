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
"""The drivers installed in the ``oslo.messaging.drivers`` namespace."""

import collections
import dataclasses
import importlib.metadata
import threading

#: The stevedore namespace oslo.messaging loads its drivers from.
NAMESPACE = 'oslo.messaging.drivers'


@dataclasses.dataclass(frozen=True)
class InstalledDriver:
    """One entry point registered in :data:`NAMESPACE`.

    :ivar name: the entry point name (``rabbit``)
    :ivar target: what it resolves to, ``module.path:ClassName``
    :ivar distribution: the distribution that registered it
    """

    name: str
    target: str
    distribution: str


class EntryPointTable:
    """The namespace's entry points, read once per process.  Thread-safe."""

    def __init__(self):
        self._lock = threading.Lock()
        self._table = None

    def _read(self):
        table = collections.defaultdict(list)
        seen = set()
        for dist in importlib.metadata.distributions():
            dist_name = dist.metadata['Name'] or '<unknown>'
            for entry_point in dist.entry_points:
                if entry_point.group != NAMESPACE:
                    continue
                key = (entry_point.name, entry_point.value, dist_name)
                if key in seen:
                    continue
                seen.add(key)
                table[entry_point.name].append(InstalledDriver(
                    name=entry_point.name, target=entry_point.value,
                    distribution=dist_name))
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

    def clear(self):
        """Read the namespace again on next use (after installing)."""
        with self._lock:
            self._table = None


#: The process-wide table.
TABLE = EntryPointTable()
